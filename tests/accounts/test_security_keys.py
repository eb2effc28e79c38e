"""Security keys and passkeys (WebAuthn) as a way of two-step verification: the settings, the pages to add, list,
rename and remove a key, signing in and confirming it is you with one, and how the two-step rule treats each kind.

Keys are added and used through the real pages with a key made of code (tests/accounts/security_key.py), checked by
the same server code as a real key. tests/browser/test_security_keys.py does it again with Chromium's own.
"""

import json
import re

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.urls import NoReverseMatch, reverse

from included.access.models import PartnershipMember
from included.accounts.forms import KEY_NAME_TOO_LONG, KEY_NOT_ACCEPTED, KEY_NOT_ADDED, KEY_NOT_USED
from included.core.models import AuditEvent
from included.core.validators import HIDDEN_CHARACTERS
from tests.accounts.helpers import confirm_password, h1_count, page_text, sign_in_with_password_only
from tests.accounts.security_key import SoftwareKey, add_key, page_options
from tests.core.test_production import run_in_production
from tests.factories import PASSWORD, OrganisationMemberFactory, PartnershipMemberFactory, UserFactory
from tests.helpers import totp_code

pytestmark = pytest.mark.django_db

SET_UP = reverse("accounts:two_step_needed")


@pytest.fixture
def coordinator(client):
    """A coordinator signed in who has not set up two-step verification yet."""
    role = PartnershipMemberFactory(user=UserFactory())
    client.force_login(role.user)
    return role.user


@pytest.fixture
def key_holder(client, coordinator):
    """A coordinator whose only way of two-step verification is a security key they added through the pages."""
    key, response = add_key(client)
    assert response.status_code == 302
    return coordinator, key


def sign_in_with_key(client, user, key):
    page = sign_in_to_second_step(client, user)
    response = client.post(reverse("mfa_authenticate"), {"credential": json.dumps(key.get(page_options(page)))})
    assert response.status_code == 302
    return response


