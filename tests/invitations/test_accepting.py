import pytest
from django.urls import reverse

from included.access.enums import MemberRole
from included.access.models import OrganisationMember, PartnershipMember
from included.invitations.enums import InvitationKind
from tests.accounts.helpers import h1_count, page_text
from tests.factories import OrganisationMemberFactory, UserFactory
from tests.invitations.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def accept_url(token):
    return reverse("invitations:accept", kwargs={"token": token})


@pytest.mark.parametrize("token", ["not-a-real-token", "x" * 5000, "%3Cscript%3E"])
def test_an_unknown_link_says_what_to_do(client, token):
    response = client.get(accept_url(token))
    assert response.status_code == 404
    assert h1_count(response) == 1
    assert "We cannot find this invitation" in page_text(response)
    assert "ask the person who invited you to send it again" in page_text(response)


@pytest.mark.parametrize(
    ("trait", "heading"),
    [
        ("expired", "This invitation has expired"),
        ("withdrawn", "This invitation was withdrawn"),
        ("accepted", "This invitation has been used"),
    ],
)
def test_a_link_that_no_longer_works_says_why(client, trait, heading):
    invitation = InvitationFactory(**{trait: True})
    response = client.get(accept_url(invitation.token))
    assert response.status_code == 410
    assert heading in page_text(response)
    response = client.post(reverse("account_signup"), {"name": "X", "password1": "kettle orchard lantern"})
    assert "Enter your email address" in page_text(response)  # the invitation no longer gives one


def test_signed_out_visitor_sees_what_they_are_joining(client):
    invitation = InvitationFactory(for_organisation=True, invited_by__name="Dev Patel", message="See you <b>soon</b>")
    response = client.get(accept_url(invitation.token))
    text = page_text(response)
    assert h1_count(response) == 1
    assert f"You are invited to join {invitation.organisation.name}" in text
    assert "Dev Patel has invited you" in text
    assert "you can fill in its self-assessments and invite your colleagues" in text
    assert invitation.email in text
    assert "See you <b>soon</b>" in text
    assert "<b>soon</b>" not in response.content.decode()
    assert "Create an account" in text


def test_a_posted_accept_from_a_signed_out_visitor_changes_nothing(client):
    invitation = InvitationFactory()
    response = client.post(accept_url(invitation.token))
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_signed_in_with_a_different_email_gets_a_clear_message(client):
    invitation = InvitationFactory(for_organisation=True, email="invited@example.org")
    someone_else = UserFactory(email="someone.else@example.org")
    client.force_login(someone_else)
    response = client.get(accept_url(invitation.token))
    assert response.status_code == 403
    text = page_text(response)
    assert "This invitation is for a different email address" in text
    assert "You are signed in as someone.else@example.org" in text
    assert "Sign out and open the invitation again" in text

    response = client.post(accept_url(invitation.token))
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not OrganisationMember.objects.filter(user=someone_else).exists()


def test_an_invitation_works_only_once(client):
    invitation = InvitationFactory(kind=InvitationKind.COORDINATOR, email="jo@example.org")
    jo = UserFactory(email="jo@example.org", with_two_step=True)
    client.force_login(jo)
    assert client.post(accept_url(invitation.token)).status_code == 302
    response = client.post(accept_url(invitation.token))
    assert response.status_code == 410
    assert "This invitation has been used" in page_text(response)
    assert PartnershipMember.objects.filter(user=jo).count() == 1


def test_accepting_an_admin_invitation_makes_an_existing_member_an_admin(client):
    membership = OrganisationMemberFactory(member=True)
    invitation = InvitationFactory(
        partnership=membership.organisation.partnership,
        organisation=membership.organisation,
        kind=InvitationKind.ORGANISATION_ADMIN,
        email=membership.user.email,
    )
    client.force_login(membership.user)
    client.post(accept_url(invitation.token))
    membership.refresh_from_db()
    assert membership.role == MemberRole.ADMIN
