"""The directory at scale, with the services `manage.py seed_scale` makes: "Find help" and the Open Referral API
lists take the same number of queries whatever the directory's size, every seeded service is valid Open Referral
UK, and (on PostgreSQL) no query of theirs reads a directory table from end to end."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from included.demo.scale import PLACES
from included.demo.scale_directory import seed_directory
from included.directory.models import Service
from tests.demo.test_query_plans import explain_without_sequential_scans, row_counts, sequential_scans
from tests.directory.factories import term
from tests.directory.oruk import page_problems, problems
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def _seed(partnership, organisations, services, seed=1):
    made = [OrganisationFactory(partnership=partnership) for _ in range(organisations)]
    return seed_directory(partnership, made, services, seed=seed, places=PLACES)


def _addresses(partnership):
    """What a person and a feed reader ask for: plain lists, later pages, and every filter, each chosen so that it
    finds something (an empty page runs fewer queries)."""
    search = reverse("directory:search", kwargs={"partnership_slug": partnership.slug})
    api = f"/api/openreferral/{partnership.slug}"
    advice = term("advice").pk
    service = (
        Service.objects.for_partnership(partnership)
        .published()
        .filter(places__location__step_free=True)
        .order_by("name", "pk")
        .first()
    )
    place = service.places.filter(location__step_free=True).first().location
    district, town, day = place.postcode_district, place.city, service.schedules.first().byday[:2]
    return {
        "find help": search,
        "find help, page 3": f"{search}?page=3",
        "find help, district and access": f"{search}?area={district}&access=step_free",
        "find help, words, term and cost": f"{search}?q=advice&term={advice}&free=on",
        "find help, town": f"{search}?area={town}",
        "API services": f"{api}/services",
        "API services, page 2": f"{api}/services?page=2&per_page=20",
        "API services, place and day": f"{api}/services?postcode={district}+1AB&day={day}",
        "API services, term and words": f"{api}/services?taxonomy_term_id={advice}&search=advice",
        "API service at locations": f"{api}/service_at_locations?postcode={district}",
    }


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return queries


def test_find_help_and_the_api_take_the_same_queries_at_two_sizes(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    partnership = PartnershipFactory()
    _seed(partnership, 10, 400)
    client = Client()
    addresses = _addresses(partnership)
    counts = {name: len(_queries(client, url)) for name, url in addresses.items()}

    _seed(partnership, 20, 1200, seed=2)

    assert {name: len(_queries(client, url)) for name, url in addresses.items()} == counts


def test_every_seeded_service_is_valid_open_referral():
    partnership = PartnershipFactory()
    _seed(partnership, 10, 200)
    api = f"/api/openreferral/{partnership.slug}"
    published = Service.objects.for_partnership(partnership).published().count()
    found = []
    for page in (1, 2):
        feed = Client().get(f"{api}/services", {"per_page": 100, "page": page}).json()
        assert page_problems("compiled/service_list.json", feed) == []
        found += feed["contents"]
    assert len(found) == published > 150
    places = Client().get(f"{api}/service_at_locations", {"per_page": 200}).json()
    assert page_problems("compiled/service_at_location_list.json", places) == []
    one = Client().get(f"{api}/services/{found[0]['id']}").json()
    assert problems("compiled/service.json", one) == []
    # Contacts are roles, never people.
    assert {contact["title"] for service in found for contact in service.get("contacts", [])} <= {
        "Reception",
        "Advice line",
        "Drop-in team",
        "Bookings",
        "Duty adviser",
        "Front desk",
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are checked on PostgreSQL")
def test_find_help_and_the_api_read_no_directory_table_from_end_to_end(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    partnership = PartnershipFactory()
    _seed(partnership, 100, 3000)
    _seed(PartnershipFactory(), 50, 1500, seed=2)  # another partnership's services, which must not be read
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rows = row_counts()
    client = Client()
    found = []
    for name, url in _addresses(partnership).items():
        for query in _queries(client, url):
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            for table, condition in sequential_scans(explain_without_sequential_scans(sql)):
                if table.startswith("directory_") and rows.get(table, 0) >= 1000:
                    found.append(f"{name}: reads all {int(rows[table]):,} rows of {table} {condition}\n    {sql[:300]}")
    assert not found, "\n".join(found)
