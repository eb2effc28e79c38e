"""The measures pages add their figures up in the database. They must equal the same measures worked out in Python,
row by row, from every activity and contribution (`measures.all_measures`, checked by hand in test_measures.py).

The data is made up and varied: a partnership of organisations from `seed_scale`, plus activities that reach every
corner of the sums (vouchers, no details yet, pay that rounds on a half penny, London rates, dates before any
recorded rate, several years, responses on the same day and weeks later).
"""

import datetime
import random
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from included.coproduction import measures, reports
from included.coproduction.enums import LadderRung, Recognition, WageArea
from included.coproduction.models import Activity, Contribution, RealLivingWageRate, Response
from included.demo.scale import seed_scale
from tests.factories import OrganisationFactory

from .factories import ActivityFactory, ContributionFactory, FeedbackRecordFactory, ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frameworks():
    call_command("load_frameworks", verbosity=0)  # seed_scale fills in self-assessments of the shipped frameworks


def measured_in_python(activities, contributions, short_notice_days):
    return measures.all_measures(
        reports.activity_facts(activities),
        reports.contribution_facts(contributions),
        reports.living_wage_rates(),
        short_notice_days=short_notice_days,
    )


def add_varied_activities(partnership, seed):
    chance = random.Random(seed)
    # Rates before and after the October 2025 ones: an activity is compared with the one in force on its day.
    RealLivingWageRate.objects.create(area="uk", hourly_rate=Decimal("12.60"), in_force_from=datetime.date(2024, 10, 1))
    RealLivingWageRate.objects.create(area="uk", hourly_rate=Decimal("14.00"), in_force_from=datetime.date(2026, 4, 1))
    organisations = [OrganisationFactory(partnership=partnership) for _ in range(3)]
    for number in range(40):
        held_on = datetime.date(2024, 1, 1) + datetime.timedelta(days=chance.randrange(900))
        recognition = chance.choice([*Recognition.values, ""])
        activity = ActivityFactory(
            organisation=chance.choice(organisations),
            held_on=held_on,
            invited_on=held_on - datetime.timedelta(days=chance.randrange(40)),
            ladder_rung=chance.choice(LadderRung.values),
            recognition=recognition,
            wage_area=chance.choice(WageArea.values),
            # 10.05 x 2.5 = 25.125 rounds to 25.12 (halves to even), not 25.13.
            hourly_rate=chance.choice([Decimal("10.05"), Decimal("13.45"), Decimal("15.00")])
            if recognition == Recognition.PAID_HOURLY
            else None,
            hours_given=chance.choice([Decimal("2.5"), Decimal("7.0"), None]),
            voucher_value=Decimal("25.50") if recognition == Recognition.VOUCHERS else None,
            participants=chance.choice([None, 1, 4, 12]),
            other_costs=chance.choice([None, Decimal("0.10"), Decimal("99.99")]),
            staff_hours=chance.choice([None, Decimal("0.5"), Decimal("3.0")]),
        )
        for _ in range(chance.randrange(3)):
            contribution = ContributionFactory(
                activity=activity, given_on=held_on + datetime.timedelta(days=chance.randrange(3))
            )
            if number % 3:
                response = ResponseFactory(contribution=contribution)
                # Late in the evening, by UTC: in summer that is the next day in London, where the day is counted.
                answered_on = contribution.given_on + datetime.timedelta(days=chance.randrange(30))
                answered_at = datetime.datetime.combine(answered_on, datetime.time(23, 30), tzinfo=datetime.UTC)
                Response.objects.filter(pk=response.pk).update(created_at=answered_at)
                if chance.random() < 0.5:
                    FeedbackRecordFactory(response=response)
    return organisations


@pytest.mark.parametrize("short_notice_days", [14, 30])
def test_the_partnerships_figures_from_the_database_equal_those_worked_out_in_python(short_notice_days):
    [partnership] = seed_scale(organisations=12, seed=7)
    organisations = add_varied_activities(partnership, seed=short_notice_days)
    partnership.short_notice_days = short_notice_days
    partnership.save(update_fields=["short_notice_days"])
    activities = Activity.objects.for_partnership(partnership)
    contributions = Contribution.objects.for_partnership(partnership)
    assert activities.count() > 40 and contributions.count() > 10

    from_the_database = reports.partnership_measures(partnership)

    assert from_the_database == measured_in_python(activities, contributions, short_notice_days)
    for organisation in organisations:
        assert reports.organisation_measures(organisation) == measured_in_python(
            Activity.objects.for_organisation(organisation),
            Contribution.objects.for_organisation(organisation),
            short_notice_days,
        )


def test_with_nothing_recorded_the_figures_from_the_database_are_those_of_nothing(partnership, organisation):
    assert reports.partnership_measures(partnership) == measures.all_measures([], [], [], short_notice_days=14)
    assert reports.organisation_measures(organisation) == measures.all_measures([], [], [], short_notice_days=14)


def test_pay_is_rounded_to_the_penny_as_the_python_rounds_it(partnership, organisation):
    for _ in range(5):
        ActivityFactory(organisation=organisation, hourly_rate=Decimal("10.05"), hours_given=Decimal("2.5"))

    [row] = reports.partnership_measures(partnership).money_by_year

    assert row.paid_to_participants == 5 * Decimal("25.12")


def test_the_figures_take_the_same_queries_however_many_activities(partnership):
    [seeded] = seed_scale(organisations=3, seed=1)
    with CaptureQueriesContext(connection) as few:
        reports.partnership_measures(seeded)
    seed_scale(organisations=30, seed=2, into=seeded.slug)
    with CaptureQueriesContext(connection) as many:
        reports.partnership_measures(seeded)
    assert len(many) == len(few)


def test_with_no_real_living_wage_rates_recorded_the_figures_still_match(partnership, organisation):
    RealLivingWageRate.objects.all().delete()
    for day in range(1, 7):
        ActivityFactory(organisation=organisation, held_on=datetime.date(2025, 11, day))

    from_the_database = reports.partnership_measures(partnership)

    assert from_the_database == measured_in_python(
        Activity.objects.for_partnership(partnership), Contribution.objects.for_partnership(partnership), 14
    )
    assert from_the_database.money_by_year[0].living_wage.without_a_rate == 6
