"""EMIF's commissioning and investment measures on the impact dashboard, from the partnership's funding rounds."""

from decimal import Decimal
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from included.commissioning import ledger
from included.impact import figures
from included.organisations.enums import Sector, Size
from tests.assessments.factories import coordinator_of
from tests.commissioning.factories import Commissioning, apply, make_applicant, open_small_grants_round
from tests.factories import PartnershipFactory
from tests.impact.factories import PartnershipFactFactory

pytestmark = pytest.mark.django_db

HEADING = "Funding rounds and money given, by year"


def dashboard(client, partnership):
    page = client.get(reverse("impact:dashboard", kwargs={"partnership_slug": partnership.slug}))
    assert page.status_code == 200
    return page.text


def cells(table):
    """The newest year's figures, by column."""
    return dict(table.rows[0][1])


def test_with_no_round_there_are_no_funding_measures(client):
    partnership = PartnershipFactory()
    assert figures.funding(partnership) is None
    assert HEADING not in dashboard(client, partnership)
    assert "The framework's own impact" not in dashboard(client, partnership)


def test_a_round_not_yet_decided_counts_but_shows_no_money(client):
    world = Commissioning()
    table = figures.funding(world.partnership)
    assert cells(table) == {
        "Funding rounds opened": "1",
        "Rounds scored with social value at least 10%": "1",  # the shipped template gives social value 15 of 100
    }
    page = dashboard(client, world.partnership)
    assert HEADING in page
    assert "Money awarded" not in page


def test_a_decided_round_shows_the_money_and_its_shares_from_the_ledger(client):
    world = Commissioning()
    world.award(world.application_a, Decimal("1500"))
    table = figures.funding(world.partnership)
    assert table.rows[0][0] == timezone.localdate().year
    shown = cells(table)
    assert shown["Money awarded"] == "£1,500.00"
    # The shares are the ledger's own, not worked out again.
    _, shares = ledger.money_shares(ledger.awards_for(world.partnership))
    assert [shown[share.label] for share in shares] == [str(share) for share in shares]
    assert shown["Voluntary, community and social enterprises (VCSEs) and community groups"] == "100% (£1,500.00)"
    assert shown["Small organisations (fewer than 50 people)"] == "100% (£1,500.00)"
    assert shown["Organisations led by people with lived experience"] == "0% (£0.00)"
    page = dashboard(client, world.partnership)
    assert "£1,500.00" in page
    assert reverse("commissioning:ledger", kwargs={"partnership_slug": world.partnership.slug}) in page


def test_the_number_of_organisations_funded_passes_the_partnerships_k(client):
    world = Commissioning()
    world.award(world.application_a)
    world.award(world.application_b)
    assert world.partnership.suppression_k == 5
    assert cells(figures.funding(world.partnership))["Organisations funded"] == "Fewer than 5"
    assert 'data-label="Organisations funded">Fewer than 5<' in dashboard(client, world.partnership)
    third, admin = make_applicant(world.partnership, sector=Sector.EMPLOYER, size=Size.LARGE)
    world.award(apply(world.round, third, admin, title="Paid placements"))
    world.partnership.suppression_k = 3
    world.partnership.save(update_fields=["suppression_k"])
    shown = cells(figures.funding(world.partnership))
    assert shown["Organisations funded"] == "3"
    assert shown["Money awarded"] == "£4,500.00"  # money to named organisations is public, never hidden
    assert shown["Small organisations (fewer than 50 people)"] == "67% (£3,000.00)"


def test_coordinators_facts_stay_beside_the_measures(client):
    world = Commissioning()
    world.award(world.application_a)
    fact = PartnershipFactFactory(partnership=world.partnership)
    page = dashboard(client, world.partnership)
    assert HEADING in page
    assert escape(fact.description) in page


def _queries(client, partnership):
    client.force_login(coordinator_of(partnership))  # coordinators read the page fresh, never from the cache
    with CaptureQueriesContext(connection) as queries:
        dashboard(client, partnership)
    return len(queries)


def test_the_measures_take_the_same_queries_however_many_rounds_and_awards(client):
    counts = []
    for awards in (1, 4):
        world = Commissioning()
        world.award(world.application_a)
        for number in range(awards - 1):
            group, admin = make_applicant(world.partnership, name=f"Group {number}")
            world.award(apply(world.round, group, admin, title=f"Plan {number}"), Decimal("500"))
            open_small_grants_round(world.funder, world.funder_admin, title=f"Round {number}")
        with CaptureQueriesContext(connection) as queries:
            ledger.funding_by_year(world.partnership)
        assert len(queries) == 2
        counts.append(_queries(client, world.partnership))
    assert counts[0] == counts[1]


def test_an_annual_report_keeps_its_years_funding():
    world = Commissioning()
    world.award(world.application_a, Decimal("1500"))
    year = timezone.localdate().year
    kept = dict((m["label"], m["figure"]) for m in figures.report_figures(world.partnership, year)["funding"])
    assert kept["Money awarded"] == "£1,500.00"
    assert kept["Organisations funded"] == "Fewer than 5"
    assert figures.report_figures(world.partnership, year - 1)["funding"] == []
