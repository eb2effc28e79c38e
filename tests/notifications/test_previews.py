"""Coordinators can see each kind of email, written from made-up examples. Nobody else can."""

import pytest
from django.urls import reverse

from included.notifications.enums import Kind
from tests.assessments.factories import make_reviewer
from tests.factories import OrganisationMemberFactory, PartnershipFactory, PartnershipMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return PartnershipFactory()


def test_a_coordinator_sees_the_list_of_emails(client, partnership):
    client.force_login(PartnershipMemberFactory(partnership=partnership).user)

    response = client.get(reverse("notifications:previews", kwargs={"partnership_slug": partnership.slug}))

    assert response.status_code == 200
    for kind in Kind:
        assert reverse("notifications:preview", kwargs={"partnership_slug": partnership.slug, "kind": kind}) in (
            response.text
        )


@pytest.mark.parametrize("kind", list(Kind))
def test_a_coordinator_sees_each_email_with_its_subject_text_and_html(client, partnership, kind):
    client.force_login(PartnershipMemberFactory(partnership=partnership).user)

    response = client.get(reverse("notifications:preview", kwargs={"partnership_slug": partnership.slug, "kind": kind}))

    assert response.status_code == 200
    assert response.context["subject"] in response.text
    assert "Hello Robin Example," in response.context["text"]
    assert response.context["html"].startswith("<!DOCTYPE html>")
    assert "Stop emails like this one" in response.text
    assert "<body>" not in response.context["body"]


def test_the_preview_of_a_reminder_says_after_how_many_days(client, partnership):
    client.force_login(PartnershipMemberFactory(partnership=partnership).user)

    response = client.get(
        reverse(
            "notifications:preview", kwargs={"partnership_slug": partnership.slug, "kind": Kind.CONTRIBUTION_WAITING}
        )
    )

    assert "Once, after 14 days." in response.text


def test_an_unknown_email_is_not_found(client, partnership):
    client.force_login(PartnershipMemberFactory(partnership=partnership).user)

    response = client.get(reverse("notifications:preview", kwargs={"partnership_slug": partnership.slug, "kind": "x"}))

    assert response.status_code == 404


@pytest.mark.parametrize("who", ["admin", "member", "reviewer", "other coordinator"])
def test_only_the_partnerships_coordinators_see_the_emails(client, partnership, who):
    people = {
        "admin": lambda: OrganisationMemberFactory(organisation__partnership=partnership).user,
        "member": lambda: OrganisationMemberFactory(organisation__partnership=partnership, member=True).user,
        "reviewer": lambda: make_reviewer(partnership),
        "other coordinator": lambda: PartnershipMemberFactory().user,
    }
    client.force_login(people[who]())

    for url in (
        reverse("notifications:previews", kwargs={"partnership_slug": partnership.slug}),
        reverse("notifications:preview", kwargs={"partnership_slug": partnership.slug, "kind": Kind.REVIEWER_ASSIGNED}),
    ):
        assert client.get(url).status_code == 403


def test_a_post_to_a_preview_changes_nothing(client, partnership):
    client.force_login(PartnershipMemberFactory(partnership=partnership).user)

    response = client.post(reverse("notifications:previews", kwargs={"partnership_slug": partnership.slug}))

    assert response.status_code == 405


def test_the_text_and_html_parts_are_shown_as_text_not_run_as_part_of_the_page(client, partnership):
    client.force_login(PartnershipMemberFactory(partnership=partnership).user)

    response = client.get(
        reverse("notifications:preview", kwargs={"partnership_slug": partnership.slug, "kind": Kind.REVIEWER_ASSIGNED})
    )

    assert response.text.count("<style>") == 0
    assert "&lt;!DOCTYPE html&gt;" in response.text
