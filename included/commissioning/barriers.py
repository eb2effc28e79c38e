"""The specification checker: what in a round may shut out small organisations, each with the reason.

EMIF (checklist point 10, and its measures on procurement) and COLIF (principle 4) ask that commissioning lets
small, local and lived-experience-led organisations take part. These checks read a round's facts only, so each
can be worked out by hand. The limits are here, in one place, so the page and the docs quote the same figures.
"""

from dataclasses import dataclass
from decimal import Decimal

TURNOVER_TIMES_VALUE = 2
HIGH_INSURANCE = Decimal("5000000")
LARGE_LOT = Decimal("100000")
SHORTEST_DEADLINE_DAYS = 28


@dataclass(frozen=True)
class Barrier:
    key: str
    what: str
    why: str


def barriers(round, lots, *, today=None):
    """Every barrier this round puts in front of small organisations; an empty list when it puts none."""
    found = []
    largest_contract = max([round.largest_award, *[lot.amount for lot in lots]])
    if round.minimum_turnover is not None and round.minimum_turnover > TURNOVER_TIMES_VALUE * largest_contract:
        found.append(
            Barrier(
                "turnover",
                f"You ask for an income of £{round.minimum_turnover:,.0f}, more than twice the largest contract "
                f"(£{largest_contract:,.0f}).",
                "Asking for more than twice the value keeps out small organisations that could do the work. "
                "Government guidance on procurement sets twice the value as the most to ask.",
            )
        )
    if round.insurance_required is not None and round.insurance_required > HIGH_INSURANCE:
        found.append(
            Barrier(
                "insurance",
                f"You ask for £{round.insurance_required:,.0f} of insurance cover.",
                f"Cover above £{HIGH_INSURANCE:,.0f} costs more than many small groups earn in a year. Ask only "
                "for what the risk of the work needs, and let the winner take it out once they are chosen.",
            )
        )
    too_large = [lot for lot in lots if lot.amount > LARGE_LOT]
    if round.kind == "tender" and not lots and round.total_amount > LARGE_LOT:
        found.append(
            Barrier(
                "no_lots",
                f"The tender is worth £{round.total_amount:,.0f} and is not split into lots.",
                "One large contract can only be won by a large organisation. Lots let small ones bid for the part "
                "they do best.",
            )
        )
    for lot in too_large:
        found.append(
            Barrier(
                "large_lot",
                f"The lot “{lot.title}” is worth £{lot.amount:,.0f}.",
                f"Lots above £{LARGE_LOT:,.0f} are out of reach for most small organisations. Split it up.",
            )
        )
    days = (round.closes_on - round.opens_on).days
    if days < SHORTEST_DEADLINE_DAYS:
        found.append(
            Barrier(
                "short_deadline",
                f"The round is open for {days} day{'s' if days != 1 else ''}.",
                f"Small groups have no one whose job is to write bids. Give them at least {SHORTEST_DEADLINE_DAYS} "
                "days.",
            )
        )
    if round.small_grant_limit <= 0:
        found.append(
            Barrier(
                "no_short_form",
                "Every applicant fills in the full form.",
                "Set a small grants limit so groups asking for a little are not asked for accounts and policies.",
            )
        )
    return found


def documents(round, lots):
    """The round's words that applicants read, as (name, text) pairs for the plain-language checker."""
    named = [("What the money is for", round.purpose), ("Who can apply", round.eligibility)]
    named += [(f"Lot: {lot.title}", lot.description) for lot in lots if lot.description]
    return named
