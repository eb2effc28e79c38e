import pytest
from django.core.exceptions import PermissionDenied

from included.invitations.enums import InvitationKind
from included.invitations.services import InvitationError, accept_invitation, invite
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipMemberFactory, UserFactory
from tests.invitations.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def test_an_organisation_admin_invites_people_to_their_own_organisation_only():
    admin = OrganisationMemberFactory()
    organisation = admin.organisation
    invitation = invite(
        partnership=organisation.partnership,
        organisation=organisation,
        email="new@example.org",
        kind=InvitationKind.ORGANISATION_MEMBER,
        by=admin.user,
    )
    assert invitation.organisation == organisation

    neighbour = OrganisationFactory(partnership=organisation.partnership)
    with pytest.raises(PermissionDenied):
        invite(
            partnership=organisation.partnership,
            organisation=neighbour,
            email="x@example.org",
            kind=InvitationKind.ORGANISATION_MEMBER,
            by=admin.user,
        )
    with pytest.raises(PermissionDenied):
        invite(partnership=organisation.partnership, email="x@example.org", kind=InvitationKind.REVIEWER, by=admin.user)


def test_members_and_strangers_cannot_invite_anyone():
    member = OrganisationMemberFactory(member=True)
    for person in [member.user, UserFactory()]:
        with pytest.raises(PermissionDenied):
            invite(
                partnership=member.organisation.partnership,
                organisation=member.organisation,
                email="x@example.org",
                kind=InvitationKind.ORGANISATION_MEMBER,
                by=person,
            )


def test_an_organisation_invitation_must_name_an_organisation_in_the_partnership():
    coordinator = PartnershipMemberFactory()
    elsewhere = OrganisationFactory()
    with pytest.raises(InvitationError):
        invite(
            partnership=coordinator.partnership,
            organisation=elsewhere,
            email="x@example.org",
            kind=InvitationKind.ORGANISATION_ADMIN,
            by=coordinator.user,
        )


def test_accepting_checks_the_email_address():
    invitation = InvitationFactory(email="jo@example.org")
    with pytest.raises(PermissionDenied):
        accept_invitation(invitation, UserFactory(email="not.jo@example.org"))
    accepted = accept_invitation(invitation, UserFactory(email="JO@example.org"))
    assert accepted.accepted_at is not None
