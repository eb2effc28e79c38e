"""The measures pages never give away what one person gave or was paid, even by taking one figure from another."""

import datetime
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from included.coproduction import measures

from .conftest import org_kwargs
from .factories import ActivityFactory
from .test_measures import FIVE, RATES, activity

pytestmark = pytest.mark.django_db

PEOPLE_ROWS = [
    "People who took part",
    "Hours people gave",
    "Paid to people for their time",
    "Paid by the hour at or above the Real Living Wage in force on the day",
    "Money invested (pay and other costs)",
]


class _Tables(HTMLParser):
    """Each table on a page, by caption, as rows of cell text."""

    def __init__(self):
        super().__init__()
        self.tables = {}
        self._caption = None
        self._rows = None
        self._cell = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._rows, self._caption = [], ""
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.tables[self._caption.strip()] = self._rows
            self._rows = None

    def handle_data(self, data):
        if self._in_caption:
            self._caption += data
        elif self._cell is not None:
            self._cell.append(data)


def money_table(page):
    parser = _Tables()
    parser.feed(page)
    head, *rows = parser.tables["Time and money, by year"]
    return head, {row[0]: dict(zip(head[1:], row[1:], strict=True)) for row in rows}


def one_person_in_2026(organisation):
    """Five activities in 2025, and one in 2026 that a single person took part in, paid by the hour."""
    for day in range(1, 6):
        ActivityFactory(organisation=organisation, held_on=datetime.date(2025, 11, day))
    ActivityFactory(
        organisation=organisation,
        held_on=datetime.date(2026, 2, 3),
        participants=1,
        hours_given=Decimal("3"),
        hourly_rate=Decimal("13.45"),
    )


def assert_nothing_hidden_can_be_worked_out(head, rows):
    for name in PEOPLE_ROWS:
        hidden = [column for column in head[1:] if rows[name][column].startswith("Not shown")]
        # With "All years" shown, one hidden year would be "All years" minus the years shown.
        assert len(hidden) != 1, f"{name}: {hidden[0]} is all years minus the other years"


def test_all_years_minus_the_years_shown_does_not_give_away_one_persons_hours_and_pay(member_client, organisation):
    one_person_in_2026(organisation)
    url = reverse("coproduction:organisation_measures", kwargs=org_kwargs(organisation))

    page = member_client.get(url).content.decode()

    head, rows = money_table(page)
    assert head == ["Measure", "2025", "2026", "All years"]
    assert rows["Hours people gave"]["2026"] == "Not shown: fewer than 5 activities"
    assert_nothing_hidden_can_be_worked_out(head, rows)
    # What the audit worked out: 3 hours, and £40.35 for them.
    assert "£40.35" not in page
    assert rows["Activities"] == {"2025": "5", "2026": "1", "All years": "6"}
    assert rows["Hours people gave"]["2025"] == "Not shown, so that hidden figures cannot be worked out"
    assert rows["Hours people gave"]["All years"] == "63 hours"


def test_the_partnership_measures_hide_as_much_for_coordinators(client, organisation, coordinator):
    one_person_in_2026(organisation)
    client.force_login(coordinator)
    url = reverse("coproduction:partnership_measures", kwargs={"partnership_slug": organisation.partnership.slug})

    head, rows = money_table(client.get(url).content.decode())

    assert head == ["Measure", "2025", "2026", "All years"]
    assert_nothing_hidden_can_be_worked_out(head, rows)


def test_the_year_hidden_to_protect_another_says_why():
    next_year = activity(datetime.date(2026, 3, 1), 14, "co_production", participants=1, hours_given=Decimal("6"))

    rows = measures.all_measures(FIVE + [next_year], [], RATES, short_notice_days=14).money_by_year

    assert [(row.year, row.people_figures_shown, row.not_shown_because) for row in rows] == [
        (2025, False, "Not shown, so that hidden figures cannot be worked out"),
        (2026, False, "Not shown: fewer than 5 activities"),
        (None, True, ""),
    ]
    assert rows[0].hours_given is None and rows[0].paid_to_participants is None and rows[0].invested is None
    assert rows[-1].hours_given == Decimal("41")
