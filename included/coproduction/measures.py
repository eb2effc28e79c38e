"""The co-production measures, as pure functions of plain facts, so each can be checked by hand.

The facts come from the database in reports.py. Nothing here touches the database, and every function copes with
no data at all: a share of nothing is "no figure", never a division by zero.

Figures about the people who took part (how many, their hours, what they were paid) are not shown for fewer than
MIN_ACTIVITIES activities, because with so few it would be easy to work out what one person did or earned. Nor are
they shown where they would give such a figure away: "all years" minus the years shown would be the year hidden, so
the money and time table goes through the shared suppression in `included.core.suppression` (see
`protected_money_by_year`). The other tables count activities and contributions and how the organisation answered
them; they hold no figures about the people themselves.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from included.core import suppression

from .enums import LadderGroup, LadderRung, Recognition

MIN_ACTIVITIES = suppression.DEFAULT_K
NOT_SHOWN = f"Not shown: fewer than {MIN_ACTIVITIES} activities"
NOT_SHOWN_TO_PROTECT = "Not shown, so that hidden figures cannot be worked out"
NOT_SHOWN_BECAUSE = {suppression.TOO_FEW: NOT_SHOWN, suppression.PROTECTS_ANOTHER: NOT_SHOWN_TO_PROTECT}
NO_FIGURE = "No figure yet"
ZERO = Decimal("0")


@dataclass(frozen=True)
class ActivityFacts:
    held_on: date
    invited_on: date
    ladder_rung: str
    participants: int | None = None
    hours_given: Decimal | None = None
    recognition: str = ""
    hourly_rate: Decimal | None = None
    voucher_value: Decimal | None = None
    wage_area: str = "uk"
    other_costs: Decimal | None = None
    staff_hours: Decimal | None = None

    @property
    def year(self):
        return self.held_on.year

    @property
    def notice_days(self):
        return (self.held_on - self.invited_on).days

    @property
    def ladder_group(self):
        return LadderRung(self.ladder_rung).group

    @property
    def paid_to_participants(self):
        return paid_for_time(self)


def paid_for_time(facts):
    """Pay for people's time: the hourly rate times the hours, or the vouchers' value. Expenses are not pay."""
    paid_hourly = facts.recognition == Recognition.PAID_HOURLY
    if paid_hourly and facts.hourly_rate is not None and facts.hours_given is not None:
        return (facts.hourly_rate * facts.hours_given).quantize(Decimal("0.01"))
    if facts.recognition == Recognition.VOUCHERS and facts.voucher_value is not None:
        return facts.voucher_value
    return ZERO


@dataclass(frozen=True)
class ReviewFacts:
    """One lived-experience review: the time given and how it was paid or thanked. `held_on` is the day it was
    done, so `living_wage_comparison` can read it as it reads an activity."""

    held_on: date
    hours_given: Decimal
    recognition: str
    hourly_rate: Decimal | None = None
    voucher_value: Decimal | None = None
    wage_area: str = "uk"

    @property
    def paid_to_participants(self):
        return paid_for_time(self)


@dataclass(frozen=True)
class ContributionFacts:
    given_on: date
    first_response_on: date | None = None
    was_told: bool = False

    @property
    def has_response(self):
        return self.first_response_on is not None

    @property
    def is_closed(self):
        """Answered, and the person was told: the loop is closed."""
        return self.has_response and self.was_told


@dataclass(frozen=True)
class RateFacts:
    area: str
    hourly_rate: Decimal
    in_force_from: date


@dataclass(frozen=True)
class Share:
    """`part` out of `whole`. With nothing to count, there is no percentage rather than a made-up 0%."""

    part: int
    whole: int

    @property
    def percent(self):
        if not self.whole:
            return None
        # Whole percentages, with halves rounded up as people expect (Python's round() would round 12.5 to 12).
        return (200 * self.part + self.whole) // (2 * self.whole)

    def __str__(self):
        if self.percent is None:
            return NO_FIGURE
        return f"{self.percent}% ({self.part} of {self.whole})"


def share(part, whole):
    return Share(part=part, whole=whole)


def median(values):
    values = list(values)
    if not values:
        return None
    return statistics.median(values)


def median_of_counts(counts):
    """The median of values given as {value: how many times it occurs}, as `median` gives it for the values."""
    total = sum(counts.values())
    if not total:
        return None
    middle = []  # the value at 0-based position total // 2, and for an even total the one before it too
    wanted = {total // 2} | ({total // 2 - 1} if total % 2 == 0 else set())
    seen = 0
    for value in sorted(counts):
        for position in wanted:
            if seen <= position < seen + counts[value]:
                middle.append(value)
        seen += counts[value]
    if len(middle) == 1:
        return middle[0]
    return (middle[0] + middle[1]) / 2


# Answering and telling people -------------------------------------------------------------------------------------


def response_share(contributions):
    """How many contributions have a response."""
    contributions = list(contributions)
    return share(sum(1 for c in contributions if c.has_response), len(contributions))


def loop_closure_share(contributions):
    """How many contributions have a response and the person was told about it."""
    contributions = list(contributions)
    return share(sum(1 for c in contributions if c.is_closed), len(contributions))


def median_days_to_response(contributions):
    """The middle number of days between a contribution and its first response, among those answered."""
    return median((c.first_response_on - c.given_on).days for c in contributions if c.has_response)


# Notice -----------------------------------------------------------------------------------------------------------


def median_notice_days(activities):
    return median(a.notice_days for a in activities)


def short_notice_share(activities, threshold_days):
    """Activities where people were invited fewer than `threshold_days` days before."""
    activities = list(activities)
    return share(sum(1 for a in activities if a.notice_days < threshold_days), len(activities))


# The ladder of co-production, over time -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LadderYear:
    year: int
    activities: int
    groups: list  # (LadderGroup, Share), from "doing to" up to "doing with"


def ladder_groups_by_year(activities):
    """For each year, oldest first, the share of activities in each group of the ladder."""
    by_year = defaultdict(list)
    for activity in activities:
        by_year[activity.year].append(activity)
    return [
        LadderYear(
            year=year,
            activities=len(items),
            groups=[
                (group, share(sum(1 for a in items if a.ladder_group == group), len(items))) for group in LadderGroup
            ],
        )
        for year, items in sorted(by_year.items())
    ]


def ladder_year_of(year, totals):
    """One year of the ladder from its totals: the share of its activities in each group."""
    return LadderYear(
        year=year,
        activities=totals.activities,
        groups=[
            (
                group,
                share(
                    sum(n for rung, n in totals.rung_counts.items() if LadderRung(rung).group == group),
                    totals.activities,
                ),
            )
            for group in LadderGroup
        ],
    )


# Money and time ---------------------------------------------------------------------------------------------------


def rate_in_force(rates, area, day):
    """The Real Living Wage for this area on this day: the newest rate that had started by then."""
    started = [rate for rate in rates if rate.area == area and rate.in_force_from <= day]
    if not started:
        return None
    return max(started, key=lambda rate: rate.in_force_from).hourly_rate


@dataclass(frozen=True)
class LivingWageComparison:
    """Activities paid by the hour, compared with the Real Living Wage in force on their date."""

    at_or_above: Share
    without_a_rate: int = 0


def living_wage_comparison(activities, rates):
    paid = [a for a in activities if a.recognition == Recognition.PAID_HOURLY and a.hourly_rate is not None]
    compared = 0
    at_or_above = 0
    for activity in paid:
        rate = rate_in_force(rates, activity.wage_area, activity.held_on)
        if rate is None:
            continue
        compared += 1
        if activity.hourly_rate >= rate:
            at_or_above += 1
    return LivingWageComparison(at_or_above=share(at_or_above, compared), without_a_rate=len(paid) - compared)


def _total(values):
    return sum((value for value in values if value is not None), ZERO)


@dataclass(frozen=True)
class MoneyAndTime:
    """One row of the money and time table: one year, or all years together (`year` is None)."""

    year: int | None
    activities: int
    people_figures_shown: bool
    other_costs: Decimal
    staff_hours: Decimal
    participants: int | None = None
    hours_given: Decimal | None = None
    paid_to_participants: Decimal | None = None
    living_wage: LivingWageComparison | None = None
    recognition_counts: dict = field(default_factory=dict)
    # Why the figures about people are not shown: too few activities, or to protect a hidden figure.
    not_shown_because: str = ""

    @property
    def invested(self):
        """What the organisation put in, in money: pay to participants and its other costs."""
        if not self.people_figures_shown:
            return None
        return self.paid_to_participants + self.other_costs


@dataclass(frozen=True)
class ActivityTotals:
    """Sums and counts over a set of activities (one year's, or all years'): everything the ladder and the money and
    time tables need. The database works them out for a page (reports.py); `activity_totals` works them out from
    plain facts, so each can be checked against the other."""

    activities: int = 0
    participants: int = 0
    hours_given: Decimal = ZERO
    paid_to_participants: Decimal = ZERO
    other_costs: Decimal = ZERO
    staff_hours: Decimal = ZERO
    living_wage: LivingWageComparison = field(default_factory=lambda: LivingWageComparison(at_or_above=share(0, 0)))
    recognition_counts: dict = field(default_factory=dict)
    rung_counts: dict = field(default_factory=dict)

    def __add__(self, other):
        return ActivityTotals(
            activities=self.activities + other.activities,
            participants=self.participants + other.participants,
            hours_given=self.hours_given + other.hours_given,
            paid_to_participants=self.paid_to_participants + other.paid_to_participants,
            other_costs=self.other_costs + other.other_costs,
            staff_hours=self.staff_hours + other.staff_hours,
            living_wage=LivingWageComparison(
                at_or_above=share(
                    self.living_wage.at_or_above.part + other.living_wage.at_or_above.part,
                    self.living_wage.at_or_above.whole + other.living_wage.at_or_above.whole,
                ),
                without_a_rate=self.living_wage.without_a_rate + other.living_wage.without_a_rate,
            ),
            recognition_counts=_add_counts(self.recognition_counts, other.recognition_counts),
            rung_counts=_add_counts(self.rung_counts, other.rung_counts),
        )


def _add_counts(one, other):
    return {key: one.get(key, 0) + other.get(key, 0) for key in one.keys() | other.keys()}


def activity_totals(activities, rates):
    activities = list(activities)
    return ActivityTotals(
        activities=len(activities),
        participants=sum(a.participants or 0 for a in activities),
        hours_given=_total(a.hours_given for a in activities),
        paid_to_participants=_total(a.paid_to_participants for a in activities),
        other_costs=_total(a.other_costs for a in activities),
        staff_hours=_total(a.staff_hours for a in activities),
        living_wage=living_wage_comparison(activities, rates),
        recognition_counts={
            recognition: sum(1 for a in activities if a.recognition == recognition) for recognition in Recognition
        },
        rung_counts={rung: sum(1 for a in activities if a.ladder_rung == rung) for rung in LadderRung},
    )


def money_and_time_of(totals, year=None):
    """The money and time row for these totals, with the figures about people only for enough activities."""
    shown = totals.activities >= MIN_ACTIVITIES
    row = {
        "year": year,
        "activities": totals.activities,
        "people_figures_shown": shown,
        "other_costs": totals.other_costs,
        "staff_hours": totals.staff_hours,
        "not_shown_because": "" if shown else NOT_SHOWN,
    }
    if shown:
        row |= {
            "participants": totals.participants,
            "hours_given": totals.hours_given,
            "paid_to_participants": totals.paid_to_participants,
            "living_wage": totals.living_wage,
            "recognition_counts": {
                recognition: totals.recognition_counts.get(recognition, 0) for recognition in Recognition
            },
        }
    return MoneyAndTime(**row)


def money_and_time(activities, rates, year=None):
    return money_and_time_of(activity_totals(activities, rates), year=year)


def money_rows_of(totals_by_year):
    """One row per year, oldest first, then all years together (when there is more than one year), from
    {year: ActivityTotals}."""
    rows = [money_and_time_of(totals, year=year) for year, totals in sorted(totals_by_year.items())]
    if len(rows) > 1:
        rows.append(money_and_time_of(sum(totals_by_year.values(), ActivityTotals())))
    return rows


def money_and_time_by_year(activities, rates):
    """One row per year, oldest first, then a row for all years together (when there is more than one year).

    Each row on its own hides the figures about people for fewer than MIN_ACTIVITIES activities. The table as it is
    shown also hides whatever would give those away: see `protected_money_by_year`.
    """
    activities = list(activities)
    by_year = defaultdict(list)
    for activity in activities:
        by_year[activity.year].append(activity)
    rows = [money_and_time(items, rates, year=year) for year, items in sorted(by_year.items())]
    if len(rows) > 1:
        rows.append(money_and_time(activities, rates))
    return rows


def protected_money_by_year(activities, rates):
    """The money and time table as it is shown: the years, then all years as their total, with the figures about
    people hidden wherever they are about too few activities, or would let someone work out one that is.

    Every figure about people in a year is a sum over that year's activities, so each one adds up across the years
    to the figure for all years: they share one pattern of hidden years, decided by the number of activities.
    """
    return protect_money_rows(money_and_time_by_year(activities, rates))


def protect_money_rows(rows):
    """`protected_money_by_year` for rows already worked out."""
    hidden = suppression.suppress([[row.activities for row in rows]], k=MIN_ACTIVITIES, row_totals=len(rows) > 1)
    return [
        _without_people_figures(row, NOT_SHOWN_BECAUSE[reason]) if (reason := hidden.reason(0, column)) else row
        for column, row in enumerate(rows)
    ]


def _without_people_figures(row, because):
    return replace(
        row,
        people_figures_shown=False,
        participants=None,
        hours_given=None,
        paid_to_participants=None,
        living_wage=None,
        recognition_counts={},
        not_shown_because=because,
    )


# Reviewers' time and pay ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewersTimeAndPay:
    """The partnership's lived-experience reviews with their time and pay recorded. Like the figures about people in
    activities, the figures are only shown for MIN_ACTIVITIES reviews or more."""

    reviews: int
    shown: bool
    hours_given: Decimal | None = None
    paid: Decimal | None = None
    living_wage: LivingWageComparison | None = None
    below_living_wage: int | None = None
    recognition_counts: dict = field(default_factory=dict)
    not_shown_because: str = ""


def reviewers_time_and_pay(reviews, rates):
    reviews = list(reviews)
    if len(reviews) < MIN_ACTIVITIES:
        return ReviewersTimeAndPay(
            reviews=len(reviews), shown=False, not_shown_because=f"Not shown: fewer than {MIN_ACTIVITIES} reviews"
        )
    living_wage = living_wage_comparison(reviews, rates)
    compared = living_wage.at_or_above.whole
    return ReviewersTimeAndPay(
        reviews=len(reviews),
        shown=True,
        hours_given=_total(r.hours_given for r in reviews),
        paid=_total(r.paid_to_participants for r in reviews),
        living_wage=living_wage,
        below_living_wage=compared - living_wage.at_or_above.part,
        recognition_counts={
            recognition: sum(1 for r in reviews if r.recognition == recognition) for recognition in Recognition
        },
    )


# Everything for one page --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measures:
    activities: int
    contributions: int
    responded: Share
    closed: Share
    median_days_to_response: float | None
    median_notice_days: float | None
    short_notice: Share
    short_notice_days: int
    ladder_by_year: list
    money_by_year: list


def all_measures(activities, contributions, rates, *, short_notice_days):
    activities = list(activities)
    contributions = list(contributions)
    return Measures(
        activities=len(activities),
        contributions=len(contributions),
        responded=response_share(contributions),
        closed=loop_closure_share(contributions),
        median_days_to_response=median_days_to_response(contributions),
        median_notice_days=median_notice_days(activities),
        short_notice=short_notice_share(activities, short_notice_days),
        short_notice_days=short_notice_days,
        ladder_by_year=ladder_groups_by_year(activities),
        money_by_year=protected_money_by_year(activities, rates),
    )


def measures_of(totals_by_year, notice_day_counts, contribution_counts, response_day_counts, *, short_notice_days):
    """The same `Measures` as `all_measures`, from figures the database has already added up:

    - totals_by_year: {year: ActivityTotals};
    - notice_day_counts: {days of notice: how many activities};
    - contribution_counts: (contributions, with a response, with a response and the person told);
    - response_day_counts: {days from a contribution to its first response: how many}.
    """
    contributions, responded, closed = contribution_counts
    activities = sum(totals.activities for totals in totals_by_year.values())
    return Measures(
        activities=activities,
        contributions=contributions,
        responded=share(responded, contributions),
        closed=share(closed, contributions),
        median_days_to_response=median_of_counts(response_day_counts),
        median_notice_days=median_of_counts(notice_day_counts),
        short_notice=share(sum(n for days, n in notice_day_counts.items() if days < short_notice_days), activities),
        short_notice_days=short_notice_days,
        ladder_by_year=[ladder_year_of(year, totals) for year, totals in sorted(totals_by_year.items())],
        money_by_year=protect_money_rows(money_rows_of(totals_by_year)),
    )


def describe_days(days):
    """ "1 day", "12 days", "12.5 days"; no figure when there is nothing to count."""
    if days is None:
        return NO_FIGURE
    number = f"{days:g}" if isinstance(days, float) else str(days)
    return f"{number} day" if days == 1 else f"{number} days"


def describe_money(amount, not_shown=NOT_SHOWN):
    if amount is None:
        return not_shown
    return f"£{amount:,.2f}"


def describe_hours(hours, not_shown=NOT_SHOWN):
    if hours is None:
        return not_shown
    number = f"{hours.normalize():,f}" if isinstance(hours, Decimal) else f"{hours:,}"
    return f"{number} hour" if hours == 1 else f"{number} hours"
