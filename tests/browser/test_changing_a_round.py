"""A funder changes a round, then withdraws it, in a real browser; an applicant reads why. Before any award, the
360Giving download says there is no file yet. Every page on the way is checked with axe, with JavaScript on and
off, and the new pages are checked on a screen 320 pixels wide."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.commissioning.factories import Commissioning
from tests.notifications.helpers import emails_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 640}
WIDER_THAN_THE_SCREEN = "document.documentElement.scrollWidth > window.innerWidth"


def test_a_funder_changes_then_withdraws_a_round_and_the_applicant_reads_why(page, visit, click_through, sign_in):
    world = Commissioning()
    kwargs = {"partnership_slug": world.partnership.slug, "round_id": world.round.pk}

    visit(reverse("commissioning:ledger_json", kwargs={"partnership_slug": world.partnership.slug}), status=404)
    expect(page.locator("h1")).to_have_text("No grants yet")

    sign_in(world.funder_admin)
    visit(reverse("commissioning:round", kwargs=kwargs))
    click_through(page.get_by_role("link", name="Change the round"))
    page.set_viewport_size(NARROW)
    assert not page.evaluate(WIDER_THAN_THE_SCREEN)
    page.get_by_label("Name of the round").fill("")
    page.get_by_label("What the money is for").fill("Peer support groups, and their travel.")
    click_through(page.get_by_role("button", name="Save the changes"), status=400)

    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name for the round")
    expect(page.get_by_label("What the money is for")).to_have_value("Peer support groups, and their travel.")
    page.get_by_label("Name of the round").fill("Peer support grants")
    click_through(page.get_by_role("button", name="Save the changes"))
    expect(page.locator("main")).to_contain_text("Peer support grants is changed")
    expect(page.locator("main")).to_contain_text("Peer support groups, and their travel.")

    click_through(page.get_by_role("link", name="Withdraw the round"))
    assert not page.evaluate(WIDER_THAN_THE_SCREEN)
    page.get_by_label("Why are you withdrawing the round?").fill("The money we expected did not come.")
    click_through(page.get_by_role("button", name="Withdraw the round"))
    expect(page.locator("main")).to_contain_text("This round was withdrawn on")
    [email] = emails_to(world.admin_a)
    assert "The money we expected did not come." in email.body

    page.context.clear_cookies()
    sign_in(world.admin_a)
    visit(reverse("commissioning:round", kwargs=kwargs))
    expect(page.locator("main")).to_contain_text("The money we expected did not come.")
    expect(page.get_by_role("link", name="Apply for")).to_have_count(0)
