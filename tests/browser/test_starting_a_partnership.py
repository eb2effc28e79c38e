"""Starting a partnership, end to end in a real browser: the host starts it and invites a coordinator; the
coordinator joins from the email, turns on two-step verification, as coordinators must, and changes the
partnership's details. Every page on the way is checked with axe (see fixtures.py)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.steps import join_with_a_new_account, set_up_two_step
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
    join_with_a_new_account(
        page, visit, click_through, email=email, joining=NAME, name="Kim Osei", password=COORDINATOR_PASSWORD
    )
    # Coordinators see other people's work, so they turn on two-step verification before anything else.
    set_up_two_step(page, click_through, submit, password=COORDINATOR_PASSWORD)

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
