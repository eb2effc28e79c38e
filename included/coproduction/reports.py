"""Reads the facts the measures need, in a fixed, small number of queries however much data there is.

The pages' figures are added up by the database (`activity_totals_by_year` and the functions after it), so a page
takes as long with 50,000 activities as with 50. `activity_facts` and `contribution_facts` read every row as plain
facts instead: the exports use them, and the tests check the database's sums against `measures.all_measures` on them.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import models
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from . import measures
from .enums import RUNG_GROUPS, LadderGroup, LadderRung, Recognition
from .models import Activity, Contribution, FeedbackRecord, RealLivingWageRate, Response, ReviewPayment

LADDER_GROUP_RUNGS = {
    group: [rung for rung, in_group in RUNG_GROUPS.items() if in_group == group] for group in LadderGroup
}

ACTIVITY_FACT_FIELDS = [
    "held_on",
    "invited_on",
    "ladder_rung",
    "participants",
    "hours_given",
    "recognition",
    "hourly_rate",
    "voucher_value",
    "wage_area",
    "other_costs",
    "staff_hours",
]


def living_wage_rates():
    return [
        measures.RateFacts(area=area, hourly_rate=rate, in_force_from=day)
        for area, rate, day in RealLivingWageRate.objects.values_list("area", "hourly_rate", "in_force_from")
    ]


def activity_facts(activities):
    return [measures.ActivityFacts(**row) for row in activities.order_by().values(*ACTIVITY_FACT_FIELDS)]


def rate_for(rates, activity):
    """The Real Living Wage in force where and when an activity took place."""
    return measures.rate_in_force(rates, activity.wage_area, activity.held_on)


def _contribution_fact(row):
    return measures.ContributionFacts(
        given_on=row["given_on"],
        first_response_on=timezone.localdate(row["first_response_at"]) if row["first_response_at"] else None,
        was_told=row["was_told"],
    )


def contribution_facts(contributions):
    rows = contributions.with_progress().order_by().values("given_on", "first_response_at", "was_told")
    return [_contribution_fact(row) for row in rows]


# Added up by the database -------------------------------------------------------------------------------------------

MONEY = models.DecimalField(max_digits=14, decimal_places=2)
HOURS = models.DecimalField(max_digits=12, decimal_places=1)
PAID_HOURLY = models.Q(recognition=Recognition.PAID_HOURLY, hourly_rate__isnull=False)


class DaysBetween(models.Func):
    """Whole days from the second date to the first, worked out by the database itself: Django's date subtraction
    calls back into Python for every row on SQLite."""

    output_field = models.IntegerField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


class Year(models.Func):
    """The year of a date; on SQLite read from the stored text rather than by a call into Python for every row."""

    output_field = models.IntegerField()
    arity = 1

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="CAST(EXTRACT(YEAR FROM %(expressions)s) AS INTEGER)", **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="CAST(strftime('%%%%Y', %(expressions)s) AS INTEGER)", **extra
        )


def _sum(expression, output_field, **options):
    return Coalesce(
        models.Sum(expression, output_field=output_field, **options),
        models.Value(measures.ZERO),
        output_field=output_field,
    )


def living_wage_in_force(rates):
    """The Real Living Wage in force where and when each activity took place (`measures.rate_in_force`), as one
    expression: each recorded rate applies in its area from its first day until the next rate there. There are few
    rates, so this is a short CASE rather than a subquery for every activity."""
    by_area = defaultdict(list)
    for rate in rates:
        by_area[rate.area].append(rate)
    cases = []
    for area, area_rates in by_area.items():
        area_rates.sort(key=lambda rate: rate.in_force_from)
        for rate, following in zip(area_rates, [*area_rates[1:], None], strict=True):
            applies = models.Q(wage_area=area, held_on__gte=rate.in_force_from)
            if following is not None:
                applies &= models.Q(held_on__lt=following.in_force_from)
            cases.append(models.When(applies, then=models.Value(rate.hourly_rate)))
    return models.Case(*cases, default=None, output_field=models.DecimalField(max_digits=5, decimal_places=2))


def hourly_pay_by_year(activities):
    """{year: (pay, LivingWageComparison)} for the activities paid by the hour.

    Each activity's pay is rounded to the penny as `ActivityFacts.paid_to_participants` rounds it (halves to even),
    so the database only counts the activities for each rate, number of hours and Real Living Wage in force: there
    are few of those, however many activities."""
    rows = (
        activities.filter(PAID_HOURLY)
        .order_by()
        .values_list(Year("held_on"), "hourly_rate", "hours_given", living_wage_in_force(living_wage_rates()))
        .annotate(count=models.Count("pk"))
    )
    paid = defaultdict(lambda: measures.ZERO)
    compared = defaultdict(int)
    at_or_above = defaultdict(int)
    without_a_rate = defaultdict(int)
    for year, rate, hours, living_wage, count in rows:
        if hours is not None:
            paid[year] += (Decimal(rate) * Decimal(hours)).quantize(Decimal("0.01")) * count
        if living_wage is None:
            without_a_rate[year] += count
            continue
        compared[year] += count
        at_or_above[year] += count if Decimal(rate) >= Decimal(living_wage) else 0
    return {
        year: (
            paid[year],
            measures.LivingWageComparison(
                at_or_above=measures.share(at_or_above[year], compared[year]),
                without_a_rate=without_a_rate[year],
            ),
        )
        for year in paid.keys() | compared.keys() | without_a_rate.keys()
    }


def activity_totals_by_year(activities):
    """{year: measures.ActivityTotals} for these activities, in three queries (one for the Real Living Wage rates)."""
    counts = {f"rung_{rung}": models.Count("pk", filter=models.Q(ladder_rung=rung)) for rung in LadderRung}
    counts |= {f"recognition_{r}": models.Count("pk", filter=models.Q(recognition=r)) for r in Recognition}
    rows = (
        activities.order_by()
        .values(year=Year("held_on"))
        .annotate(
            activities=models.Count("pk"),
            participants=Coalesce(models.Sum("participants"), 0),
            hours_given=_sum("hours_given", HOURS),
            vouchers=_sum("voucher_value", MONEY, filter=models.Q(recognition=Recognition.VOUCHERS)),
            other_costs=_sum("other_costs", MONEY),
            staff_hours=_sum("staff_hours", HOURS),
            **counts,
        )
    )
    hourly = hourly_pay_by_year(activities)
    no_hourly_pay = (measures.ZERO, measures.LivingWageComparison(at_or_above=measures.share(0, 0)))
    totals = {}
    for row in rows:
        paid_hourly, living_wage = hourly.get(row["year"], no_hourly_pay)
        totals[row["year"]] = measures.ActivityTotals(
            activities=row["activities"],
            participants=row["participants"],
            hours_given=Decimal(row["hours_given"]),
            paid_to_participants=Decimal(row["vouchers"]) + paid_hourly,
            other_costs=Decimal(row["other_costs"]),
            staff_hours=Decimal(row["staff_hours"]),
            living_wage=living_wage,
            recognition_counts={r: row[f"recognition_{r}"] for r in Recognition},
            rung_counts={rung: row[f"rung_{rung}"] for rung in LadderRung},
        )
    return totals


def _days(duration):
    """A difference of two dates, as the database gives it, in whole days."""
    return duration.days if isinstance(duration, datetime.timedelta) else int(duration)


def notice_day_counts(activities):
    """{days of notice: how many activities were given that much}."""
    rows = activities.order_by().values_list(DaysBetween("held_on", "invited_on")).annotate(count=models.Count("pk"))
    counts = defaultdict(int)
    for days, count in rows:
        counts[_days(days)] += count
    return dict(counts)


def contribution_counts(contributions, responses):
    """(contributions, with a response, with a response and the person told) and {days from a contribution to its
    first response: how many}, in two queries. `responses` are those to `contributions`.

    The answered contributions are counted from their first responses, one row each. Asking each contribution for
    its first response instead would run a subquery for every contribution.
    """
    told = FeedbackRecord.objects.filter(contribution=models.OuterRef("contribution"))
    rows = (
        responses.first_to_each_contribution()
        .order_by()
        .annotate(answered_on=TruncDate("created_at"))
        .values_list(DaysBetween("answered_on", "contribution__given_on"), models.Exists(told))
        .annotate(count=models.Count("pk"))
    )
    responded = closed = 0
    days_to_response = defaultdict(int)
    for days, was_told, count in rows:
        responded += count
        closed += count if was_told else 0
        days_to_response[_days(days)] += count
    return (contributions.order_by().count(), responded, closed), dict(days_to_response)


def measures_of(activities, contributions, responses, *, short_notice_days):
    counts, days_to_response = contribution_counts(contributions, responses)
    return measures.measures_of(
        activity_totals_by_year(activities),
        notice_day_counts(activities),
        counts,
        days_to_response,
        short_notice_days=short_notice_days,
    )


def organisation_measures(organisation):
    return measures_of(
        Activity.objects.for_organisation(organisation),
        Contribution.objects.for_organisation(organisation),
        Response.objects.for_organisation(organisation),
        short_notice_days=organisation.partnership.short_notice_days,
    )


def partnership_measures(partnership):
    return measures_of(
        Activity.objects.for_partnership(partnership),
        Contribution.objects.for_partnership(partnership),
        Response.objects.for_partnership(partnership),
        short_notice_days=partnership.short_notice_days,
    )


def organisations_with_activities(partnership):
    """The partnership's organisations that have recorded an activity, by name."""
    recorded = Activity.objects.filter(organisation=models.OuterRef("pk"))
    return partnership.organisations.active().filter(models.Exists(recorded)).order_by("name", "pk")


