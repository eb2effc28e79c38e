"""The published co-production measures never give away a small number, however the activities and contributions
fall: a property test over every table of the measures dataset, through the shared suppression."""

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from included.coproduction.enums import LadderRung, Recognition
from included.coproduction.measures import ActivityFacts, ContributionFacts, RateFacts
from included.core import suppression
from included.opendata.measures import measure_tables, published_measures

RATES = [RateFacts(area="uk", hourly_rate=Decimal("12.60"), in_force_from=datetime.date(2024, 1, 1))]
SHORT_NOTICE_DAYS = 14

activities = st.builds(
    ActivityFacts,
    held_on=st.dates(datetime.date(2024, 1, 1), datetime.date(2026, 12, 31)),
    invited_on=st.just(datetime.date(2023, 12, 1)) | st.dates(datetime.date(2023, 12, 1), datetime.date(2024, 1, 1)),
    ladder_rung=st.sampled_from(list(LadderRung)),
    participants=st.integers(0, 40) | st.none(),
    hours_given=st.decimals(0, 200, places=1) | st.none(),
    recognition=st.sampled_from(list(Recognition)),
    hourly_rate=st.decimals(10, 20, places=2) | st.none(),
    other_costs=st.decimals(0, 500, places=2) | st.none(),
    staff_hours=st.decimals(0, 50, places=1) | st.none(),
)
contributions = st.builds(
    ContributionFacts,
    given_on=st.just(datetime.date(2025, 1, 1)),
    first_response_on=st.none() | st.dates(datetime.date(2025, 1, 1), datetime.date(2025, 6, 1)),
    was_told=st.booleans(),
)
K = st.integers(suppression.SMALLEST_K, 8)


@settings(max_examples=150, deadline=None)
@given(st.lists(activities, max_size=25), st.lists(contributions, max_size=15), K)
def test_no_published_table_shows_a_small_number_or_lets_one_be_worked_out(activity_list, contribution_list, k):
    tables = measure_tables(activity_list, contribution_list, RATES, short_notice_days=SHORT_NOTICE_DAYS)
    figures = published_measures(activity_list, contribution_list, RATES, short_notice_days=SHORT_NOTICE_DAYS, k=k)
    hidden_measures = {(f.measure, f.year) for f in figures if f.not_shown_because}

    for table in tables:
        lines = table.lines()
        hidden = {
            (r, c)
            for r, row in enumerate(table.cells)
            for c, cell in enumerate(row)
            if (cell.measure, cell.year) in hidden_measures
        }
        for r, row in enumerate(table.cells):
            for c, cell in enumerate(row):
                if (r, c) not in hidden:
                    # Every figure shown is about nobody or about at least k.
                    assert not suppression.is_too_few(cell.counted, k), (table.key, cell)
        # No line gives a hidden figure away, alone or with the other lines.
        for line in lines:
            assert sum(cell in hidden for cell in line.cells) != 1, (table.key, line)
        assert not suppression.derivable(hidden, lines), table.key


@settings(max_examples=60, deadline=None)
@given(st.lists(activities, max_size=25), st.lists(contributions, max_size=15))
def test_a_figure_published_twice_is_shown_or_hidden_in_both_places(activity_list, contribution_list):
    figures = published_measures(activity_list, contribution_list, RATES, short_notice_days=SHORT_NOTICE_DAYS)
    seen = {}
    for figure in figures:
        key = (figure.measure, figure.year)
        assert seen.setdefault(key, figure.value) == figure.value


def test_a_hidden_figure_has_no_value_and_says_why():
    few = [
        ActivityFacts(
            held_on=datetime.date(2025, 5, 1),
            invited_on=datetime.date(2025, 4, 1),
            ladder_rung=LadderRung.CO_DESIGN,
            participants=2,
        )
    ]

    figures = published_measures(few, [], RATES, short_notice_days=SHORT_NOTICE_DAYS)
    people = next(f for f in figures if f.measure == "People who took part" and f.year == 2025)

    assert people.value is None
    assert people.not_shown_because == "Too few to publish: fewer than 5 behind this figure"


def test_with_enough_activities_the_figures_are_published():
    many = [
        ActivityFacts(
            held_on=datetime.date(2025, 5, 1),
            invited_on=datetime.date(2025, 4, 1),
            ladder_rung=LadderRung.CO_DESIGN,
            participants=3,
        )
    ] * 6

    figures = published_measures(many, [], RATES, short_notice_days=SHORT_NOTICE_DAYS)
    people = [f for f in figures if f.measure == "People who took part"]

    assert {(f.year, f.value) for f in people} == {(2025, "18"), (None, "18")}
    assert all(not f.not_shown_because for f in people)
