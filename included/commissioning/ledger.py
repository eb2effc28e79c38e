"""The open allocation ledger: every award in a partnership, and where the money went.

Money given to a named organisation is public by nature, so each award is listed in full. The number of
organisations in each area is a figure about organisations, so it goes through `core.suppression`.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from included.core import suppression
from included.organisations.enums import Sector, Size

from .models import Application

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


def figures(awards):
    """The shares of money by kind of organisation, and the money and organisations by area."""
    awards = list(awards)
    total = sum((a.amount_awarded for a in awards), Decimal("0"))

    def share(label, test):
        return MoneyShare(label, sum((a.amount_awarded for a in awards if test(a.organisation)), Decimal("0")), total)

    shares = [
        share(
            "Voluntary, community and social enterprises (VCSEs) and community groups",
            lambda o: o.sector in VOLUNTARY_AND_COMMUNITY,
        ),
        share("Organisations led by people with lived experience", lambda o: o.lived_experience_led),
        share("Small organisations (fewer than 50 people)", lambda o: o.size in SMALL_ORGANISATIONS),
    ]
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
