import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PUBLIC_PAGES = {
    "www:home": "Working together so all can get good work",
    "core:accessibility": "Accessibility statement",
    "core:privacy": "Privacy notice",
    "core:cookies": "Cookies",
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_anyone_can_read_the_public_pages_with_or_without_javascript(page, visit, name):
    visit(reverse(name))

    expect(page.locator("h1")).to_contain_text(PUBLIC_PAGES[name])
    expect(page).to_have_title(f"{PUBLIC_PAGES[name]} – Included")


def test_a_visitor_can_reach_each_public_page_from_the_footer(page, visit, click_through):
    visit(reverse("www:home"))

    for name in ("core:accessibility", "core:privacy", "core:cookies"):
        click_through(page.locator("footer").get_by_role("link", name=PUBLIC_PAGES[name]))
        expect(page).to_have_url(reverse(name))


def test_the_first_tab_reaches_the_skip_link_and_it_jumps_past_the_header(page, visit, javascript_enabled):
    visit(reverse("www:home"))

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()

    page.keyboard.press("Enter")
    if javascript_enabled:
        # GOV.UK Frontend makes <main> focusable and moves focus there, so a screen reader starts reading it.
        expect(page.locator("main")).to_be_focused()
    # With or without JavaScript, the next Tab goes to the first link inside the main content, not the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_the_home_page_looks_right_to_a_person(page, visit, screenshot):
    visit(reverse("www:home"))

    picture = screenshot("home")

    assert picture.exists()
    header_colour = page.locator("header").first.evaluate("element => getComputedStyle(element).backgroundColor")
    assert header_colour == "rgb(29, 79, 74)"
