"""An organisation that supports someone invites them to a place of their own: the person makes an account from
the link, is never asked for a code, and gets no role in the organisation."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from included.access.models import OrganisationMember, PartnershipMember
from included.accounts.models import User
from included.invitations.enums import InvitationKind
from included.invitations.services import invite
from tests.factories import OrganisationMemberFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+(/invitations/\S+/)")


def test_an_organisation_invites_someone_it_supports_who_gets_only_a_place_of_their_own(client):
    admin = OrganisationMemberFactory()
    organisation = admin.organisation
    client.force_login(admin.user)
    members = reverse(
        "organisations:members",
        kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
    )
    response = client.post(members, {"name": "Robin Hale", "email": "robin@example.org", "role": "person"})
    assert response.status_code == 302
    [email] = mail.outbox
    assert "a place of your own" in email.body
    assert f"{organisation.name} cannot see it unless you choose to share it" in email.body
    client.logout()

    link = LINK.search(email.body).group(1)
    client.get(link)
    response = client.post(reverse("account_signup"), {"name": "Robin Hale", "password1": "kettle orchard lantern"})
    assert response["Location"] != reverse("account_email_verification_sent")
    robin = User.objects.get(email="robin@example.org")
    assert EmailAddress.objects.get(user=robin).verified
    response = client.post(link)
    assert response["Location"] == reverse("people:hub")
    assert not OrganisationMember.objects.filter(user=robin).exists()
    assert not PartnershipMember.objects.filter(user=robin).exists()


def test_only_the_organisations_admins_invite_someone_it_supports():
    member = OrganisationMemberFactory(member=True)
    with pytest.raises(PermissionDenied):
        invite(
            partnership=member.organisation.partnership,
            organisation=member.organisation,
            email="robin@example.org",
            kind=InvitationKind.PERSON,
            by=member.user,
        )
