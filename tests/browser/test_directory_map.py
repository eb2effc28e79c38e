"""The optional map in a real browser. With JavaScript on, it draws the places over the list, its pins can be
reached and opened with the keyboard, and each leads to its service; with JavaScript off there is no map and no
empty box, only the list. Tiles come from the live test server itself (one small image from our static files for
every tile), so nothing is fetched from another site and no missing tile fills the console with errors.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.directory.factories import make_service
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_map_adds_the_places_and_the_list_stays(page, visit, check_page, live_server, settings, javascript_enabled):
    settings.DIRECTORY_MAP_TILES_URL = (
        f"{live_server.url}/static/build/leaflet/images/marker-shadow.png?{{z}}/{{x}}/{{y}}"
    )
    settings.DIRECTORY_MAP_ATTRIBUTION = "Test tiles"
    organisation = OrganisationFactory()
    make_service(
        organisation,
        name="Canal café",
        place={"name": "Canal hub", "postal_code": "RV7 4TS", "latitude": "51.501000", "longitude": "-0.120000"},
    )
    make_service(
        organisation,
        name="Library job club",
        place={"name": "Riverside Library", "latitude": "51.510000", "longitude": "-0.100000"},
    )
    make_service(organisation, name="Phone advice line", place={"name": "By phone only"})

    visit(reverse("directory:search", kwargs={"partnership_slug": organisation.partnership.slug}))
    main = page.locator("main")
    expect(main.get_by_role("heading", name="3 services")).to_be_visible()
    expect(main.get_by_role("link", name="Phone advice line")).to_be_visible()

    if not javascript_enabled:
        expect(page.get_by_role("heading", name="Map of the places")).to_have_count(0)
        expect(page.locator("[data-directory-map]")).to_be_hidden()
        return

    expect(page.get_by_role("heading", name="Map of the places")).to_be_visible()
    expect(main).to_contain_text("The same places are listed below.")
    pins = page.locator(".leaflet-marker-icon")
    expect(pins).to_have_count(2)
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("Test tiles")

    # A pin is reached with the keyboard, Enter opens it, and its link takes focus and leads to the service.
    page.get_by_role("button", name="Canal café, Canal hub").focus()
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup").get_by_role("link", name="Canal café")
    expect(link).to_be_focused()
    check_page()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page()
    expect(page.locator("h1")).to_have_text("Canal café")
    expect(page.get_by_role("heading", name="Map of the places")).to_be_visible()
    expect(page.locator("main")).to_contain_text("The same places are listed above.")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
