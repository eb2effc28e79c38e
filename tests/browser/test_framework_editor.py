"""A coordinator writes a tiny framework in the browser, checks its words and publishes it, one short page at a time.

Every page on the way is checked with axe. The journey runs with JavaScript on and off: moving parts uses plain
buttons, so it needs none.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from included.frameworks.models import FrameworkVersion
from tests.factories import PartnershipMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def save(page, click_through):
    click_through(page.get_by_role("button", name="Save and continue"))


def add_level(page, click_through, name, meaning):
    click_through(page.get_by_role("link", name="Add a level"))
    page.get_by_label("Name of the level").fill(name)
    page.get_by_label("What does this level mean?").fill(meaning)
    save(page, click_through)


def test_a_coordinator_writes_checks_and_publishes_a_tiny_framework(page, sign_in, visit, click_through):
    coordinator = PartnershipMemberFactory()
    partnership = coordinator.partnership
    sign_in(coordinator.user)
    visit(reverse("frameworks:list", kwargs={"partnership_slug": partnership.slug}))
    click_through(page.get_by_role("link", name="Write a framework"))

    page.get_by_label("What is the framework called?").fill("Riverside Fair Start")
    save(page, click_through)
    expect(page.locator("h1")).to_have_text("Riverside Fair Start")

    click_through(page.get_by_role("link", name="Change short name"))
    page.get_by_label("What is its short name?").fill("Fair Start")
    save(page, click_through)
    click_through(page.get_by_role("link", name="Change description"))
    page.get_by_label("Describe the framework").fill("Two steps to fair work for local people.")
    save(page, click_through)

    add_level(page, click_through, "Not yet", "We have not started.")
    add_level(page, click_through, "On the way", "We do this some of the time.")
    add_level(page, click_through, "Done", "We do this all the time.")
    expect(page.locator("#scale ~ dl").first).to_contain_text("3. Done")

    click_through(page.get_by_role("link", name="Add a section"))
    page.get_by_label("Title of the section").fill("Our steps")
    page.get_by_label("Yes, they rate each item on the scale").check()
    save(page, click_through)
    expect(page.locator("h1")).to_have_text("Our steps")

    click_through(page.get_by_role("link", name="Add an item"))
    expect(page.get_by_label("Number")).to_have_value("1")
    page.get_by_label("Title").fill("Pay a fair wage")
    page.get_by_label("Summary (optional)").fill("Pay at least the real Living Wage.")
    save(page, click_through)
    expect(page.locator("h1")).to_have_text("1. Pay a fair wage")

    click_through(page.get_by_role("link", name="Add a prompt"))
    page.get_by_label("Everyone").check()
    page.get_by_label("Questions to ask yourselves").check()
    page.get_by_label("Prompt", exact=True).fill("Who is paid least?")
    save(page, click_through)
    expect(page.locator("#prompts ~ dl").first).to_contain_text("Who is paid least?")

    click_through(page.get_by_role("link", name="Add another item to “Our steps”"))
    expect(page.get_by_label("Number")).to_have_value("2")
    page.get_by_label("Title").fill("Open your doors")
    save(page, click_through)
    click_through(page.get_by_role("link", name="Our steps", exact=True))
    click_through(page.get_by_role("button", name="Move “Open your doors” up"))
    expect(page.locator("#items ~ dl").first.locator("dt").first).to_have_text("2. Open your doors")

    click_through(page.get_by_role("link", name="Back to the draft"))
    click_through(page.get_by_role("link", name="Check the words").first)
    expect(page.locator("h1")).to_have_text("Check the words")
    expect(page.locator("main")).to_contain_text("Every piece of text meets the target.")

    click_through(page.get_by_role("link", name="Continue to publish"))
    expect(page.locator("main")).to_contain_text("The draft passes every check.")
    click_through(page.get_by_role("button", name="Publish version 1"))
    expect(page.locator("h1")).to_have_text("Riverside Fair Start")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Riverside Fair Start, version 1, is published.")
    expect(page.get_by_role("table")).to_contain_text("On the way")

    version = FrameworkVersion.objects.get()
    assert [level["name"] for level in version.scale] == ["Not yet", "On the way", "Done"]
    assert list(version.items.values_list("title", flat=True)) == ["Open your doors", "Pay a fair wage"]
