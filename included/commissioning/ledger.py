"""The open allocation ledger: every award in a partnership, and where the money went.

Money given to a named organisation is public by nature, so each award is listed in full. The number of
organisations in each area is a figure about organisations, so it goes through `core.suppression`.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from included.core import suppression
from included.organisations.enums import Sector, Size

from . import scoring
from .models import Application, Round

VOLUNTARY_AND_COMMUNITY = frozenset({Sector.VCSE, Sector.COMMUNITY_GROUP})
SMALL_ORGANISATIONS = frozenset({Size.MICRO, Size.SMALL})
NO_AREA = "Area not given"
NOT_SHOWN = "Not shown: too few to publish"


def awards_for(partnership):
    return (
        Application.objects.awarded().filter(round__partnership=partnership).with_parts().order_by("-decided_at", "-id")
    )


@dataclass(frozen=True)
class MoneyShare:
    label: str
    amount: Decimal
    total: Decimal

    @property
    def percent(self):
        if not self.total:
            return None
        return int((self.amount * 100 / self.total).quantize(Decimal("1")))

    def __str__(self):
        if self.percent is None:
            return "No awards yet"
        return f"{self.percent}% (£{self.amount:,.2f})"


@dataclass(frozen=True)
class AreaRow:
    area: str
    amount: Decimal
    organisations: str  # a number, or why it is not shown


@dataclass(frozen=True)
class LedgerFigures:
    total: Decimal
    awards: int
    shares: list
    areas: list


def money_shares(awards):
    """The money awarded, and the shares of it to VCSEs and community groups, to organisations led by people with
    lived experience and to small organisations. The ledger and the impact dashboard both use this."""
    awards = list(awards)
    total = sum((a.amount_awarded for a in awards), Decimal("0"))

    def share(label, test):
        return MoneyShare(label, sum((a.amount_awarded for a in awards if test(a.organisation)), Decimal("0")), total)

    return total, [
        share(
            "Voluntary, community and social enterprises (VCSEs) and community groups",
            lambda o: o.sector in VOLUNTARY_AND_COMMUNITY,
        ),
        share("Organisations led by people with lived experience", lambda o: o.lived_experience_led),
        share("Small organisations (fewer than 50 people)", lambda o: o.size in SMALL_ORGANISATIONS),
    ]


def figures(awards):
    """The shares of money by kind of organisation, and the money and organisations by area."""
    awards = list(awards)
    total, shares = money_shares(awards)
    money = defaultdict(Decimal)
    organisations = defaultdict(set)
    for award in awards:
        area = award.organisation.local_area.strip() or NO_AREA
        money[area] += award.amount_awarded
        organisations[area].add(award.organisation_id)
    areas = sorted(money)
    counts = [len(organisations[area]) for area in areas]
    hidden = suppression.suppress([counts]) if counts else None
    rows = [
        AreaRow(area, money[area], NOT_SHOWN if hidden.is_hidden(0, column) else str(counts[column]))
        for column, area in enumerate(areas)
    ]
    return LedgerFigures(total=total, awards=len(awards), shares=shares, areas=rows)


@dataclass(frozen=True)
class FundingYear:
    """One year of a partnership's funding. Rounds count in the year they opened, awards in the year decided.

    `organisations` is a count of organisations: whoever publishes it must pass it through `core.suppression`."""

    year: int
    rounds: int
    rounds_with_social_value: int  # scored with social value at least MIN_SOCIAL_VALUE_WEIGHT of 100
    awards: int
    organisations: int
    total: Decimal
    shares: list


def funding_by_year(partnership):
    """Rounds opened and money awarded in the partnership, year by year, newest first; only years with either.

    Two queries, however many rounds and awards."""
    opened = defaultdict(int)
    with_social_value = defaultdict(int)
    weights = {}  # each scoring framework is read once, however many rounds chose it
    for round in Round.objects.for_partnership(partnership).select_related("scoring_framework"):
        framework = round.scoring_framework
        if framework.pk not in weights:
            weights[framework.pk] = framework.scheme.social_value_weight
        opened[round.opens_on.year] += 1
        # The weights of a scoring framework add up to 100, so a weight is also a percentage.
        if weights[framework.pk] >= scoring.MIN_SOCIAL_VALUE_WEIGHT:
            with_social_value[round.opens_on.year] += 1
    decided = defaultdict(list)
    for award in awards_for(partnership):
        decided[timezone.localtime(award.decided_at).year].append(award)
    years = []
    for year in sorted(opened.keys() | decided.keys(), reverse=True):
        awards = decided[year]
        total, shares = money_shares(awards)
        years.append(
            FundingYear(
                year=year,
                rounds=opened[year],
                rounds_with_social_value=with_social_value[year],
                awards=len(awards),
                organisations=len({award.organisation_id for award in awards}),
                total=total,
                shares=shares,
            )
        )
    return years
