"""The measures, checked against worked examples done by hand. No database: these are pure functions."""

import datetime
from decimal import Decimal

from included.coproduction import measures
from included.coproduction.enums import LadderGroup, LadderRung, Recognition
from included.coproduction.measures import ActivityFacts, ContributionFacts, RateFacts, Share

D = datetime.date
RATES = [
    RateFacts(area="uk", hourly_rate=Decimal("13.45"), in_force_from=D(2025, 10, 1)),
    RateFacts(area="london", hourly_rate=Decimal("14.80"), in_force_from=D(2025, 10, 1)),
]


def activity(held_on, notice_days, rung, **details):
    return ActivityFacts(
        held_on=held_on, invited_on=held_on - datetime.timedelta(days=notice_days), ladder_rung=rung, **details
    )


# Five activities in autumn 2025, worked out by hand:
#   notice 21, 5, 7, 21, 30 days  -> in order 5, 7, 21, 21, 30: median 21; short notice (under 14) 2 of 5 = 40%
#   ladder: educating (to) 1, informing + consultation (for) 2, co-design + co-production (with) 2
#   people 4 + 10 + 3 + 5 + 2 = 24; hours 8 + 10 + 3 + 10 + 4 = 35
#   pay: 13.45 x 8 = 107.60; vouchers 100; unpaid 0; 12.00 x 10 = 120.00; 15.00 x 4 = 60.00 -> 387.60
#   hourly rates vs the Real Living Wage: 13.45 >= 13.45 yes; 12.00 < 13.45 no; 15.00 >= 14.80 (London) yes -> 2 of 3
#   other costs 50 + 20 + 0 + 30 + 0 = 100; staff hours 4 + 3 + 2 + 5 + 1 = 15; invested 387.60 + 100 = 487.60
FIVE = [
    activity(
        D(2025, 10, 10),
        21,
        LadderRung.CO_PRODUCTION,
        participants=4,
        hours_given=Decimal("8"),
        recognition=Recognition.PAID_HOURLY,
        hourly_rate=Decimal("13.45"),
        other_costs=Decimal("50"),
        staff_hours=Decimal("4"),
    ),
    activity(
        D(2025, 10, 20),
        5,
        LadderRung.CONSULTATION,
        participants=10,
        hours_given=Decimal("10"),
        recognition=Recognition.VOUCHERS,
        voucher_value=Decimal("100"),
        other_costs=Decimal("20"),
        staff_hours=Decimal("3"),
    ),
    activity(
        D(2025, 11, 3),
        7,
        LadderRung.INFORMING,
        participants=3,
        hours_given=Decimal("3"),
        recognition=Recognition.UNPAID,
        other_costs=Decimal("0"),
        staff_hours=Decimal("2"),
    ),
    activity(
        D(2025, 11, 20),
        21,
        LadderRung.CO_DESIGN,
        participants=5,
        hours_given=Decimal("10"),
        recognition=Recognition.PAID_HOURLY,
        hourly_rate=Decimal("12.00"),
        other_costs=Decimal("30"),
        staff_hours=Decimal("5"),
    ),
    activity(
        D(2025, 12, 1),
        30,
        LadderRung.EDUCATING,
        participants=2,
        hours_given=Decimal("4"),
        recognition=Recognition.PAID_HOURLY,
        hourly_rate=Decimal("15.00"),
        wage_area="london",
        other_costs=Decimal("0"),
        staff_hours=Decimal("1"),
    ),
]

# Four contributions: answered after 10, 3 and 30 days (median 10), one not answered; two people told.
FOUR_CONTRIBUTIONS = [
    ContributionFacts(given_on=D(2025, 10, 10), first_response_on=D(2025, 10, 20), was_told=True),
    ContributionFacts(given_on=D(2025, 10, 20), first_response_on=D(2025, 10, 23), was_told=False),
    ContributionFacts(given_on=D(2025, 11, 3), first_response_on=D(2025, 12, 3), was_told=True),
    ContributionFacts(given_on=D(2025, 11, 20)),
]


