from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse

from included.core.models import AuditEvent
from included.invitations.enums import InvitationKind
from included.invitations.models import Invitation
from included.organisations.models import Organisation
from tests.accounts.helpers import extract_link, h1_count, page_text
from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory, UserFactory
from tests.invitations.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def invitations_url(partnership):
    return reverse("www:invitations", kwargs={"partnership_slug": partnership.slug})


@pytest.fixture
def coordinator(client):
    role = PartnershipMemberFactory()
    client.force_login(role.user)
    return role


def test_coordinator_sees_every_invitation_and_what_became_of_it(client, coordinator):
    partnership = coordinator.partnership
    InvitationFactory(partnership=partnership, email="waiting@example.org")
    InvitationFactory(partnership=partnership, email="accepted@example.org", accepted=True)
    InvitationFactory(partnership=partnership, email="expired@example.org", expired=True)
    InvitationFactory(partnership=partnership, email="withdrawn@example.org", withdrawn=True)
    InvitationFactory(email="other.partnership@example.org")

    response = client.get(invitations_url(partnership))
    assert response.status_code == 200
    assert h1_count(response) == 1
    text = page_text(response)
    for status in ["Waiting", "Accepted", "Expired", "Withdrawn"]:
        assert status in text
    assert "waiting@example.org" in text
    assert "other.partnership@example.org" not in text
    assert "Send again to waiting@example.org" in text
    assert "Withdraw the invitation to waiting@example.org" in text
    assert "Send again to expired@example.org" in text
    assert "Withdraw the invitation to accepted@example.org" not in text


def test_only_the_partnerships_coordinators_can_open_the_page(client):
    partnership = PartnershipMemberFactory().partnership
    url = invitations_url(partnership)

    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))

    for person in [
        PartnershipMemberFactory(partnership=partnership, reviewer=True).user,
        OrganisationMemberFactory(organisation__partnership=partnership).user,
        PartnershipMemberFactory().user,
        UserFactory(),
    ]:
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 403, person
        assert (
            client.post(
                url, {"action": "reviewer", "reviewer-name": "X", "reviewer-email": "x@example.org"}
            ).status_code
            == 403
        )
    assert not Invitation.objects.exists()


def test_an_unknown_partnership_is_not_found(client, coordinator):
    assert client.get(reverse("www:invitations", kwargs={"partnership_slug": "nowhere"})).status_code == 404


@pytest.mark.parametrize(
    ("action", "kind"), [("reviewer", InvitationKind.REVIEWER), ("coordinator", InvitationKind.COORDINATOR)]
)
def test_coordinator_invites_a_person(client, coordinator, django_capture_on_commit_callbacks, action, kind):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            invitations_url(coordinator.partnership),
            {"action": action, f"{action}-name": "Jo Bloggs", f"{action}-email": " Jo@Example.org "},
            follow=True,
        )
    assert "We have emailed jo@example.org a link to join" in page_text(response)
    invitation = Invitation.objects.get(email="jo@example.org")
    assert invitation.kind == kind
    assert invitation.name == "Jo Bloggs"
    assert invitation.invited_by == coordinator.user
    assert mail.outbox[0].to == ["jo@example.org"]
    assert AuditEvent.objects.filter(action="invitation.sent", actor=coordinator.user).exists()