def measures_by_organisation(partnership, organisations):
    """For coordinators: the main figures for each of these organisations (a page of
    `organisations_with_activities`), in their order."""
    organisations = list(organisations)
    chosen = [organisation.pk for organisation in organisations]
    activities = defaultdict(list)
    rows = Activity.objects.filter(organisation__in=chosen).order_by().values("organisation_id", *ACTIVITY_FACT_FIELDS)
    for row in rows:
        activities[row.pop("organisation_id")].append(measures.ActivityFacts(**row))
    contributions = defaultdict(list)
    rows = (
        Contribution.objects.filter(activity__organisation__in=chosen)
        .with_progress()
        .order_by()
        .values("activity__organisation_id", "given_on", "first_response_at", "was_told")
    )
    for row in rows:
        contributions[row.pop("activity__organisation_id")].append(_contribution_fact(row))
    return [
        {
            "organisation": organisation,
            "activities": len(activities[organisation.pk]),
            "contributions": len(contributions[organisation.pk]),
            "responded": measures.response_share(contributions[organisation.pk]),
            "closed": measures.loop_closure_share(contributions[organisation.pk]),
            "short_notice": measures.short_notice_share(activities[organisation.pk], partnership.short_notice_days),
        }
        for organisation in organisations
    ]


def _living_wage_cell(row):
    if not row.people_figures_shown:
        return row.not_shown_because
    comparison = row.living_wage
    if comparison.at_or_above.whole:
        return str(comparison.at_or_above)
    if comparison.without_a_rate:
        return "No Real Living Wage rate recorded for these dates"
    return "Nobody was paid by the hour"


