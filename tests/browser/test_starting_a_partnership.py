"""Starting a partnership, end to end in a real browser: the host starts it and invites a coordinator; the
coordinator joins from the email, turns on two-step verification, as coordinators must, and changes the
partnership's details. Every page on the way is checked with axe (see fixtures.py)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.helpers import totp_code
from tests.partnerships.factories import make_host

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Northvale Inclusion Partnership"
COORDINATOR_EMAIL = "kim.osei@northvale.example"
COORDINATOR_PASSWORD = "heather bridges morning"  # noqa: S105 (typed into the sign-up page of the test server)


def test_the_host_starts_a_partnership_and_its_coordinator_sets_it_up(
    page, visit, click_through, submit, sign_in, mailoutbox, javascript_enabled
):
    host = make_host()
    sign_in(host)
    expect(page.locator("main")).to_contain_text("You run this site.")
    click_through(page.get_by_role("link", name="See its partnerships or start a new one"))
    click_through(page.get_by_role("link", name="Start a partnership"))

    # A mistake first: no coordinator. The error is explained and what was typed stays.
    page.get_by_label("Name of the partnership").fill(NAME)
    page.get_by_label("Area it covers").fill("Northvale")
    click_through(page.get_by_role("button", name="Start the partnership"), status=200)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the email address of at least one coordinator")
    expect(page.get_by_label("Name of the partnership")).to_have_value(NAME)

    page.get_by_label("Email addresses of its first coordinators").fill(COORDINATOR_EMAIL)
    click_through(page.get_by_role("button", name="Start the partnership"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{NAME} is started.")
    expect(page.get_by_role("table")).to_contain_text(NAME)
    click_through(page.get_by_role("button", name="Sign out"))

    (email,) = mailoutbox
    assert email.to == [COORDINATOR_EMAIL]
    link = re.search(r"https?://\S+/invitations/\S+/", email.body).group(0)
    visit(link)
    expect(page.locator("h1")).to_have_text(f"You are invited to join {NAME}")
    click_through(page.get_by_role("button", name="Create an account"))
    page.get_by_label("Your name").fill("Kim Osei")
    page.get_by_label("Create a password").fill(COORDINATOR_PASSWORD)
    click_through(page.get_by_role("button", name="Create your account"))
    click_through(page.get_by_role("button", name="Accept the invitation"))

    # Coordinators see other people's work, so they turn on two-step verification before anything else.
    expect(page.locator("h1")).to_have_text("Set up two-step verification")
    click_through(page.get_by_role("button", name="Set it up now"))
    expect(page.locator("h1")).to_have_text("Enter your password again")
    password = page.get_by_label("Password")
    password.fill(COORDINATOR_PASSWORD)
    submit(password)
    expect(page.locator("h1")).to_have_text("Set up two-step verification")
    secret = page.locator("#setup-key").inner_text().replace(" ", "")
    code = page.locator("input[name=code]")
    code.fill(totp_code(secret))
    submit(code)
    click_through(page.get_by_role("button", name="Continue").or_(page.get_by_role("link", name="Continue")).first)

    visit(reverse("partnerships:details", kwargs={"partnership_slug": "northvale-inclusion-partnership"}))
    expect(page.locator("h1")).to_have_text("Your partnership's details")
    page.get_by_label("Public contact email (optional)").fill("hello@northvale.example")
    page.get_by_label("Who to ask about personal data (optional)").fill("Northvale data team")
    page.get_by_label("Days before an invitation reminder").fill("5")
    page.get_by_label("Coordinators approve statements before they go on the public register").check()
    click_through(page.get_by_role("button", name="Save the details"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{NAME}'s details are saved.")
    expect(page.get_by_label("Days before an invitation reminder")).to_have_value("5")

    visit(reverse("partnerships:privacy", kwargs={"partnership_slug": "northvale-inclusion-partnership"}))
    expect(page.locator("main")).to_contain_text("Ask Northvale data team at hello@northvale.example.")