def test_missing_answers_are_named_and_nothing_is_sent(client, coordinator):
    response = client.post(invitations_url(coordinator.partnership), {"action": "organisation"})
    assert response.status_code == 200
    text = page_text(response)
    assert "<title>Error: " in response.content.decode()
    for message in [
        "Enter the organisation's name",
        "Choose what kind of organisation it is",
        "Choose how many people work or volunteer there",
        "Enter the name of the person who will look after it",
        "Enter their email address",
    ]:
        assert message in text
    assert not Organisation.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"organisation-organisation_name": "x" * 5000}, "The organisation's name must be 200 characters or fewer"),
        ({"organisation-sector": "pirate ship"}, "Choose one of the kinds of organisation listed"),
        ({"organisation-size": "enormous"}, "Choose one of the sizes listed"),
        ({"organisation-admin_email": "not-an-email"}, "Enter an email address in the right format"),
        ({"organisation-admin_email": "a" * 300 + "@example.org"}, "254 characters or fewer"),
        ({"organisation-admin_name": "\x00"}, "There is a problem"),
    ],
)
def test_hostile_or_wrong_organisation_details_get_a_clear_error_and_keep_what_was_typed(
    client, coordinator, fields, message
):
    data = {
        "action": "organisation",
        "organisation-organisation_name": "<script>alert(1)</script> Café",
        "organisation-sector": "vcse",
        "organisation-size": "micro",
        "organisation-admin_name": "Amara",
        "organisation-admin_email": "amara@example.org",
    } | fields
    response = client.post(invitations_url(coordinator.partnership), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in page_text(response)
    assert "<script>alert(1)</script>" not in content
    if "organisation-organisation_name" not in fields:
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Café" in content
    assert not Organisation.objects.exists()


def test_an_organisation_already_in_the_partnership_is_not_added_twice(client, coordinator):
    Organisation.objects.create(
        partnership=coordinator.partnership, name="Oak Tree Café", slug="oak-tree-cafe", sector="employer", size="small"
    )
    response = client.post(
        invitations_url(coordinator.partnership),
        {
            "action": "organisation",
            "organisation-organisation_name": "oak tree café",
            "organisation-sector": "vcse",
            "organisation-size": "micro",
            "organisation-admin_name": "Amara",
            "organisation-admin_email": "a@example.org",
        },
    )
    assert response.status_code == 200
    assert "oak tree café is already part of this partnership" in page_text(response)
    assert Organisation.objects.count() == 1


def test_organisations_with_the_same_start_of_name_get_their_own_web_addresses(client, coordinator):
    for name in ["Oak Tree", "Oak Tree!", "Oak-Tree?"]:
        client.post(
            invitations_url(coordinator.partnership),
            {
                "action": "organisation",
                "organisation-organisation_name": name,
                "organisation-sector": "vcse",
                "organisation-size": "micro",
                "organisation-admin_name": "Amara",
                "organisation-admin_email": "a@example.org",
            },
        )
    assert sorted(Organisation.objects.values_list("slug", flat=True)) == ["oak-tree", "oak-tree-2", "oak-tree-3"]


def test_someone_already_a_coordinator_is_not_invited_again(client, coordinator):
    other = PartnershipMemberFactory(partnership=coordinator.partnership)
    response = client.post(
        invitations_url(coordinator.partnership),
        {"action": "coordinator", "coordinator-name": "X", "coordinator-email": other.user.email.upper()},
    )
    assert response.status_code == 200
    assert "already has this role" in page_text(response)


def test_an_unknown_action_changes_nothing_and_says_so(client, coordinator):
    response = client.post(invitations_url(coordinator.partnership), {"action": "<script>", "x": "y"})
    assert response.status_code == 200
    assert "Choose who you want to invite" in page_text(response)
    assert not Invitation.objects.exists()


def test_inviting_the_same_person_again_withdraws_the_earlier_link(client, coordinator):
    first = InvitationFactory(partnership=coordinator.partnership, email="jo@example.org", kind=InvitationKind.REVIEWER)
    client.post(
        invitations_url(coordinator.partnership),
        {"action": "reviewer", "reviewer-name": "Jo", "reviewer-email": "jo@example.org"},
    )
    first.refresh_from_db()
    assert first.withdrawn_at is not None


def test_withdrawing_an_invitation_stops_its_link(client, coordinator):
    invitation = InvitationFactory(partnership=coordinator.partnership, email="jo@example.org")
    url = reverse(
        "invitations:withdraw",
        kwargs={"partnership_slug": coordinator.partnership.slug, "invitation_id": invitation.pk},
    )
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "The invitation to jo@example.org is withdrawn" in page_text(response)
    client.logout()
    response = client.get(reverse("invitations:accept", kwargs={"token": invitation.token}))
    assert "This invitation was withdrawn" in page_text(response)
    assert AuditEvent.objects.filter(action="invitation.withdrawn").exists()


def test_sending_again_gives_a_new_link_and_stops_the_old_one(client, coordinator, django_capture_on_commit_callbacks):
    invitation = InvitationFactory(partnership=coordinator.partnership, email="jo@example.org", expired=True)
    url = reverse(
        "invitations:resend",
        kwargs={"partnership_slug": coordinator.partnership.slug, "invitation_id": invitation.pk},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "We have emailed jo@example.org a new link" in page_text(response)
    new_path = urlparse(extract_link(mail.outbox[0].body)).path
    client.logout()
    assert client.get(reverse("invitations:accept", kwargs={"token": invitation.token})).status_code == 404
    response = client.get(new_path)
    assert response.status_code == 200
    assert "You are invited to join" in page_text(response)


def test_an_accepted_invitation_cannot_be_withdrawn_or_sent_again(client, coordinator):
    invitation = InvitationFactory(partnership=coordinator.partnership, email="jo@example.org", accepted=True)
    kwargs = {"partnership_slug": coordinator.partnership.slug, "invitation_id": invitation.pk}
    response = client.post(reverse("invitations:withdraw", kwargs=kwargs), follow=True)
    assert "jo@example.org has already accepted this invitation" in page_text(response)
    response = client.post(reverse("invitations:resend", kwargs=kwargs), follow=True)
    assert "jo@example.org has already accepted this invitation" in page_text(response)
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None


def test_coordinators_cannot_touch_another_partnerships_invitations(client, coordinator):
    elsewhere = InvitationFactory()
    for name in ["invitations:withdraw", "invitations:resend"]:
        mine = reverse(name, kwargs={"partnership_slug": coordinator.partnership.slug, "invitation_id": elsewhere.pk})
        assert client.post(mine).status_code == 404
        theirs = reverse(name, kwargs={"partnership_slug": elsewhere.partnership.slug, "invitation_id": elsewhere.pk})
        assert client.post(theirs).status_code == 403
    elsewhere.refresh_from_db()
    assert elsewhere.withdrawn_at is None


def test_the_page_asks_the_database_the_same_few_questions_however_many_invitations(
    client, coordinator, django_assert_max_num_queries
):
    InvitationFactory.create_batch(3, partnership=coordinator.partnership, for_organisation=True)
    client.get(invitations_url(coordinator.partnership))
    with django_assert_max_num_queries(QUERIES_FOR_THE_INVITATIONS_PAGE):
        client.get(invitations_url(coordinator.partnership))
    InvitationFactory.create_batch(30, partnership=coordinator.partnership, for_organisation=True)
    with django_assert_max_num_queries(QUERIES_FOR_THE_INVITATIONS_PAGE):
        response = client.get(invitations_url(coordinator.partnership))
    assert response.status_code == 200


QUERIES_FOR_THE_INVITATIONS_PAGE = 10


def test_each_kind_of_invitation_has_its_own_short_page_linked_from_the_list(client, coordinator):
    partnership = coordinator.partnership
    listing = client.get(invitations_url(partnership)).content.decode()
    assert 'name="action"' not in listing, "the list page holds no invitation form"

    for kind, heading in [
        ("organisation", "Invite an organisation"),
        ("reviewer", "Invite a lived-experience reviewer"),
        ("coordinator", "Invite another coordinator"),
    ]:
        url = reverse("www:invite", kwargs={"partnership_slug": partnership.slug, "kind": kind})
        assert f'href="{url}"' in listing
        response = client.get(url)
        assert response.status_code == 200
        assert h1_count(response) == 1
        page = response.content.decode()
        assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page
        assert f'<input type="hidden" name="action" value="{kind}">' in page
        assert f'action="{invitations_url(partnership)}"' in page


def test_a_problem_in_an_invitation_shows_its_own_page_again_with_what_was_typed(client, coordinator):
    response = client.post(
        invitations_url(coordinator.partnership),
        {"action": "reviewer", "reviewer-name": "Dee Marshall", "reviewer-email": "not an email"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Invite a lived-experience reviewer</h1>" in page
    assert "govuk-error-summary" in page
    assert 'value="Dee Marshall"' in page
    assert "Invite an organisation</h1>" not in page
    assert not Invitation.objects.exists()


def test_an_unknown_kind_of_invitation_is_not_found(client, coordinator):
    url = reverse("www:invite", kwargs={"partnership_slug": coordinator.partnership.slug, "kind": "emperor"})
    assert client.get(url).status_code == 404
