"""A printed page carries the content alone: no menus, no buttons, no search form, no footer."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.core.test_role_page_matrix import World

pytestmark = pytest.mark.browser

LEFT_OUT_OF_PRINT = [
    ".govuk-service-navigation",
    ".govuk-footer",
    ".govuk-back-link",
    "form[method=get]",
    ".govuk-button",
]


@pytest.mark.parametrize("javascript_enabled", [True], ids=["js"])
@pytest.mark.parametrize("name", ["assessments:register", "assessments:commitment"])
def test_a_printed_public_page_has_no_menus_buttons_or_search(page, visit, db, name):
    world = World()
    kwargs = world.p if name == "assessments:register" else world.org_a
    visit(reverse(name, kwargs=kwargs))

    page.emulate_media(media="print")

    expect(page.locator("h1")).to_be_visible()
    for part in LEFT_OUT_OF_PRINT:
        for element in page.locator(part).all():
            expect(element).to_be_hidden()
    assert page.locator(".govuk-service-navigation, .govuk-footer").count(), "the screen page has a menu and footer"
