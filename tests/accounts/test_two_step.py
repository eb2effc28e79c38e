import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import hotp_value
from django.urls import reverse

from included.core.models import AuditEvent
from tests.accounts.helpers import confirm_password, h1_count, page_text, sign_in
from tests.factories import (
    OrganisationMemberFactory,
    PartnershipMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def coordinator_without_two_step(**traits):
    return PartnershipMemberFactory(user=UserFactory(), **traits)


def code_for(secret):
    return f"{hotp_value(secret, int(time.time()) // 30):06d}"


def setup_key(response):
    match = re.search(r'id="setup-key"[^>]*>([A-Z2-7 ]+)<', response.content.decode())
    assert match, "The set-up page should show the key as text"
    return match.group(1).replace(" ", "")


@pytest.mark.parametrize("traits", [{}, {"reviewer": True}], ids=["coordinator", "reviewer"])
def test_coordinators_and_reviewers_must_set_up_two_step_verification_first(client, traits):
    role = coordinator_without_two_step(**traits)
    client.force_login(role.user)
    wanted = reverse("www:invitations", kwargs={"partnership_slug": role.partnership.slug})
    response = client.get(wanted)
    assert response.status_code == 302
    assert response.url == reverse("accounts:two_step_needed")

    response = client.get(response.url)
    text = page_text(response)
    assert h1_count(response) == 1
    assert "you can see other people's work" in text
    assert "an authenticator app" in text
    assert reverse("mfa_activate_totp") in response.content.decode()


def test_organisation_members_are_not_made_to_use_two_step_verification(client):
    membership = OrganisationMemberFactory(member=True)
    client.force_login(membership.user)
    assert client.get(reverse("www:home")).status_code == 200
    response = client.get(reverse("accounts:two_step_needed"))
    assert response.status_code == 302
    assert response.url == reverse("www:home")


def test_coordinators_with_an_authenticator_go_straight_on(client):
    coordinator = PartnershipMemberFactory()
    client.force_login(coordinator.user)
    assert client.get(reverse("www:home")).status_code == 200


def test_account_pages_and_signing_out_still_work_before_set_up(client):
    role = coordinator_without_two_step()
    client.force_login(role.user)
    assert client.get(reverse("accounts:settings")).status_code == 200
    assert client.get(reverse("account_logout")).status_code == 200


def test_coordinator_sets_up_an_authenticator_app_and_carries_on_where_they_were_going(
    client, django_capture_on_commit_callbacks
):
    role = coordinator_without_two_step()
    sign_in(client, role.user)
    wanted = reverse("www:invitations", kwargs={"partnership_slug": role.partnership.slug})
    client.get(wanted)

    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    reauthenticate = response.url
    response = client.get(reauthenticate)
    assert "Enter your password again" in page_text(response)
    response = client.post(reauthenticate, {"password": "a long and private passphrase"})
    assert response.url == reverse("mfa_activate_totp")

    response = client.get(reverse("mfa_activate_totp"))
    content = response.content.decode()
    assert h1_count(response) == 1
    assert re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="A square code to scan', content)
    assert "If you cannot scan the code" in page_text(response)
    secret = setup_key(response)

    response = client.post(reverse("mfa_activate_totp"), {"code": "123"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "That code did not work. Type the 6 numbers your authenticator app shows now" in page_text(response)
    assert "Incorrect code" not in page_text(response)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": code_for(secret)})
    assert response.status_code == 302
    assert response.url == reverse("mfa_view_recovery_codes")
    assert role.user.has_two_step
    assert AuditEvent.objects.filter(action="account.two_step_on", actor=role.user).exists()

    response = client.get(response.url)
    assert "Your recovery codes" in page_text(response)
    response = client.get(reverse("accounts:carry_on"))
    assert response.url == wanted
    assert client.get(wanted).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_first_set_up_shows_one_banner_and_not_that_old_codes_stopped_working(client):
    """allauth's messages are added once the set-up is saved, so this test lets the database really commit."""
    person = UserFactory()
    sign_in(client, person)
    confirm_password(client)
    secret = setup_key(client.get(reverse("mfa_activate_totp")))

    response = client.post(reverse("mfa_activate_totp"), {"code": code_for(secret)}, follow=True)

    text = page_text(response)
    assert "Your recovery codes" in text
    assert "Two-step verification is on." in text
    assert "no longer work" not in text
    assert text.count("Done") == 1


@pytest.mark.django_db(transaction=True)
def test_making_new_recovery_codes_says_the_old_ones_stopped_working(client):
    coordinator = PartnershipMemberFactory()
    sign_in(client, coordinator.user)
    confirm_password(client)
    client.post(reverse("mfa_generate_recovery_codes"))

    response = client.post(reverse("mfa_generate_recovery_codes"), follow=True)

    assert "You have new recovery codes. The old ones no longer work." in page_text(response)


@pytest.mark.parametrize("code", ["", "x" * 5000, "<script>alert(1)</script>", "12 34 56"])
def test_set_up_refuses_a_wrong_code_clearly(client, code):
    person = UserFactory()
    sign_in(client, person)
    confirm_password(client)
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not person.has_two_step


def test_anyone_can_turn_on_two_step_verification_from_their_account(client):
    person = OrganisationMemberFactory(member=True).user
    client.force_login(person)
    response = client.get(reverse("accounts:settings"))
    assert "Set up two-step verification" in page_text(response)
    assert "You do not have to use it" in page_text(response)


def test_recovery_codes_can_be_seen_downloaded_and_made_again(client, django_capture_on_commit_callbacks):
    coordinator = PartnershipMemberFactory()
    sign_in(client, coordinator.user)
    confirm_password(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_generate_recovery_codes"))
    assert response.url == reverse("mfa_view_recovery_codes")
    response = client.get(response.url)
    first_codes = re.findall(r"<code>(\w+)</code>", response.content.decode())
    assert len(first_codes) == 10

    response = client.get(reverse("mfa_download_recovery_codes"))
    assert response["Content-Type"].startswith("text/plain")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert "Each code works once" in body
    assert all(code in body for code in first_codes)

    response = client.get(reverse("mfa_generate_recovery_codes"))
    assert "Your 10 old codes will stop working" in page_text(response)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_generate_recovery_codes"))
    response = client.get(reverse("mfa_view_recovery_codes"))
    second_codes = re.findall(r"<code>(\w+)</code>", response.content.decode())
    assert set(second_codes).isdisjoint(first_codes)
    assert AuditEvent.objects.filter(action="account.recovery_codes_made", actor=coordinator.user).count() == 2


def test_a_recovery_code_signs_in_when_the_phone_is_lost(client):
    coordinator = PartnershipMemberFactory()
    sign_in(client, coordinator.user)
    confirm_password(client)
    client.post(reverse("mfa_generate_recovery_codes"))
    code = re.findall(r"<code>(\w+)</code>", client.get(reverse("mfa_view_recovery_codes")).content.decode())[0]
    client.post(reverse("account_logout"))

    response = client.post(
        reverse("account_login"), {"login": coordinator.user.email, "password": "a long and private passphrase"}
    )
    assert response.url == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_a_coordinator_who_turns_two_step_off_is_asked_to_set_it_up_again(client, django_capture_on_commit_callbacks):
    coordinator = PartnershipMemberFactory()
    sign_in(client, coordinator.user)
    assert client.get(reverse("www:home")).status_code == 200
    confirm_password(client)
    response = client.get(reverse("mfa_deactivate_totp"))
    assert "You are a coordinator or a reviewer, so you must have it on." in page_text(response)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=coordinator.user, type=Authenticator.Type.TOTP).exists()
    assert AuditEvent.objects.filter(action="account.two_step_off", actor=coordinator.user).exists()
    response = client.get(reverse("www:home"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:two_step_needed")


def test_someone_who_chose_to_set_it_up_goes_back_to_their_account(client):
    person = UserFactory(with_two_step=True)
    client.force_login(person)
    response = client.get(reverse("accounts:carry_on"))
    assert response.url == reverse("accounts:settings")