def sign_in_to_second_step(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    return client.get(response.url)


# Settings


def test_security_keys_are_a_way_of_two_step_verification_alongside_the_app_and_recovery_codes():
    assert set(mfa_settings.SUPPORTED_TYPES) == {"totp", "webauthn", "recovery_codes"}


def test_signing_in_with_a_passkey_alone_is_off_so_every_sign_in_starts_with_the_password():
    assert not mfa_settings.PASSKEY_LOGIN_ENABLED
    assert not mfa_settings.PASSKEY_SIGNUP_ENABLED
    with pytest.raises(NoReverseMatch):
        reverse("mfa_login_webauthn")


def test_plain_http_addresses_are_accepted_only_away_from_production(tmp_path):
    assert settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN is (not settings.PRODUCTION)
    show = "from allauth.mfa import app_settings; print(app_settings.WEBAUTHN_ALLOW_INSECURE_ORIGIN)"
    result = run_in_production("shell", "--no-imports", "-c", show, tmp_path=tmp_path)
    assert result.stdout.split() == ["False"], result.stderr


# Adding a key


def test_adding_a_key_needs_the_password_again_first(client, coordinator):
    response = client.get(reverse("mfa_add_webauthn"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_the_add_page_explains_keys_says_javascript_is_needed_and_hands_the_browser_its_options(client, coordinator):
    confirm_password(client)
    response = client.get(reverse("mfa_add_webauthn"))
    assert response.status_code == 200
    assert h1_count(response) == 1
    text = page_text(response)
    assert "Add a security key or passkey" in text
    assert "your browser needs JavaScript" in text
    assert "If you do not have a smartphone, a security key is the way" in text
    options = page_options(response)
    assert options["creation_options"]["publicKey"]["rp"]["id"] == "testserver"
    assert options["creation_options"]["publicKey"]["user"]["name"] == coordinator.email


def test_adding_a_key_turns_two_step_on_gives_recovery_codes_and_counts_for_this_session(client, coordinator):
    key, response = add_key(client, name="Blue key on my keyring")

    assert response.url == reverse("mfa_view_recovery_codes")
    authenticator = Authenticator.objects.get(user=coordinator, type=Authenticator.Type.WEBAUTHN)
    assert authenticator.wrap().name == "Blue key on my keyring"
    assert Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert coordinator.has_two_step
    assert coordinator.two_step_kinds == ["webauthn"]
    assert AuditEvent.objects.filter(action="account.security_key_added", actor=coordinator).exists()
    # Adding the key meant touching it, so the coordinator goes straight on to their work.
    assert client.get(reverse("www:home")).status_code == 200


def test_a_key_left_without_a_name_gets_one(client, coordinator):
    add_key(client, name="")
    add_key(client, name="")
    names = [each.wrap().name for each in Authenticator.objects.filter(type=Authenticator.Type.WEBAUTHN)]
    assert names == ["Security key", "Security key 2"]


def test_sending_the_form_without_using_the_key_says_what_to_do_and_keeps_the_name(client, coordinator):
    confirm_password(client)
    response = client.post(reverse("mfa_add_webauthn"), {"name": "Work laptop"})
    assert response.status_code == 200
    assert KEY_NOT_USED in page_text(response)
    assert response.content.decode().count("govuk-error-summary") >= 1
    assert 'value="Work laptop"' in response.content.decode()
    assert "Error:" in response.content.decode().split("</title>")[0]
    assert not Authenticator.objects.filter(type=Authenticator.Type.WEBAUTHN).exists()


@pytest.mark.parametrize(
    "credential",
    ["not json", json.dumps({"id": "x"}), json.dumps([1, 2, 3]), json.dumps({"response": {"clientDataJSON": 5}})],
)
def test_a_broken_answer_from_the_browser_is_refused_in_plain_words(client, coordinator, credential):
    confirm_password(client)
    client.get(reverse("mfa_add_webauthn"))
    response = client.post(reverse("mfa_add_webauthn"), {"name": "Key", "credential": credential})
    assert response.status_code == 200
    assert "There is a problem" in page_text(response)
    assert not Authenticator.objects.filter(type=Authenticator.Type.WEBAUTHN).exists()


def test_an_answer_sent_twice_adds_the_key_once(client, coordinator):
    confirm_password(client)
    key = SoftwareKey()
    answer = json.dumps(key.create(page_options(client.get(reverse("mfa_add_webauthn")))))
    assert client.post(reverse("mfa_add_webauthn"), {"name": "Key", "credential": answer}).status_code == 302
    again = client.post(reverse("mfa_add_webauthn"), {"name": "Key", "credential": answer})
    assert again.status_code == 200
    assert KEY_NOT_ADDED in page_text(again)
    assert Authenticator.objects.filter(type=Authenticator.Type.WEBAUTHN).count() == 1


@pytest.mark.parametrize(
    ("name", "error"), [("A" * 61, KEY_NAME_TOO_LONG), ("Kim\u202egpj.exe", HIDDEN_CHARACTERS)], ids=["long", "hidden"]
)
def test_a_name_too_long_or_with_hidden_characters_is_refused(client, coordinator, name, error):
    key, response = add_key(client, name=name)
    assert response.status_code == 200
    assert error in page_text(response)
    assert not Authenticator.objects.filter(type=Authenticator.Type.WEBAUTHN).exists()


# Seeing, renaming and removing keys


def test_the_list_shows_each_key_with_ways_to_rename_and_remove_it(client, key_holder):
    response = client.get(reverse("mfa_list_webauthn"))
    assert response.status_code == 200
    assert h1_count(response) == 1
    text = page_text(response)
    assert "Your security keys and passkeys" in text
    assert "Blue key" in text
    assert "Not used yet" in text
    assert "Rename Blue key" in text and "Remove Blue key" in text


def test_renaming_a_key(client, key_holder):
    authenticator = Authenticator.objects.get(type=Authenticator.Type.WEBAUTHN)
    url = reverse("mfa_edit_webauthn", kwargs={"pk": authenticator.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "Rename your security key" in page_text(page)
    assert client.post(url, {"name": ""}).status_code == 200
    response = client.post(url, {"name": "Spare key in the drawer"})
    assert response.status_code == 302
    authenticator.refresh_from_db()
    assert authenticator.wrap().name == "Spare key in the drawer"


def test_removing_a_key_needs_the_password_again(client, key_holder):
    coordinator, key = key_holder
    client.logout()
    sign_in_with_key(client, coordinator, key)  # a new session: the password has not been asked again in it
    authenticator = Authenticator.objects.get(type=Authenticator.Type.WEBAUTHN)
    response = client.post(reverse("mfa_remove_webauthn", kwargs={"pk": authenticator.pk}))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert Authenticator.objects.filter(pk=authenticator.pk).exists()


def test_removing_the_only_key_warns_then_removes_it_and_the_recovery_codes(client, key_holder):
    coordinator, _key = key_holder
    confirm_password(client)
    authenticator = Authenticator.objects.get(type=Authenticator.Type.WEBAUTHN)
    url = reverse("mfa_remove_webauthn", kwargs={"pk": authenticator.pk})
    page = client.get(url)
    assert h1_count(page) == 1
    text = page_text(page)
    assert "Remove “Blue key”?" in text
    assert "your recovery codes will stop working too" in text
    assert "you must use two-step verification" in text

    response = client.post(url)
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=coordinator).exists()
    assert AuditEvent.objects.filter(action="account.security_key_removed", actor=coordinator).exists()
    assert not coordinator.has_two_step
    # The coordinator must set up two-step verification again before going on.
    assert client.get(reverse("www:home")).url == SET_UP


def test_removing_one_of_two_keys_keeps_two_step_on_without_a_warning(client, key_holder):
    coordinator, _key = key_holder
    add_key(client, name="Spare key")
    first = Authenticator.objects.filter(type=Authenticator.Type.WEBAUTHN).order_by("pk").first()
    url = reverse("mfa_remove_webauthn", kwargs={"pk": first.pk})
    assert "stop working too" not in page_text(client.get(url))
    client.post(url)
    assert coordinator.has_two_step
    assert Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.RECOVERY_CODES).exists()


def test_someone_else_s_key_cannot_be_seen_renamed_or_removed(client, key_holder):
    theirs = Authenticator.objects.get(type=Authenticator.Type.WEBAUTHN)
    someone_else = OrganisationMemberFactory(member=True).user
    client.force_login(someone_else)
    confirm_password(client)
    assert "Blue key" not in page_text(client.get(reverse("mfa_list_webauthn")))
    assert client.get(reverse("mfa_edit_webauthn", kwargs={"pk": theirs.pk})).status_code == 404
    assert client.post(reverse("mfa_edit_webauthn", kwargs={"pk": theirs.pk}), {"name": "Mine"}).status_code == 404
    assert client.post(reverse("mfa_remove_webauthn", kwargs={"pk": theirs.pk})).status_code == 404
    assert Authenticator.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize(
    "name",
    ["mfa_list_webauthn", "mfa_add_webauthn", "mfa_reauthenticate_webauthn", "mfa_index", "mfa_view_recovery_codes"],
)
def test_the_key_pages_send_people_who_are_not_signed_in_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["mfa_edit_webauthn", "mfa_remove_webauthn"])
def test_renaming_and_removing_send_people_who_are_not_signed_in_to_sign_in(client, name):
    response = client.post(reverse(name, kwargs={"pk": 1}))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# Signing in and confirming it is you with a key


def test_signing_in_with_a_key_after_the_password(client, key_holder):
    coordinator, key = key_holder
    client.logout()
    page = sign_in_to_second_step(client, coordinator)
    assert h1_count(page) == 1
    text = page_text(page)
    assert "Use your security key" in text
    assert "Type one of your recovery codes instead" in text
    assert "Recovery code" in text

    answer = key.get(page_options(page))
    response = client.post(reverse("mfa_authenticate"), {"credential": json.dumps(answer)})
    assert response.status_code == 302
    assert client.get(reverse("www:home")).status_code == 200
    assert Authenticator.objects.get(type=Authenticator.Type.WEBAUTHN).last_used_at is not None


def test_a_key_that_is_not_theirs_is_refused_at_sign_in(client, key_holder):
    coordinator, _key = key_holder
    client.logout()
    page = sign_in_to_second_step(client, coordinator)
    answer = SoftwareKey().get(page_options(page))
    response = client.post(reverse("mfa_authenticate"), {"credential": json.dumps(answer)})
    assert response.status_code == 200
    assert KEY_NOT_ACCEPTED in page_text(response)
    assert "Error:" in response.content.decode().split("</title>")[0]
    assert "_auth_user_id" not in client.session


BROKEN_ANSWERS = [
    "not json",
    json.dumps({"id": "x"}),
    json.dumps(["a list"]),
    json.dumps({"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {"clientDataJSON": 5}}),
    json.dumps(
        {
            "id": "AAAA",
            "rawId": "AAAA",
            "type": "public-key",
            "response": {"clientDataJSON": "e30", "authenticatorData": "AA", "signature": "AA"},
        }
    ),
]


@pytest.mark.parametrize("credential", BROKEN_ANSWERS)
def test_a_broken_answer_at_sign_in_is_refused_in_plain_words(client, key_holder, credential):
    coordinator, _key = key_holder
    client.logout()
    sign_in_to_second_step(client, coordinator)
    response = client.post(reverse("mfa_authenticate"), {"credential": credential})
    assert response.status_code == 200
    assert "There is a problem" in page_text(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("credential", BROKEN_ANSWERS)
def test_a_broken_answer_when_confirming_it_is_you_is_refused(client, key_holder, credential):
    coordinator, _key = key_holder
    client.logout()
    sign_in_with_password_only(client, coordinator)
    client.get(reverse("mfa_reauthenticate_webauthn"))
    response = client.post(reverse("mfa_reauthenticate_webauthn"), {"credential": credential})
    # The problem is explained on the same page, with fresh options to try again, and nothing is confirmed.
    assert response.status_code == 200
    assert "There is a problem" in page_text(response)
    assert "Error:" in response.content.decode().split("</title>")[0]
    assert page_options(response)["request_options"]["publicKey"]["challenge"]
    assert client.get(reverse("www:home")).status_code == 302


def test_a_key_that_is_not_theirs_is_refused_when_confirming_it_is_you(client, key_holder):
    coordinator, _key = key_holder
    client.logout()
    sign_in_with_password_only(client, coordinator)
    page = client.get(reverse("mfa_reauthenticate_webauthn"))
    answer = SoftwareKey().get(page_options(page))
    response = client.post(reverse("mfa_reauthenticate_webauthn"), {"credential": json.dumps(answer)})
    assert response.status_code == 200
    assert KEY_NOT_ACCEPTED in page_text(response)
    assert client.get(reverse("www:home")).status_code == 302


def test_a_recovery_code_signs_in_someone_whose_only_way_is_a_key(client, key_holder):
    coordinator, _key = key_holder
    code = Authenticator.objects.get(type=Authenticator.Type.RECOVERY_CODES).wrap().get_unused_codes()[0]
    client.logout()
    sign_in_to_second_step(client, coordinator)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("www:home")).status_code == 200


def test_someone_with_an_app_and_a_key_can_use_either_at_sign_in(client):
    role = PartnershipMemberFactory()
    client.force_login(role.user)
    key, _response = add_key(client)
    client.logout()
    page = sign_in_to_second_step(client, role.user)
    text = page_text(page)
    assert "Use your security key" in text and "Or type a code" in text
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302


# The two-step rule and each kind of authenticator


def test_a_session_without_the_key_is_sent_to_use_it_then_carries_on(client, key_holder):
    coordinator, key = key_holder
    client.logout()
    sign_in_with_password_only(client, coordinator)
    home = reverse("www:home")

    response = client.get(home)
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_reauthenticate_webauthn"))
    page = client.get(response.url)
    assert h1_count(page) == 1
    assert "Use your security key" in page_text(page)
    assert "Type a code from your authenticator app, or a recovery code" in page_text(page)

    answer = key.get(page_options(page))
    done = client.post(response.url, {"credential": json.dumps(answer)})
    assert done.status_code == 302
    assert client.get(home).status_code == 200


def test_a_session_of_someone_with_an_app_and_a_key_is_sent_to_the_code_page_which_links_to_the_key(client):
    role = PartnershipMemberFactory()
    client.force_login(role.user)
    add_key(client)
    client.logout()
    sign_in_with_password_only(client, role.user)
    response = client.get(reverse("www:home"))
    assert response.url.startswith(reverse("mfa_reauthenticate"))
    assert not response.url.startswith(reverse("mfa_reauthenticate_webauthn"))
    assert "Use your security key or passkey" in page_text(client.get(response.url))


def test_recovery_codes_alone_are_not_two_step_verification(client, coordinator):
    RecoveryCodes.activate(coordinator)
    assert not coordinator.has_two_step
    assert client.get(reverse("www:home")).url == SET_UP


def test_a_key_alone_is_two_step_verification(client, key_holder):
    coordinator, _key = key_holder
    assert coordinator.has_two_step
    assert client.get(reverse("www:home")).status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "core:privacy",
        "core:accessibility",
        "core:cookies",
        "language:check",
        "accounts:settings",
        "accounts:two_step_needed",
        "mfa_index",
        "mfa_list_webauthn",
        "mfa_add_webauthn",
        "mfa_activate_totp",
    ],
)
def test_public_pages_and_the_set_up_pages_stay_open_before_two_step_is_set_up(client, coordinator, name):
    response = client.get(reverse(name))
    assert response.status_code in {200, 302}
    assert getattr(response, "url", None) != SET_UP


def test_the_partnership_s_public_pages_stay_open_before_two_step_is_set_up(client, coordinator):
    slug = PartnershipMember.objects.get(user=coordinator).partnership.slug
    for name in ["frameworks:list", "assessments:register"]:
        assert client.get(reverse(name, kwargs={"partnership_slug": slug})).status_code == 200


def test_the_set_up_page_offers_an_app_or_a_key_and_says_recovery_codes_are_not_enough(client, coordinator):
    text = page_text(client.get(SET_UP))
    assert "Set up an authenticator app" in text
    assert "Add a security key or passkey" in text
    assert "Choose this if you do not have a smartphone" in text
    assert "Recovery codes are not enough on their own" in text


# Recovery codes


def test_the_recovery_codes_page_can_be_printed_with_just_the_codes_and_what_to_do(client, key_holder):
    response = client.get(reverse("mfa_view_recovery_codes"))
    content = response.content.decode()
    assert h1_count(response) == 1
    assert "data-print-alone" in content
    assert "included-recovery-codes" in content
    codes = Authenticator.objects.get(type=Authenticator.Type.RECOVERY_CODES).wrap().get_unused_codes()
    assert all(code in content for code in codes)
    assert "print menu" in page_text(response)
    assert "Print the codes" in content


def test_making_new_codes_says_the_old_ones_stop_working_only_when_some_are_left(client, key_holder):
    authenticator = Authenticator.objects.get(type=Authenticator.Type.RECOVERY_CODES)
    confirm_password(client)
    assert "old codes will stop working" in page_text(client.get(reverse("mfa_generate_recovery_codes")))
    for code in authenticator.wrap().get_unused_codes():
        authenticator.wrap().validate_code(code)
    assert "stop working" not in page_text(client.get(reverse("mfa_generate_recovery_codes")))


# The account page and the Content Security Policy


def test_the_account_page_shows_the_keys(client, key_holder):
    text = page_text(client.get(reverse("accounts:settings")))
    assert "Security keys and passkeys" in text
    assert "You have 1 key." in text


@pytest.mark.parametrize("name", ["mfa_add_webauthn", "mfa_reauthenticate_webauthn"])
def test_key_pages_run_no_inline_script_so_the_strict_policy_holds(client, key_holder, name):
    confirm_password(client)
    response = client.get(reverse(name))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "script-src 'self'" in policy
    content = response.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", content):
        assert 'src="/static/' in tag or "nonce=" in tag or 'type="application/json"' in tag, tag
    assert "data-allauth-onload" not in content
    assert 'src="/static/build/webauthn.js"' in content


def test_the_names_of_a_person_s_keys_are_in_their_data_download(client, key_holder):
    response = client.post(reverse("accounts:download_data"))
    account = json.loads(b"".join(response.streaming_content) if response.streaming else response.content)["account"]
    assert account["two_step_verification"] is True
    assert [key["name"] for key in account["security_keys"]] == ["Blue key"]