def _count_cell(row, value):
    return row.not_shown_because if not row.people_figures_shown else f"{value:,}"


def measure_tables(figures):
    """The measures as captioned tables of plain text, ready for the page. A table is None when it has no data."""
    tables = {"answering": None, "notice": None, "ladder": None, "money": None}
    if figures.contributions:
        tables["answering"] = {
            "caption": "Answering people and telling them what changed",
            "head": ["Measure", "Figure"],
            "rows": [
                ["Contributions recorded", f"{figures.contributions:,}"],
                ["Contributions with a response", str(figures.responded)],
                ["Contributions with a response, and the person was told (loop closed)", str(figures.closed)],
                [
                    "Usual time from a contribution to its first response (the median)",
                    measures.describe_days(figures.median_days_to_response),
                ],
            ],
        }
    if not figures.activities:
        return tables
    tables["notice"] = {
        "caption": "Notice people were given",
        "head": ["Measure", "Figure"],
        "rows": [
            ["Activities recorded", f"{figures.activities:,}"],
            ["Usual notice given (the median)", measures.describe_days(figures.median_notice_days)],
            [f"Activities with short notice (fewer than {figures.short_notice_days} days)", str(figures.short_notice)],
        ],
    }
    ladder_years = figures.ladder_by_year
    tables["ladder"] = {
        "caption": "How much say people had, by year: share of activities in each group of the ladder",
        "head": ["Group of the ladder", *[str(year.year) for year in ladder_years]],
        "rows": [
            [
                f"{group.label} ({', '.join(rung.label.lower() for rung in LADDER_GROUP_RUNGS[group])})",
                *[str(dict(year.groups)[group]) for year in ladder_years],
            ]
            for group in LadderGroup
        ]
        + [["Activities", *[f"{year.activities:,}" for year in ladder_years]]],
    }
    money = figures.money_by_year
    tables["money"] = {
        "caption": "Time and money, by year",
        "head": ["Measure", *[str(row.year) if row.year else "All years" for row in money]],
        "rows": [
            ["Activities", *[f"{row.activities:,}" for row in money]],
            ["People who took part", *[_count_cell(row, row.participants) for row in money]],
            ["Hours people gave", *[measures.describe_hours(row.hours_given, row.not_shown_because) for row in money]],
            [
                "Paid to people for their time",
                *[measures.describe_money(row.paid_to_participants, row.not_shown_because) for row in money],
            ],
            [
                "Paid by the hour at or above the Real Living Wage in force on the day",
                *[_living_wage_cell(row) for row in money],
            ],
            ["Other costs to the organisation", *[measures.describe_money(row.other_costs) for row in money]],
            ["Staff hours", *[measures.describe_hours(row.staff_hours) for row in money]],
            [
                "Money invested (pay and other costs)",
                *[measures.describe_money(row.invested, row.not_shown_because) for row in money],
            ],
        ],
    }
    return tables


REVIEW_FACT_FIELDS = ["given_on", "hours_given", "recognition", "hourly_rate", "voucher_value", "wage_area"]


def review_facts(partnership):
    rows = ReviewPayment.objects.for_partnership(partnership).order_by().values(*REVIEW_FACT_FIELDS)
    return [measures.ReviewFacts(held_on=row.pop("given_on"), **row) for row in rows]


def reviewers_time_and_pay(partnership):
    return measures.reviewers_time_and_pay(review_facts(partnership), living_wage_rates())
