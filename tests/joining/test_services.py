"""Asking to join, and the coordinators' answer: each decided once, by the partnership's coordinators only."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied

from included.access.enums import MemberRole
from included.core.models import AuditEvent, OutgoingEmail
from included.invitations.enums import InvitationKind
from included.invitations.models import Invitation
from included.joining import services
from included.joining.enums import JoinRequestStatus
from included.joining.models import JoinRequest
from included.notifications.enums import Frequency, Kind
from included.notifications.sending import choices_of, send_digests
from included.organisations.enums import Sector, Size
from included.organisations.models import Organisation
from included.organisations.services import MembershipError
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipMemberFactory
from tests.joining.factories import JoinRequestFactory
from tests.notifications.helpers import choose, emails_to, stop_with_the_link_in

pytestmark = pytest.mark.django_db

DETAILS = {
    "organisation_name": "Riverside Community Kitchen",
    "sector": Sector.VCSE,
    "size": Size.MICRO,
    "local_area": "Northgate",
    "registration_number": "1123456",
    "contact_name": "Amara Okafor",
    "contact_email": "Amara@Example.org",
    "message": "We cook with people who are out of work.",
}


@pytest.fixture
def coordinator():
    return PartnershipMemberFactory()


def test_asking_records_the_request_and_emails_the_contact(coordinator):
    partnership = coordinator.partnership

    request = services.ask_to_join(partnership, **DETAILS)

    assert request.status == JoinRequestStatus.PENDING
    assert request.contact_email == "amara@example.org"
    assert AuditEvent.objects.filter(action="join_request.received", object_id=str(request.pk)).exists()
    email = next(email for email in mail.outbox if email.to == ["amara@example.org"])
    assert email.to == ["amara@example.org"]
    assert partnership.name in email.subject
    assert "What happens next" in email.body
    # Nothing the visitor typed is repeated: the form cannot send a stranger's words from our address.
    assert "Riverside Community Kitchen" not in email.body
    assert "Amara" not in email.body
    html = dict((mimetype, content) for content, mimetype in email.alternatives)["text/html"]
    assert "<li>" in html


def test_the_same_form_sent_twice_makes_one_request_and_one_email(coordinator, django_capture_on_commit_callbacks):
    partnership = coordinator.partnership

    with django_capture_on_commit_callbacks(execute=True):
        first = services.ask_to_join(partnership, **DETAILS, form_token="a-token-from-the-form-1234")
    with django_capture_on_commit_callbacks(execute=True):
        second = services.ask_to_join(partnership, **DETAILS, form_token="a-token-from-the-form-1234")

    assert first == second
    assert JoinRequest.objects.count() == 1
    assert sorted(email.to[0] for email in mail.outbox) == sorted(["amara@example.org", coordinator.user.email])


def test_the_coordinators_are_told_of_new_requests_at_most_once_an_hour(
    coordinator, django_capture_on_commit_callbacks
):
    partnership = coordinator.partnership
    second = PartnershipMemberFactory(partnership=partnership)
    PartnershipMemberFactory(partnership=partnership, reviewer=True)
    elsewhere = PartnershipMemberFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.ask_to_join(partnership, **DETAILS)
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_to_join(partnership, **DETAILS | {"organisation_name": "Kestrel Bakery"})

    told = [email for email in mail.outbox if email.to != ["amara@example.org"]]
    assert sorted(email.to[0] for email in told) == sorted([coordinator.user.email, second.user.email])
    assert elsewhere.user.email not in {email.to[0] for email in mail.outbox}
    email = told[0]
    assert email.subject == f"A request to join {partnership.name}"
    assert f"{settings.SITE_URL}/p/{partnership.slug}/join-requests/" in email.body
    assert "It is the only request waiting" in email.body
    assert "Riverside Community Kitchen" not in email.body
    assert "/emails/stop/join_request_waiting/" in email.extra_headers["List-Unsubscribe"]


def test_a_coordinator_who_chose_never_is_not_told_of_requests(coordinator, django_capture_on_commit_callbacks):
    choose(coordinator.user, Kind.JOIN_REQUEST_WAITING, Frequency.NEVER)

    with django_capture_on_commit_callbacks(execute=True):
        services.ask_to_join(coordinator.partnership, **DETAILS)

    assert emails_to(coordinator.user) == []
    assert emails_to("amara@example.org")  # the contact still hears their request arrived


def test_a_coordinator_who_chose_once_a_week_finds_the_requests_still_waiting_in_the_weekly_email(
    coordinator, django_capture_on_commit_callbacks
):
    choose(coordinator.user, Kind.JOIN_REQUEST_WAITING, Frequency.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_to_join(coordinator.partnership, **DETAILS)
    assert emails_to(coordinator.user) == []

    assert send_digests()["sent"] == 1

    [weekly] = emails_to(coordinator.user)
    assert f"A request to join {coordinator.partnership.name}" in weekly.body
    assert "Riverside Community Kitchen" not in weekly.body


def test_a_request_answered_before_the_week_is_out_is_left_out_of_the_weekly_email(
    coordinator, django_capture_on_commit_callbacks
):
    choose(coordinator.user, Kind.JOIN_REQUEST_WAITING, Frequency.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.ask_to_join(coordinator.partnership, **DETAILS)
    services.decline_join_request(request, reason="Not in our area.", by=coordinator.user)

    assert send_digests() == {"sent": 0, "left out": 1}
    assert emails_to(coordinator.user) == []


def test_the_stop_link_stops_emails_about_requests(coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_to_join(coordinator.partnership, **DETAILS)
    [email] = emails_to(coordinator.user)

    assert stop_with_the_link_in(email).status_code == 200

    assert choices_of(coordinator.user)[Kind.JOIN_REQUEST_WAITING] == Frequency.NEVER


def test_accepting_adds_the_organisation_and_invites_the_contact_as_its_admin(coordinator):
    request = services.ask_to_join(coordinator.partnership, **DETAILS)
    mail.outbox.clear()

    accepted = services.accept_join_request(request, by=coordinator.user, base_url="https://included.example/")

    organisation = Organisation.objects.get(partnership=coordinator.partnership, name="Riverside Community Kitchen")
    assert (organisation.sector, organisation.size) == (Sector.VCSE, Size.MICRO)
    assert (organisation.local_area, organisation.registration_number) == ("Northgate", "1123456")
    assert accepted.status == JoinRequestStatus.ACCEPTED
    assert accepted.organisation == organisation
    assert accepted.decided_by == coordinator.user
    invitation = Invitation.objects.get(organisation=organisation)
    assert invitation.kind == InvitationKind.ORGANISATION_ADMIN
    assert invitation.email == "amara@example.org"
    assert invitation.name == "Amara Okafor"
    assert accepted.invitation == invitation
    assert [email.to for email in mail.outbox] == [["amara@example.org"]]
    assert "https://included.example/invitations/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="join_request.accepted", actor=coordinator.user).exists()


def test_declining_emails_the_reason_in_plain_text_and_html(coordinator):
    request = services.ask_to_join(coordinator.partnership, **DETAILS)
    mail.outbox.clear()

    declined = services.decline_join_request(
        request, reason="We only take groups from Riverside.\nTry the Eastside partnership.", by=coordinator.user
    )

    assert declined.status == JoinRequestStatus.DECLINED
    assert declined.decline_reason.startswith("We only take groups")
    assert not Organisation.objects.filter(name="Riverside Community Kitchen").exists()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["amara@example.org"]
    assert "> We only take groups from Riverside." in email.body
    assert "> Try the Eastside partnership." in email.body
    html = dict((mimetype, content) for content, mimetype in email.alternatives)["text/html"]
    assert "We only take groups from Riverside.<br>Try the Eastside partnership." in html
    assert AuditEvent.objects.filter(action="join_request.declined", actor=coordinator.user).exists()


def test_html_in_a_reason_is_shown_as_text_in_the_html_email(coordinator):
    request = JoinRequestFactory(partnership=coordinator.partnership)

    services.decline_join_request(request, reason="<b>No</b> <script>x</script>", by=coordinator.user)

    html = OutgoingEmail.objects.get().html_body
    assert "<script>" not in html
    assert "&lt;b&gt;No&lt;/b&gt;" in html


@pytest.mark.parametrize("who", ["other_coordinator", "organisation_admin", "reviewer", "anonymous"])
def test_only_the_partnerships_coordinators_can_accept_or_decline(coordinator, who):
    request = JoinRequestFactory(partnership=coordinator.partnership)
    person = {
        "other_coordinator": lambda: PartnershipMemberFactory().user,
        "organisation_admin": lambda: (
            OrganisationMemberFactory(organisation__partnership=coordinator.partnership, role=MemberRole.ADMIN).user
        ),
        "reviewer": lambda: PartnershipMemberFactory(partnership=coordinator.partnership, reviewer=True).user,
        "anonymous": AnonymousUser,
    }[who]()

    with pytest.raises(PermissionDenied):
        services.accept_join_request(request, by=person)
    with pytest.raises(PermissionDenied):
        services.decline_join_request(request, reason="No.", by=person)

    request.refresh_from_db()
    assert request.status == JoinRequestStatus.PENDING
    assert not Organisation.objects.filter(name=request.organisation_name).exists()
    assert not mail.outbox


def test_a_request_is_accepted_only_once(coordinator):
    request = JoinRequestFactory(partnership=coordinator.partnership)
    services.accept_join_request(request, by=coordinator.user)
    second_coordinator = PartnershipMemberFactory(partnership=coordinator.partnership).user

    with pytest.raises(services.JoinRequestError, match="already accepted"):
        services.accept_join_request(request, by=second_coordinator)
    with pytest.raises(services.JoinRequestError, match="already accepted"):
        services.decline_join_request(request, reason="No.", by=second_coordinator)

    assert Organisation.objects.filter(name=request.organisation_name).count() == 1
    assert Invitation.objects.count() == 1
    request.refresh_from_db()
    assert request.decided_by == coordinator.user


def test_a_declined_request_cannot_be_accepted_later_from_an_old_page(coordinator):
    request = JoinRequestFactory(partnership=coordinator.partnership)
    stale_copy = JoinRequest.objects.get(pk=request.pk)
    services.decline_join_request(request, reason="Not in our area.", by=coordinator.user)
    mail.outbox.clear()

    with pytest.raises(services.JoinRequestError, match="already declined"):
        services.accept_join_request(stale_copy, by=coordinator.user)

    assert not Organisation.objects.filter(name=request.organisation_name).exists()
    assert not mail.outbox


def test_declining_needs_a_reason(coordinator):
    request = JoinRequestFactory(partnership=coordinator.partnership)

    with pytest.raises(services.JoinRequestError):
        services.decline_join_request(request, reason="   ", by=coordinator.user)

    request.refresh_from_db()
    assert request.is_pending


def test_accepting_an_organisation_already_in_the_partnership_changes_nothing(coordinator):
    OrganisationFactory(partnership=coordinator.partnership, name="Riverside Community Kitchen")
    request = JoinRequestFactory(partnership=coordinator.partnership, organisation_name="riverside community kitchen")

    with pytest.raises(MembershipError):
        services.accept_join_request(request, by=coordinator.user)

    request.refresh_from_db()
    assert request.is_pending
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_a_request_whose_contact_details_were_deleted_cannot_be_accepted(coordinator):
    from included.joining.personal_data import erase_contact

    request = JoinRequestFactory(partnership=coordinator.partnership)
    erase_contact(JoinRequest.objects.filter(pk=request.pk))

    with pytest.raises(services.JoinRequestError, match="nobody to invite"):
        services.accept_join_request(request, by=coordinator.user)
    services.decline_join_request(request, reason="We cannot reach them.", by=coordinator.user)

    assert not mail.outbox
