import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from included.access.models import OrganisationMember, PartnershipMember
from included.accounts.models import User
from included.core import audit, personal_data
from included.core.models import AuditEvent
from included.invitations.enums import InvitationKind
from included.invitations.models import Invitation
from included.organisations.models import Organisation
from tests.accounts.helpers import confirm_password, h1_count, page_text, sign_in
from tests.factories import PASSWORD, OrganisationMemberFactory, PartnershipMemberFactory

pytestmark = pytest.mark.django_db


def test_deleting_asks_to_confirm_and_explains_what_happens(client):
    membership = OrganisationMemberFactory(member=True)
    client.force_login(membership.user)
    response = client.get(reverse("accounts:delete"))
    assert response.status_code == 200
    assert h1_count(response) == 1
    text = page_text(response)
    assert "we remove your name, email address and password" in text
    assert "shows as written by a former member" in text
    assert "Delete my account" in text


def test_deleting_needs_the_password_again_then_erases_the_person(client):
    membership = OrganisationMemberFactory(member=True, user__name="Kim Lee", user__email="kim@example.org")
    OrganisationMemberFactory(organisation=membership.organisation)
    person = membership.user
    Invitation.objects.create(
        partnership=membership.organisation.partnership,
        organisation=membership.organisation,
        email="kim@example.org",
        name="Kim Lee",
        kind=InvitationKind.ORGANISATION_MEMBER,
        token_hash="b" * 64,
        expires_at=Invitation.default_expiry(),
        accepted_by=person,
        accepted_at=membership.created_at,
    )
    audit.record("invitation.accepted", actor=person, summary="kim@example.org joined as organisation member")
    sign_in(client, person)

    response = client.post(reverse("accounts:delete"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    response = client.post(response.url, {"password": PASSWORD}, follow=True)
    assert "Your account is deleted" in page_text(response)

    person.refresh_from_db()
    assert person.name == "Former member"
    assert "kim" not in person.email
    assert not person.is_active
    assert not person.has_usable_password()
    assert not OrganisationMember.objects.filter(user=person).exists()
    assert Organisation.objects.filter(pk=membership.organisation_id).exists()
    assert not Invitation.objects.filter(email__iexact="kim@example.org").exists()
    assert not AuditEvent.objects.filter(summary__icontains="kim@example.org").exists()
    assert AuditEvent.objects.filter(action="account.erased", actor=person).exists()

    assert client.get(reverse("accounts:settings")).status_code == 302
    response = client.post(reverse("account_login"), {"login": "kim@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert "The email address or password is not right" in page_text(response)


def test_a_recent_sign_in_check_lets_the_deletion_go_straight_through(client):
    person = OrganisationMemberFactory(member=True).user
    sign_in(client, person)
    confirm_password(client)
    response = client.post(reverse("accounts:delete"))
    assert response.url == reverse("accounts:deleted")
    assert not User.objects.get(pk=person.pk).is_active


def test_the_only_admin_of_an_organisation_cannot_delete_their_account_yet(client):
    membership = OrganisationMemberFactory(organisation__name="Oak Tree Café")
    sign_in(client, membership.user)
    confirm_password(client)
    response = client.get(reverse("accounts:delete"))
    assert "You cannot delete your account yet" in page_text(response)
    assert "You are the only admin of Oak Tree Café" in page_text(response)
    response = client.post(reverse("accounts:delete"))
    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    assert User.objects.get(pk=membership.user_id).is_active


def test_the_last_coordinator_of_a_partnership_cannot_delete_their_account_yet(client):
    role = PartnershipMemberFactory(partnership__name="Riverside Partnership")
    PartnershipMemberFactory(partnership=role.partnership, reviewer=True)
    sign_in(client, role.user)
    confirm_password(client)
    response = client.post(reverse("accounts:delete"))
    assert "You are the only coordinator of Riverside Partnership" in page_text(response)
    assert User.objects.get(pk=role.user_id).is_active


def test_a_coordinator_with_a_colleague_can_delete_their_account(client):
    role = PartnershipMemberFactory()
    PartnershipMemberFactory(partnership=role.partnership)
    sign_in(client, role.user)
    confirm_password(client)
    response = client.post(reverse("accounts:delete"))
    assert response.url == reverse("accounts:deleted")
    assert not PartnershipMember.objects.filter(user=role.user).exists()
    assert not Authenticator.objects.filter(user=role.user).exists()


def test_other_apps_erase_their_part_too(client, monkeypatch):
    monkeypatch.setattr(personal_data, "ERASERS", list(personal_data.ERASERS))
    erased = []
    personal_data.register_eraser(lambda user: erased.append(user.email))
    person = OrganisationMemberFactory(member=True, user__email="kim@example.org").user
    sign_in(client, person)
    confirm_password(client)
    client.post(reverse("accounts:delete"))
    assert erased == ["kim@example.org"]


def test_the_deleted_page_is_open_to_anyone(client):
    response = client.get(reverse("accounts:deleted"))
    assert response.status_code == 200
    assert h1_count(response) == 1