def test_with_no_data_at_all_there_is_no_figure_and_no_division_by_zero():
    result = measures.all_measures([], [], RATES, short_notice_days=14)

    assert result.activities == 0
    assert result.responded == Share(0, 0)
    assert result.responded.percent is None
    assert str(result.closed) == "No figure yet"
    assert result.median_days_to_response is None
    assert result.median_notice_days is None
    assert str(result.short_notice) == "No figure yet"
    assert result.ladder_by_year == []
    assert result.money_by_year == []
    assert measures.describe_days(None) == "No figure yet"


def test_a_share_is_a_whole_percentage_with_halves_rounded_up():
    assert str(Share(1, 8)) == "13% (1 of 8)"
    assert str(Share(2, 3)) == "67% (2 of 3)"
    assert str(Share(1, 3)) == "33% (1 of 3)"
    assert str(Share(0, 4)) == "0% (0 of 4)"
    assert str(Share(5, 5)) == "100% (5 of 5)"


def test_answering_and_telling_people_worked_example():
    assert str(measures.response_share(FOUR_CONTRIBUTIONS)) == "75% (3 of 4)"
    assert str(measures.loop_closure_share(FOUR_CONTRIBUTIONS)) == "50% (2 of 4)"
    assert measures.median_days_to_response(FOUR_CONTRIBUTIONS) == 10


def test_a_person_told_without_a_response_does_not_close_the_loop():
    told_only = [ContributionFacts(given_on=D(2025, 10, 1), was_told=True)]

    assert str(measures.loop_closure_share(told_only)) == "0% (0 of 1)"


def test_median_days_of_an_even_number_is_halfway_between_the_middle_two():
    two = FOUR_CONTRIBUTIONS[:2]

    assert measures.median_days_to_response(two) == 6.5
    assert measures.describe_days(measures.median_days_to_response(two)) == "6.5 days"
    assert measures.describe_days(1) == "1 day"


def test_one_activity_shows_its_notice_and_ladder_but_not_the_figures_about_its_people():
    one = [FIVE[1]]

    result = measures.all_measures(one, [], RATES, short_notice_days=14)

    assert result.median_notice_days == 5
    assert str(result.short_notice) == "100% (1 of 1)"
    [year] = result.ladder_by_year
    assert year.year == 2025
    assert dict(year.groups)[LadderGroup.DOING_FOR] == Share(1, 1)
    [row] = result.money_by_year
    assert row.people_figures_shown is False
    assert row.participants is None
    assert row.paid_to_participants is None
    assert row.invested is None
    assert measures.describe_money(row.paid_to_participants) == "Not shown: fewer than 5 activities"
    assert measures.describe_hours(row.hours_given) == "Not shown: fewer than 5 activities"
    assert row.other_costs == Decimal("20")
    assert row.staff_hours == Decimal("3")


def test_four_activities_are_still_too_few_to_show_what_people_were_paid():
    [row] = measures.money_and_time_by_year(FIVE[:4], RATES)

    assert row.activities == 4
    assert row.people_figures_shown is False
    assert row.living_wage is None
    assert row.hours_given is None


def test_five_activities_worked_example():
    result = measures.all_measures(FIVE, FOUR_CONTRIBUTIONS, RATES, short_notice_days=14)

    assert result.median_notice_days == 21
    assert str(result.short_notice) == "40% (2 of 5)"
    [year] = result.ladder_by_year
    assert [(group, str(part)) for group, part in year.groups] == [
        (LadderGroup.DOING_TO, "20% (1 of 5)"),
        (LadderGroup.DOING_FOR, "40% (2 of 5)"),
        (LadderGroup.DOING_WITH, "40% (2 of 5)"),
    ]
    [row] = result.money_by_year
    assert row.people_figures_shown is True
    assert row.participants == 24
    assert row.hours_given == Decimal("35")
    assert row.paid_to_participants == Decimal("387.60")
    assert str(row.living_wage.at_or_above) == "67% (2 of 3)"
    assert row.living_wage.without_a_rate == 0
    assert row.other_costs == Decimal("100")
    assert row.staff_hours == Decimal("15")
    assert row.invested == Decimal("487.60")
    assert row.recognition_counts[Recognition.PAID_HOURLY] == 3
    assert measures.describe_money(row.invested) == "£487.60"
    assert measures.describe_hours(row.hours_given) == "35 hours"


