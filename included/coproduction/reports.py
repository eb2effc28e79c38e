"""Reads the facts the measures need, in a fixed, small number of queries however much data there is."""

from collections import defaultdict

from django.db import models
from django.utils import timezone

from . import measures
from .enums import RUNG_GROUPS, LadderGroup
from .models import Activity, Contribution, RealLivingWageRate, ReviewPayment

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


def organisation_measures(organisation):
    return measures.all_measures(
        activity_facts(Activity.objects.for_organisation(organisation)),
        contribution_facts(Contribution.objects.for_organisation(organisation)),
        living_wage_rates(),
        short_notice_days=organisation.partnership.short_notice_days,
    )


def partnership_measures(partnership):
    return measures.all_measures(
        activity_facts(Activity.objects.for_partnership(partnership)),
        contribution_facts(Contribution.objects.for_partnership(partnership)),
        living_wage_rates(),
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
