"""The public search: what a person finds, what they never find (drafts), and that it stays fast."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from included.directory.freshness import freshness
from included.directory.models import Service
from tests.directory.factories import make_service, term
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _search(partnership, **params):
    response = Client().get(reverse("directory:search", kwargs={"partnership_slug": partnership.slug}), params)
    assert response.status_code == 200
    return response


def _names(response):
    return [service.name for service in response.context["results"]]


def test_freshness_is_one_under_six_months_and_none_at_two_years():
    import datetime

    today = datetime.date(2026, 11, 30)
    assert freshness(today - datetime.timedelta(days=100), today) == 1
    assert freshness(today - datetime.timedelta(days=182), today) == 1
    assert 0 < freshness(today - datetime.timedelta(days=456), today) < 1
    assert freshness(today - datetime.timedelta(days=730), today) == 0
    assert freshness(None, today) == 0


def test_a_person_finds_a_published_service_by_postcode_district_and_access():
    organisation = OrganisationFactory()
    make_service(organisation, name="Step-free club", place={"postal_code": "rv1 2ab", "step_free": True})
    make_service(organisation, name="Upstairs club", place={"postal_code": "RV1 3CD", "step_free": False})
    make_service(organisation, name="Far club", place={"postal_code": "RV9 1AA", "step_free": True})
    partnership = organisation.partnership
    assert _names(_search(partnership, area="RV1", access="step_free")) == ["Step-free club"]
    assert _names(_search(partnership, area="rv1 9zz")) == ["Step-free club", "Upstairs club"]


def test_search_by_words_term_cost_and_lived_experience():
    organisation = OrganisationFactory()
    make_service(organisation, name="Peer café", terms=[term("peer-support")], lived_experience_led=True)
    make_service(organisation, name="Paid course", is_free=False, fees="£5 a week", terms=[term("learning")])
    partnership = organisation.partnership
    assert _names(_search(partnership, q="café")) == ["Peer café"]
    assert _names(_search(partnership, term=str(term("learning").pk))) == ["Paid course"]
    assert _names(_search(partnership, free="on")) == ["Peer café"]
    assert _names(_search(partnership, lived="on")) == ["Peer café"]


def test_drafts_and_other_partnerships_never_show():
    organisation = OrganisationFactory()
    make_service(organisation, name="Draft group", published=False)
    make_service(OrganisationFactory(), name="Elsewhere group")
    assert _names(_search(organisation.partnership)) == []


def test_search_ranks_fresh_services_first():
    organisation = OrganisationFactory()
    make_service(organisation, name="A old", checked_days_ago=600)
    make_service(organisation, name="B fresh", checked_days_ago=30)
    make_service(organisation, name="C fresh too", checked_days_ago=100)
    make_service(organisation, name="D older still", checked_days_ago=700)
    assert _names(_search(organisation.partnership)) == ["B fresh", "C fresh too", "A old", "D older still"]


def test_a_wrong_choice_is_set_aside_and_the_search_still_answers():
    organisation = OrganisationFactory()
    make_service(organisation, name="Job club")
    response = _search(organisation.partnership, term="not-a-term", access="wings", q="x" * 500)
    assert response.context["page_has_errors"]


def _queries_for_search(count):
    organisation = OrganisationFactory()
    for number in range(count):
        make_service(
            organisation,
            name=f"Club {number}",
            terms=[term("advice")],
            place={"name": f"Hall {number}", "postal_code": "RV1 2AB"},
        )
    with CaptureQueriesContext(connection) as queries:
        _search(organisation.partnership, area="RV1", access="step_free")
    return len(queries)


def test_search_takes_the_same_queries_whatever_the_number_of_services():
    # The three parts of the ranking and one count (ServiceQuerySet.freshest_page), the page's rows and two lists of
    # what they show, the partnership and the search form's terms.
    assert _queries_for_search(2) == _queries_for_search(25) <= 12


def test_the_pages_of_results_keep_the_freshest_first_order_across_their_three_parts():
    organisation = OrganisationFactory()
    for name, days in [("Bee", 10), ("Ant", 100), ("Cat", 300), ("Dog", 900), ("Eel", 300), ("Fox", None)]:
        service = make_service(organisation, name=name, checked_days_ago=days or 0)
        if days is None:
            Service.objects.filter(pk=service.pk).update(last_checked_on=None)
    services = Service.objects.for_partnership(organisation.partnership).published()
    expected = [service.name for service in services.freshest_first()]
    pages = [services.freshest_page(start, 2, most=100)[0] for start in range(0, 8, 2)]
    paged = [service.name for page in pages for service in page]
    assert paged == expected == ["Ant", "Bee", "Cat", "Eel", "Dog", "Fox"]
    assert services.freshest_page(4, 2, most=100)[1] == 6


def test_counting_stops_past_the_most_a_search_shows_and_the_order_holds_up_to_it():
    organisation = OrganisationFactory()
    for name, days in [("Bee", 10), ("Ant", 100), ("Cat", 300), ("Dog", 900), ("Eel", 300)]:
        make_service(organisation, name=name, checked_days_ago=days)
    services = Service.objects.for_partnership(organisation.partnership).published()
    # The matches are counted once, up to most + 1: over most means "more than most".
    assert services.freshest_page(0, 1, most=1)[1] == 2
    assert services.freshest_page(0, 1, most=3)[1] == 4
    assert services.freshest_page(0, 1, most=5)[1] == 5
    # A page that starts in the fresh part and ends in the older one, and one wholly in the older one.
    assert [service.name for service in services.freshest_page(1, 2, most=4)[0]] == ["Bee", "Cat"]
    assert [service.name for service in services.freshest_page(2, 2, most=4)[0]] == ["Cat", "Eel"]


def test_a_search_with_more_matches_than_it_shows_says_so_and_offers_pages_only_up_to_them(monkeypatch):
    from included.directory import public_views

    monkeypatch.setattr(public_views, "MOST_SHOWN", 4)
    monkeypatch.setattr(public_views, "PAGE_SIZE", 2)
    organisation = OrganisationFactory()
    for number in range(7):
        make_service(organisation, name=f"Job club {number}", checked_days_ago=10 * number)
    response = _search(organisation.partnership, q="club")
    page = response.context["results"]
    assert (page.total, page.more_than_total, page.num_pages) == (4, True, 2)
    html = response.content.decode()
    assert "More than 4 services" in html
    assert "add words, a town or what you need help with" in html
    last = _search(organisation.partnership, q="club", page="2")
    assert _names(last) == ["Job club 2", "Job club 3"]
    assert last.context["results"].next_url == ""
    # A page past the last one shown gives the last one shown.
    assert _names(_search(organisation.partnership, q="club", page="3")) == ["Job club 2", "Job club 3"]
    # Fewer than the most: the count is exact and nothing more is said.
    exact = _search(organisation.partnership, q="club 1")
    assert exact.context["results"].more_than_total is False
    assert "More than" not in exact.content.decode()


def test_a_page_number_past_the_end_shows_the_last_page():
    organisation = OrganisationFactory()
    make_service(organisation, name="Only club")
    for page in ("3", "99999999999999999999999", "-4", "two"):
        assert _names(_search(organisation.partnership, page=page)) == ["Only club"], page
