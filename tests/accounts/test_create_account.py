from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from included.accounts.models import User
from included.invitations.enums import InvitationKind
from included.invitations.models import Invitation
from tests.accounts.helpers import h1_count, page_text
from tests.factories import OrganisationFactory, PartnershipMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def open_invitation(client, email="new.person@example.org", **changes):
    """Create an invitation and open its link, as the invited person would from their email."""
    coordinator = PartnershipMemberFactory()
    organisation = OrganisationFactory(partnership=coordinator.partnership)
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        partnership=coordinator.partnership,
        organisation=organisation,
        email=email,
        kind=InvitationKind.ORGANISATION_ADMIN,
        token_hash=Invitation.hash_token_value(token),
        expires_at=Invitation.default_expiry(),
        invited_by=coordinator.user,
    )
    client.get(reverse("invitations:accept", kwargs={"token": token}))
    if changes:
        Invitation.objects.filter(pk=invitation.pk).update(**changes)
    return invitation


def create_account(client, **fields):
    data = {"name": "Priya Shah", "password1": "kettle orchard lantern"} | fields
    return client.post(reverse("account_signup"), data)


def test_anyone_can_start_creating_an_account_as_themselves(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert "Anyone can have an account as themselves" in page_text(response)
    assert "We email you a code" in page_text(response)


@pytest.mark.parametrize(
    "changes",
    [
        {"expires_at": timezone.now() - timedelta(minutes=1)},
        {"withdrawn_at": timezone.now()},
        {"accepted_at": timezone.now()},
    ],
    ids=["expired", "withdrawn", "used"],
)
def test_an_invitation_that_no_longer_works_gives_no_address_and_no_checked_address(client, changes):
    """Without a working invitation the person types their own address, and must prove it with a code."""
    from allauth.account.models import EmailAddress

    open_invitation(client, **changes)
    response = create_account(client)
    assert "Enter your email address" in page_text(response)
    assert not User.objects.filter(email="new.person@example.org").exists()
    create_account(client, email="new.person@example.org")
    person = User.objects.get(email="new.person@example.org")
    assert not EmailAddress.objects.get(user=person).verified


def test_the_form_says_what_the_person_is_joining_and_how_to_choose_a_password(client):
    invitation = open_invitation(client)
    response = client.get(reverse("account_signup"))
    text = page_text(response)
    assert h1_count(response) == 1
    assert f"You are joining {invitation.organisation.name} as organisation admin" in text
    assert "Use 8 characters or more" in text
    assert "You do not need numbers or symbols" in text


def test_the_name_typed_in_the_invitation_is_filled_in_and_can_be_changed(client):
    open_invitation(client, name="Priya Shah")

    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="name" value="Priya Shah"' in page

    create_account(client, name="Priya S. Shah")
    assert User.objects.get(email="new.person@example.org").name == "Priya S. Shah"


def test_without_a_name_in_the_invitation_the_name_box_starts_empty(client):
    open_invitation(client)

    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="name" value=' not in page


def test_a_password_of_seven_characters_is_refused(client):
    open_invitation(client)
    response = create_account(client, password1="kettles")
    assert response.status_code == 200
    assert "Your password must be 8 characters or more" in page_text(response)
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_a_common_password_is_refused(client):
    open_invitation(client)
    response = create_account(client, password1="password123")
    assert "one of the passwords people use most often" in page_text(response)
    assert not User.objects.filter(email="new.person@example.org").exists()


@pytest.mark.parametrize(
    "password", ["kettle orchard lantern", "kettleorchardlantern", "my dog likes long walks by the river"]
)
def test_a_long_passphrase_is_accepted_with_no_rule_about_numbers_or_symbols(client, password):
    open_invitation(client)
    response = create_account(client, password1=password)
    assert response.status_code == 302
    assert User.objects.get(email="new.person@example.org").check_password(password)


def test_the_new_account_uses_the_invited_address_which_counts_as_checked(client):
    from allauth.account.models import EmailAddress

    open_invitation(client)
    create_account(client, email="other@example.org")
    person = User.objects.get(email="new.person@example.org")
    assert EmailAddress.objects.get(user=person).verified


def test_an_invited_address_that_already_has_an_account_is_told_to_sign_in(client):
    UserFactory(email="new.person@example.org")
    open_invitation(client)
    response = create_account(client)
    assert response.status_code == 200
    assert "There is already an account with this email address. Sign in instead." in page_text(response)


def test_missing_answers_are_each_named(client):
    open_invitation(client)
    response = client.post(reverse("account_signup"), {})
    text = page_text(response)
    assert "Enter your name" in text
    assert "Create a password" in text
    assert "<title>Error: " in response.content.decode()


@pytest.mark.parametrize(
    ("name", "message"),
    [("x" * 5000, "Your name must be 150 characters or fewer"), ("   ", "Enter your name")],
)
def test_a_name_that_cannot_be_used_gets_a_clear_error(client, name, message):
    open_invitation(client)
    response = create_account(client, name=name)
    assert response.status_code == 200
    assert message in page_text(response)


def test_a_name_with_markup_is_kept_as_plain_text(client):
    open_invitation(client)
    create_account(client, name="<script>alert(1)</script>")
    person = User.objects.get(email="new.person@example.org")
    assert person.name == "<script>alert(1)</script>"
    client.force_login(person)
    response = client.get(reverse("accounts:settings"))
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()


def test_a_password_like_the_name_typed_is_refused(client):
    open_invitation(client)
    response = create_account(client, name="Priya Shah", password1="priyashah1")
    assert response.status_code == 200
    assert "Your password is too like your name or email address" in page_text(response)
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_a_name_with_a_hidden_character_is_refused(client):
    open_invitation(client)
    response = create_account(client, name="Priya\u202eShah")
    assert response.status_code == 200
    assert "This has a hidden character in it" in page_text(response)
    assert not User.objects.filter(email="new.person@example.org").exists()
