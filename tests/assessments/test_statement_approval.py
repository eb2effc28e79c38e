"""Where a partnership asks for it, a coordinator approves each new or changed statement before the register
shows it. Until then the register keeps the one approved last."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from included.assessments import services
from included.assessments.models import SignUp
from included.core.models import AuditEvent
from tests.accounts.helpers import h1_count, page_text
from tests.factories import (
    FrameworkVersionFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)

from .factories import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return PartnershipFactory(statements_need_approval=True)


@pytest.fixture
def coordinator(partnership):
    return PartnershipMemberFactory(partnership=partnership).user


def sign_up_to(partnership, statement="We open our doors to everyone.", name="Bright Futures Bakery"):
    organisation = OrganisationFactory(partnership=partnership, name=name)
    admin = OrganisationMemberFactory(organisation=organisation).user
    return services.sign_up(
        organisation, FrameworkVersionFactory(items=1), lead_name="Priya", lead_role="", statement=statement, by=admin
    )


def register(client, partnership):
    return page_text(client.get(reverse("assessments:register", kwargs={"partnership_slug": partnership.slug})))


def waiting_url(partnership):
    return reverse("assessments:statements_waiting", kwargs={"partnership_slug": partnership.slug})


def test_without_approval_a_statement_is_on_the_register_at_once(client):
    partnership = PartnershipFactory()
    record = sign_up_to(partnership)
    assert record.approved_statement == record.statement
    assert "We open our doors to everyone." in register(client, partnership)
    assert not SignUp.objects.waiting_for_approval().exists()


def test_a_new_statement_waits_off_the_register_until_approved(
    client, partnership, coordinator, django_capture_on_commit_callbacks
):
    record = sign_up_to(partnership)
    assert "Bright Futures Bakery" not in register(client, partnership)
    assert list(SignUp.objects.waiting_for_approval()) == [record]

    client.force_login(coordinator)
    response = client.get(waiting_url(partnership))
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert "We open our doors to everyone." in page_text(response)
    assert "Nothing yet. It is new." in page_text(response)
    # Committed, as in real use: that clears the cached register.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "assessments:approve_statement",
                kwargs={"partnership_slug": partnership.slug, "sign_up_id": record.pk},
            ),
            {"version": record.version},
            follow=True,
        )
    assert "is on the register now" in page_text(response)
    assert "No statement is waiting" in page_text(response)
    client.logout()
    assert "We open our doors to everyone." in register(client, partnership)
    assert AuditEvent.objects.filter(action="sign_up.statement_approved", actor=coordinator).exists()


def test_a_changed_statement_keeps_the_approved_one_on_the_register(client, partnership, coordinator):
    record = sign_up_to(partnership)
    services.approve_statement(record, by=coordinator, expected_version=record.version)
    services.update_statement(
        record, lead_name="Priya", lead_role="", statement="Something new.", by=admin_of(record.organisation)
    )
    text = register(client, partnership)
    assert "We open our doors to everyone." in text
    assert "Something new." not in text
    assert record.is_waiting_for_approval

    organisation = record.organisation
    client.force_login(admin_of(organisation))
    statement_page = page_text(
        client.get(
            reverse(
                "assessments:edit_statement",
                kwargs={
                    "partnership_slug": partnership.slug,
                    "organisation_slug": organisation.slug,
                    "sign_up_id": record.pk,
                },
            )
        )
    )
    assert "On the register now" in statement_page
    assert "We open our doors to everyone." in statement_page
    assert "A coordinator reads your statement before it goes on the public register" in statement_page


def test_the_admins_are_told_their_statement_waits(client, partnership):
    record = sign_up_to(partnership)
    organisation = record.organisation
    client.force_login(admin_of(organisation))
    home = reverse(
        "www:organisation_home",
        kwargs={"partnership_slug": partnership.slug, "organisation_slug": organisation.slug},
    )
    assert "waiting for a coordinator" in page_text(client.get(home))


def test_approving_a_statement_that_changed_since_it_was_read_is_refused(partnership, coordinator):
    record = sign_up_to(partnership)
    read_version = record.version
    services.update_statement(
        record, lead_name="Priya", lead_role="", statement="Changed meanwhile.", by=admin_of(record.organisation)
    )
    with pytest.raises(services.StatementChanged):
        services.approve_statement(record, by=coordinator, expected_version=read_version)
    assert SignUp.objects.get(pk=record.pk).approved_at is None


def test_a_coordinator_sends_a_statement_back_with_a_reason(
    client, partnership, coordinator, django_capture_on_commit_callbacks
):
    record = sign_up_to(partnership)
    client.force_login(coordinator)
    url = reverse(
        "assessments:return_statement", kwargs={"partnership_slug": partnership.slug, "sign_up_id": record.pk}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert h1_count(response) == 1
    response = client.post(url, {"version": record.version, "reason": "  "})
    assert "Say why you are sending the statement back" in response.context["form"].errors["reason"][0]
    response = client.post(url, {"version": record.version, "reason": "x" * 2001})
    assert "2,000 characters or fewer" in response.context["form"].errors["reason"][0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"version": record.version, "reason": "Please name who you work with."}, follow=True
        )
    assert "is sent back to" in page_text(response)
    (email,) = mail.outbox
    assert email.to == [admin_of(record.organisation).email]
    assert "> Please name who you work with." in email.body
    assert "/statement/" in email.body
    record.refresh_from_db()
    assert record.returned_reason == "Please name who you work with."
    assert not record.is_waiting_for_approval

    organisation = record.organisation
    admin = admin_of(organisation)
    client.force_login(admin)
    statement_url = reverse(
        "assessments:edit_statement",
        kwargs={"partnership_slug": partnership.slug, "organisation_slug": organisation.slug, "sign_up_id": record.pk},
    )
    assert "Please name who you work with." in page_text(client.get(statement_url))
    services.update_statement(record, lead_name="Priya", lead_role="", statement="We work with the college.", by=admin)
    record.refresh_from_db()
    assert record.returned_at is None
    assert record.is_waiting_for_approval


def test_sending_back_needs_a_reason(partnership, coordinator):
    record = sign_up_to(partnership)
    with pytest.raises(ValidationError):
        services.return_statement(record, by=coordinator, expected_version=record.version, reason=" \n")


@pytest.mark.parametrize("who", ["coordinator elsewhere", "the organisation's admin", "reviewer", "member elsewhere"])
def test_only_the_partnerships_coordinators_approve_or_send_back(partnership, who):
    record = sign_up_to(partnership)
    people = {
        "coordinator elsewhere": lambda: PartnershipMemberFactory().user,
        "the organisation's admin": lambda: admin_of(record.organisation),
        "reviewer": lambda: PartnershipMemberFactory(partnership=partnership, reviewer=True).user,
        "member elsewhere": lambda: OrganisationMemberFactory(organisation__partnership=partnership, member=True).user,
    }
    person = people[who]()
    with pytest.raises(PermissionDenied):
        services.approve_statement(record, by=person, expected_version=record.version)
    with pytest.raises(PermissionDenied):
        services.return_statement(record, by=person, expected_version=record.version, reason="No.")
    record.refresh_from_db()
    assert record.approved_at is None and record.returned_at is None


def test_a_coordinator_from_another_partnership_gets_not_found(client, partnership):
    record = sign_up_to(partnership)
    other = PartnershipMemberFactory()
    client.force_login(other.user)
    url = reverse(
        "assessments:approve_statement", kwargs={"partnership_slug": other.partnership.slug, "sign_up_id": record.pk}
    )
    assert client.post(url, {"version": record.version}).status_code == 404
    assert SignUp.objects.get(pk=record.pk).approved_at is None


def test_a_broken_version_is_refused_without_a_change(client, partnership, coordinator):
    record = sign_up_to(partnership)
    client.force_login(coordinator)
    url = reverse(
        "assessments:approve_statement", kwargs={"partnership_slug": partnership.slug, "sign_up_id": record.pk}
    )
    response = client.post(url, {"version": "not a number\x00"}, follow=True)
    assert "out of date" in page_text(response)
    assert SignUp.objects.get(pk=record.pk).approved_at is None


def test_switching_approval_on_keeps_what_is_already_on_the_register(client):
    partnership = PartnershipFactory()
    sign_up_to(partnership)
    partnership.statements_need_approval = True
    partnership.save(update_fields=["statements_need_approval"])
    assert "We open our doors to everyone." in register(client, partnership)
    assert not SignUp.objects.waiting_for_approval().exists()


def test_switching_approval_off_shows_the_latest_statements(client, partnership, coordinator):
    record = sign_up_to(partnership)
    services.approve_statement(record, by=coordinator, expected_version=record.version)
    services.update_statement(
        record, lead_name="P", lead_role="", statement="Newer words.", by=admin_of(record.organisation)
    )
    partnership.statements_need_approval = False
    partnership.save(update_fields=["statements_need_approval"])
    assert "Newer words." in register(client, partnership)
