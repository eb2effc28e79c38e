"""A coordinator with no smartphone sets up two-step verification with a security key, then signs in with it.

Chromium's virtual authenticator (through the DevTools protocol) stands in for the key: it answers the browser's
WebAuthn calls as a USB key would, with the person's touch and PIN taken as given. Every page is checked with axe,
and any script the Content Security Policy blocked would show as a browser error and fail the test.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import PASSWORD, PartnershipMemberFactory, UserFactory

pytestmark = pytest.mark.browser


def plug_in_a_security_key(page):
    """Give the page's browser a virtual USB security key; returns the DevTools session and the key's id."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    added = devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return devtools, added["authenticatorId"]


@pytest.mark.parametrize("javascript_enabled", [True], ids=["js"])
def test_a_coordinator_adds_a_security_key_then_signs_in_with_it(page, visit, submit, click_through, check_page):
    coordinator = PartnershipMemberFactory(user=UserFactory(name="Sam Okafor")).user
    devtools, key_id = plug_in_a_security_key(page)

    # Signing in with the password alone leads to the page that asks for two-step verification.
    visit(reverse("account_login"))
    page.locator("input[name=login]").fill(coordinator.email)
    page.locator("input[name=password]").fill(PASSWORD)
    submit(page.locator("input[name=password]"))
    expect(page.locator("h1")).to_have_text("Set up two-step verification")

    # The security key way: the password again, then the key.
    click_through(page.get_by_role("button", name="Add a security key or passkey"))
    expect(page.locator("h1")).to_have_text("Enter your password again")
    page.locator("input[name=password]").fill(PASSWORD)
    submit(page.locator("input[name=password]"))
    expect(page.locator("h1")).to_have_text("Add a security key or passkey")
    expect(page.get_by_text("your browser needs JavaScript")).to_be_hidden()
    page.get_by_label("Name for this key").fill("Blue key on my keyring")
    click_through(page.get_by_role("button", name="Add the key"))

    # The key is added, and the recovery codes are shown, ready to print.
    expect(page.locator("h1")).to_have_text("Your recovery codes")
    expect(page.locator(".govuk-notification-banner, .govuk-panel").first).to_contain_text("Your security key is added")
    expect(page.locator(".included-recovery-codes li")).to_have_count(10)
    expect(page.get_by_role("button", name="Print the codes")).to_be_visible()
    assert len(devtools.send("WebAuthn.getCredentials", {"authenticatorId": key_id})["credentials"]) == 1

    click_through(page.get_by_role("button", name="Continue"))
    visit(reverse("mfa_list_webauthn"))
    expect(page.locator("table")).to_contain_text("Blue key on my keyring")

    # The same key cannot be added twice: the browser refuses, and the page says why in plain words.
    visit(reverse("mfa_add_webauthn"))
    page.get_by_role("button", name="Add the key").click()
    problem = page.locator("#security-key-problem")
    expect(problem).to_be_visible()
    expect(problem).to_contain_text("This key is already added to your account")
    expect(page.get_by_role("button", name="Add the key")).to_be_enabled()
    check_page()

    # Sign out, and back in: the password, then the key.
    click_through(page.get_by_role("button", name="Sign out"))
    visit(reverse("account_login"))
    page.locator("input[name=login]").fill(coordinator.email)
    page.locator("input[name=password]").fill(PASSWORD)
    submit(page.locator("input[name=password]"))
    expect(page.locator("h1")).to_have_text("Use your security key")
    click_through(page.get_by_role("button", name="Use my security key"))

    expect(page.locator("header")).to_contain_text("Signed in as Sam Okafor")
    visit(reverse("www:home"))
    expect(page.locator("header")).to_contain_text("Signed in as Sam Okafor")


@pytest.mark.parametrize("javascript_enabled", [False], ids=["no-js"])
def test_without_javascript_the_key_pages_say_so_and_offer_the_other_ways(page, visit, submit):
    coordinator = PartnershipMemberFactory(user=UserFactory()).user
    visit(reverse("account_login"))
    page.locator("input[name=login]").fill(coordinator.email)
    page.locator("input[name=password]").fill(PASSWORD)
    submit(page.locator("input[name=password]"))
    visit(reverse("mfa_add_webauthn"))
    page.locator("input[name=password]").fill(PASSWORD)
    submit(page.locator("input[name=password]"))

    expect(page.locator("h1")).to_have_text("Add a security key or passkey")
    expect(page.get_by_text("your browser needs JavaScript")).to_be_visible()
    expect(page.get_by_text("set up an authenticator app on your phone or tablet instead")).to_be_visible()
    expect(page.get_by_role("button", name="Add the key")).to_be_hidden()
