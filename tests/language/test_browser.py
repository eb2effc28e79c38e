"""The word checker and the advice beside a text field, in a real browser, with and without JavaScript.

They use the browser fixtures of tests/browser/fixtures.py. Every page is
checked with axe-core for WCAG 2.2 AA, for exactly one <h1>, and for browser errors, which is how a breach of the
Content Security Policy shows up.
"""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import PartnershipMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
BUILT_SCRIPT = ROOT / "included" / "static" / "build" / "language.js"
SOURCE_SCRIPT = ROOT / "frontend" / "js" / "language.js"
TEXT = "We will utilise our stakeholders in order to help people. The form was sent by the DWP."


@pytest.fixture(autouse=True)
def _language_script(page):
    """Check the script as written in frontend/js/, even when static/build/ holds a copy from an older build.
    (scripts/test builds the front end first, so there the two are the same.)"""
    source = SOURCE_SCRIPT.read_text(encoding="utf-8")
    if not BUILT_SCRIPT.exists() or BUILT_SCRIPT.read_text(encoding="utf-8") != source:
        page.route(
            "**/static/build/language.js",
            lambda route: route.fulfill(status=200, content_type="text/javascript", body=source),
        )


def test_a_visitor_checks_pasted_words_and_sees_each_suggestion_marked(page, visit, click_through):
    visit(reverse("language:check"))
    expect(page).to_have_title("Check your words – Included")

    page.get_by_label("Your words").fill(TEXT)
    click_through(page.get_by_role("button", name="Check my words"))

    expect(page.get_by_role("heading", name="What we found")).to_be_visible()
    text = page.locator(".language-text")
    expect(text.locator("mark", has_text="utilise")).to_be_visible()
    expect(text.locator("mark", has_text="was sent")).to_be_visible()
    expect(page.locator("#language-flag-1")).to_contain_text("Try: use")
    expect(page.get_by_label("Your words")).to_have_value(TEXT)

    click_through_reference = text.get_by_role("link", name="suggestion 1")
    click_through_reference.click()
    expect(page).to_have_url(f"{reverse('language:check')}#language-flag-1")


@pytest.mark.parametrize("javascript_enabled", [True], ids=["js"])
def test_with_javascript_the_results_update_as_you_type(page, visit, check_page):
    visit(reverse("language:check"))

    page.get_by_label("Your words").fill(TEXT)

    results = page.locator("[data-language-results]")
    expect(results.locator("mark", has_text="stakeholders")).to_be_visible()
    expect(page.locator("[data-language-status]")).to_contain_text("suggestions")
    page.get_by_label("Your words").fill("We help people find work.")
    expect(results.locator("mark")).to_have_count(0)
    expect(results).to_contain_text("No suggestions.")
    check_page()
    page.get_by_label("Your words").fill("")
    expect(results).to_be_empty()


def test_an_empty_box_shows_an_error_the_person_can_follow(page, visit, click_through):
    visit(reverse("language:check"))

    click_through(page.get_by_role("button", name="Check my words"))

    expect(page).to_have_title("Error: Check your words – Included")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter some words to check, or choose a document")
    summary.get_by_role("link").click()
    expect(page.get_by_label("Your words")).to_be_focused()


def test_a_coordinator_sees_advice_beside_the_why_field_before_saving(
    page, sign_in, visit, click_through, javascript_enabled
):
    coordinator = PartnershipMemberFactory()
    sign_in(coordinator.user)
    visit(reverse("language:add_entry", kwargs={"partnership_slug": coordinator.partnership.slug}))

    advice = page.locator("[data-language-advice]")
    expect(advice).to_contain_text("When you write here, we will show how easy your words are to read")
    why = page.get_by_label("Why it matters")
    why.fill("We utilise this word because stakeholders prefer it.")

    if javascript_enabled:
        expect(advice.locator("mark", has_text="utilise")).to_be_visible()
    else:
        # Without JavaScript the advice updates when the form comes back, here with an error to fix.
        click_through(page.get_by_role("button", name="Save"))
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        expect(advice.locator("mark", has_text="utilise")).to_be_visible()
    expect(advice).to_contain_text("This is advice. You can still save and publish.")