def test_the_short_notice_threshold_is_the_partnerships_choice():
    assert str(measures.short_notice_share(FIVE, 7)) == "20% (1 of 5)"
    assert str(measures.short_notice_share(FIVE, 30)) == "80% (4 of 5)"


def test_each_year_gets_its_own_row_then_all_years_together():
    next_year = [
        activity(
            D(2026, 3, 1),
            14,
            LadderRung.CO_PRODUCTION,
            participants=3,
            hours_given=Decimal("6"),
            recognition=Recognition.UNPAID,
            other_costs=Decimal("10"),
            staff_hours=Decimal("2"),
        )
    ]

    rows = measures.money_and_time_by_year(FIVE + next_year, RATES)

    assert [(row.year, row.activities, row.people_figures_shown) for row in rows] == [
        (2025, 5, True),
        (2026, 1, False),
        (None, 6, True),
    ]
    assert rows[-1].participants == 27
    ladder = measures.ladder_groups_by_year(FIVE + next_year)
    assert [year.year for year in ladder] == [2025, 2026]
    assert dict(ladder[1].groups)[LadderGroup.DOING_WITH] == Share(1, 1)


def test_the_rate_compared_with_is_the_one_in_force_on_the_day():
    rates = RATES + [RateFacts(area="uk", hourly_rate=Decimal("14.10"), in_force_from=D(2026, 10, 1))]

    assert measures.rate_in_force(rates, "uk", D(2025, 9, 30)) is None
    assert measures.rate_in_force(rates, "uk", D(2025, 10, 1)) == Decimal("13.45")
    assert measures.rate_in_force(rates, "uk", D(2026, 9, 30)) == Decimal("13.45")
    assert measures.rate_in_force(rates, "uk", D(2026, 10, 1)) == Decimal("14.10")
    assert measures.rate_in_force(rates, "london", D(2026, 10, 1)) == Decimal("14.80")


def test_hourly_pay_before_any_recorded_rate_is_not_compared():
    early = activity(
        D(2024, 6, 1),
        20,
        LadderRung.CONSULTATION,
        recognition=Recognition.PAID_HOURLY,
        hourly_rate=Decimal("20.00"),
        hours_given=Decimal("2"),
    )

    comparison = measures.living_wage_comparison([early, FIVE[0]], RATES)

    assert str(comparison.at_or_above) == "100% (1 of 1)"
    assert comparison.without_a_rate == 1


def test_pay_counts_hourly_pay_and_vouchers_but_not_expenses():
    expenses = activity(
        D(2025, 11, 1),
        20,
        LadderRung.ENGAGEMENT,
        recognition=Recognition.EXPENSES_ONLY,
        hours_given=Decimal("5"),
        other_costs=Decimal("40"),
    )

    assert expenses.paid_to_participants == Decimal("0")
    assert FIVE[0].paid_to_participants == Decimal("107.60")
    assert FIVE[1].paid_to_participants == Decimal("100")


def test_details_not_recorded_yet_count_as_nothing_rather_than_breaking_the_sums():
    started = [activity(D(2025, 11, day), 20, LadderRung.INFORMING) for day in range(1, 6)]

    [row] = measures.money_and_time_by_year(started, RATES)

    assert row.participants == 0
    assert row.hours_given == Decimal("0")
    assert row.paid_to_participants == Decimal("0")
    assert str(row.living_wage.at_or_above) == "No figure yet"
    assert row.other_costs == Decimal("0")
