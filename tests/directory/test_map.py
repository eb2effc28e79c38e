"""The optional map: none at all without a tile server; with one, only its host joins img-src, only on the pages
that show a map, and the page carries the places as JSON (never as an inline script)."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from included.directory.maps import tile_source
from tests.directory.factories import make_service
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
BASE_IMG_SRC = "img-src 'self' data:"


def _img_src(response):
    policy = response.headers["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if part.strip().startswith("img-src"))


def _pages(service):
    slug = service.partnership.slug
    return [
        reverse("directory:search", kwargs={"partnership_slug": slug}),
        reverse("directory:public_service", kwargs={"partnership_slug": slug, "service_id": service.pk}),
    ]


def _mapped_service(**changes):
    return make_service(
        OrganisationFactory(),
        name="Canal café",
        place={"name": "Canal hub", "latitude": "51.501000", "longitude": "-0.120000"},
        **changes,
    )


def test_with_no_tile_server_there_is_no_map_and_no_extra_source(settings):
    settings.DIRECTORY_MAP_TILES_URL = ""
    service = _mapped_service()
    for url in _pages(service):
        response = Client().get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "data-directory-map" not in html
        assert "directory-map-places" not in html
        assert "leaflet" not in html
        assert _img_src(response) == BASE_IMG_SRC


def test_with_a_tile_server_the_pages_carry_the_places_and_allow_only_its_host(settings):
    settings.DIRECTORY_MAP_TILES_URL = TILES
    settings.DIRECTORY_MAP_ATTRIBUTION = "© Example map makers"
    service = _mapped_service()
    for url in _pages(service):
        response = Client().get(url)
        html = response.content.decode()
        assert _img_src(response) == f"{BASE_IMG_SRC} https://tiles.example.org"
        policy = response.headers["Content-Security-Policy"]
        assert policy.count("tiles.example.org") == 1
        assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in html
        assert "© Example map makers" in html
        section = re.search(r"<section[^>]*data-directory-map[^>]*>", html).group(0)
        assert " hidden" in section, "the map stays hidden until JavaScript draws it"
        block = re.search(r'<script id="directory-map-places" type="application/json">(.*?)</script>', html, re.S)
        points = json.loads(block.group(1))
        assert points == [
            {
                "lat": 51.501,
                "lng": -0.12,
                "service": "Canal café",
                "place": "Canal hub",
                "url": _pages(service)[1],
            }
        ]
        # Every other script is a file from our own site, or carries the nonce: nothing inline without one.
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert 'type="application/json"' in tag or "src=" in tag or "nonce=" in tag


def test_a_page_with_no_coordinates_has_no_map_even_with_a_tile_server(settings):
    settings.DIRECTORY_MAP_TILES_URL = TILES
    service = make_service(OrganisationFactory(), place={"name": "Somewhere"})
    for url in _pages(service):
        response = Client().get(url)
        assert "data-directory-map" not in response.content.decode()
        assert _img_src(response) == BASE_IMG_SRC


def test_other_pages_never_allow_the_tile_host(settings):
    settings.DIRECTORY_MAP_TILES_URL = TILES
    response = Client().get("/")
    assert "tiles.example.org" not in response.headers["Content-Security-Policy"]


def test_a_draft_place_is_not_on_the_public_map(settings):
    settings.DIRECTORY_MAP_TILES_URL = TILES
    draft = _mapped_service(published=False)
    response = Client().get(_pages(draft)[0])
    assert "directory-map-places" not in response.content.decode()


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://localhost:8000/tiles/{z}/{x}/{y}.png", "http://localhost:8000"),
        ("javascript:alert(1)", None),
        ("tiles.example.org/{z}/{x}/{y}.png", None),
        ("https://tiles.example.org; script-src *", None),
        ("https://{x}.example.org/", None),
        ("", None),
    ],
)
def test_only_a_plain_web_address_becomes_a_csp_source(url, source):
    assert tile_source(url) == source


def test_a_tile_address_that_cannot_be_allowed_precisely_means_no_map(settings):
    settings.DIRECTORY_MAP_TILES_URL = "https://tiles.example.org; script-src *"
    service = _mapped_service()
    response = Client().get(_pages(service)[1])
    assert "data-directory-map" not in response.content.decode()
    assert _img_src(response) == BASE_IMG_SRC
