"""The specification checker flags each documented barrier to small organisations, with its reason."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from included.commissioning import barriers
from tests.commissioning.factories import Commissioning

TODAY = datetime.date(2026, 11, 30)


@dataclass
class RoundFacts:
    kind: str = "grants"
    total_amount: Decimal = Decimal("20000")
    largest_award: Decimal = Decimal("5000")
    small_grant_limit: Decimal = Decimal("2000")
    minimum_turnover: Decimal | None = None
    insurance_required: Decimal | None = None
    opens_on: datetime.date = TODAY
    closes_on: datetime.date = TODAY + datetime.timedelta(days=42)
    purpose: str = "Peer support."
    eligibility: str = "Community groups."


@dataclass
class LotFacts:
    title: str
    amount: Decimal
    description: str = ""


def keys(round, lots=()):
    return [barrier.key for barrier in barriers.barriers(round, list(lots))]


def test_a_proportionate_round_has_no_barriers():
    assert keys(RoundFacts(minimum_turnover=Decimal("10000"), insurance_required=Decimal("1000000"))) == []


@pytest.mark.parametrize(
    ("round", "lots", "expected"),
    [
        (RoundFacts(minimum_turnover=Decimal("10001")), [], "turnover"),
        (RoundFacts(insurance_required=Decimal("10000000")), [], "insurance"),
        (RoundFacts(kind="tender", total_amount=Decimal("500000"), largest_award=Decimal("500000")), [], "no_lots"),
        (RoundFacts(kind="tender"), [LotFacts("Citywide", Decimal("250000"))], "large_lot"),
        (RoundFacts(closes_on=TODAY + datetime.timedelta(days=10)), [], "short_deadline"),
        (RoundFacts(small_grant_limit=Decimal("0")), [], "no_short_form"),
    ],
)
def test_each_barrier_is_flagged_with_its_reason(round, lots, expected):
    found = barriers.barriers(round, lots)
    assert [barrier.key for barrier in found] == [expected]
    assert found[0].why


def test_turnover_is_compared_with_the_largest_contract_including_lots():
    round = RoundFacts(kind="tender", minimum_turnover=Decimal("150000"))
    assert "turnover" not in keys(round, [LotFacts("Lot", Decimal("80000"))])
    assert "turnover" in keys(round, [LotFacts("Lot", Decimal("70000"))])


@pytest.mark.django_db
def test_the_check_page_shows_barriers_and_plain_words():
    world = Commissioning()
    type(world.round).objects.filter(pk=world.round.pk).update(insurance_required=Decimal("10000000"))
    client = Client()
    client.force_login(world.funder_admin)
    path = reverse(
        "commissioning:check", kwargs={"partnership_slug": world.partnership.slug, "round_id": world.round.pk}
    )
    text = client.get(path).content.decode()
    assert "£10,000,000 of insurance cover" in text
    assert "The round is open for 31 days" not in text
    assert "What the money is for" in text
