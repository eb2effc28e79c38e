"""The co-production measures as the public may see them: every figure goes through the shared small-number
suppression (`included.core.suppression`), table by table, before it leaves Included.

The figures themselves come from `included.coproduction.measures`. Here they are laid out as tables of cells, each
cell knowing how many activities or contributions are behind it, so `suppress` can decide what to hide. Nothing here
touches the database: `published_measures` takes plain facts, which is what the property test feeds it.
"""

from dataclasses import dataclass
from decimal import Decimal

from included.coproduction import measures
from included.coproduction.enums import LadderGroup
from included.core import suppression

HIDDEN_BECAUSE = {
    suppression.TOO_FEW: "Too few to publish: fewer than {k} behind this figure",
    suppression.PROTECTS_ANOTHER: "Hidden so that another hidden figure cannot be worked out",
}


@dataclass(frozen=True)
class Cell:
    measure: str
    year: int | None  # None for all years together
    value: object  # a whole number, a Decimal or a float (a median); never published when hidden
    counted: int  # how many activities or contributions are behind the figure: decides suppression, never published
    unit: str


@dataclass(frozen=True)
class Table:
    """A grid of cells with the same shape rules as `suppression.suppress`: the last cell of each row may be the
    total of the row, and the last row the total of the rows above."""

    key: str
    cells: list
    row_totals: bool = False
    column_totals: bool = False

    def counts(self):
        return [[cell.counted for cell in row] for row in self.cells]

    def lines(self):
        shape = (len(self.cells), len(self.cells[0]) if self.cells else 0)
        return suppression.lines_of(shape, row_totals=self.row_totals, column_totals=self.column_totals)

    def suppression(self, k):
        return suppression.suppress(self.counts(), k=k, row_totals=self.row_totals, column_totals=self.column_totals)


@dataclass(frozen=True)
class PublishedFigure:
    """One row of the published measures dataset."""

    table: str
    measure: str
    year: int | None
    value: str | None
    unit: str
    not_shown_because: str


def measure_tables(activities, contributions, rates, *, short_notice_days):
    """The tables the measures dataset publishes, before suppression. A table with nothing to count is left out."""
    activities = list(activities)
    contributions = list(contributions)
    tables = []
    if contributions:
        tables += _contribution_tables(contributions)
    if activities:
        tables += _activity_tables(activities, rates, short_notice_days)
    return tables


def _contribution_tables(contributions):
    total = len(contributions)
    answered = sum(1 for c in contributions if c.has_response)
    closed = sum(1 for c in contributions if c.is_closed)

    def row(label_yes, yes, label_no):
        return [
            Cell(label_yes, None, yes, yes, "contributions"),
            Cell(label_no, None, total - yes, total - yes, "contributions"),
            Cell("Contributions recorded", None, total, total, "contributions"),
        ]

    return [
        Table(
            "answering",
            [
                row("Contributions with a response", answered, "Contributions with no response yet"),
                row(
                    "Contributions with a response, and the person was told (loop closed)",
                    closed,
                    "Contributions where the loop is not closed yet",
                ),
            ],
            row_totals=True,
        ),
        Table(
            "response-time",
            [
                [
                    Cell(
                        "Usual days from a contribution to its first response (the median)",
                        None,
                        measures.median_days_to_response(contributions),
                        answered,
                        "days",
                    )
                ]
            ],
        ),
    ]


def _activity_tables(activities, rates, short_notice_days):
    total = len(activities)
    short = measures.short_notice_share(activities, short_notice_days).part
    tables = [
        Table(
            "notice",
            [
                [
                    Cell(
                        f"Activities with short notice (fewer than {short_notice_days} days)",
                        None,
                        short,
                        short,
                        "activities",
                    ),
                    Cell("Activities with enough notice", None, total - short, total - short, "activities"),
                    Cell("Activities recorded", None, total, total, "activities"),
                ]
            ],
            row_totals=True,
        ),
        Table(
            "notice-days",
            [
                [
                    Cell(
                        "Usual days of notice given (the median)",
                        None,
                        measures.median_notice_days(activities),
                        total,
                        "days",
                    )
                ]
            ],
        ),
    ]
    years = sorted({activity.year for activity in activities})
    columns = [*years, None]

    def in_column(year):
        return [a for a in activities if year is None or a.year == year]

    ladder_rows = []
    for group in LadderGroup:
        ladder_rows.append(
            [
                Cell(
                    f"Activities in the “{group.label}” group of the ladder of co-production",
                    year,
                    n := sum(1 for a in in_column(year) if a.ladder_group == group),
                    n,
                    "activities",
                )
                for year in columns
            ]
        )
    ladder_rows.append(
        [Cell("Activities recorded", year, n := len(in_column(year)), n, "activities") for year in columns]
    )
    tables.append(Table("ladder", ladder_rows, row_totals=True, column_totals=True))

    # Every figure here is a sum over a column's activities, so each row adds up across the years to "all years".
    tables.append(
        Table(
            "money-and-time",
            [
                [Cell(label, year, total(items := in_column(year)), len(items), unit) for year in columns]
                for label, unit, total in MONEY_AND_TIME
            ],
            row_totals=True,
        )
    )
    living_wage = measures.living_wage_comparison(activities, rates).at_or_above
    if living_wage.whole:
        above, compared = living_wage.part, living_wage.whole
        tables.append(
            Table(
                "living-wage",
                [
                    [
                        Cell(
                            "Activities paid by the hour at or above the Real Living Wage",
                            None,
                            above,
                            above,
                            "activities",
                        ),
                        Cell(
                            "Activities paid by the hour below the Real Living Wage",
                            None,
                            compared - above,
                            compared - above,
                            "activities",
                        ),
                        Cell(
                            "Activities paid by the hour, with a Real Living Wage rate for the day",
                            None,
                            compared,
                            compared,
                            "activities",
                        ),
                    ]
                ],
                row_totals=True,
            )
        )
    return tables


def _sum(values):
    return sum((value for value in values if value is not None), Decimal("0"))


# The money and time table: what was put in, in people's time and pay and in the organisations' costs and time.
MONEY_AND_TIME = [
    ("People who took part", "people", lambda items: sum(a.participants or 0 for a in items)),
    ("Hours people gave", "hours", lambda items: _sum(a.hours_given for a in items)),
    # The pay rule (hourly rate times hours, or vouchers; expenses are not pay) is the measures' own.
    ("Paid to people for their time", "pounds", lambda items: _sum(a.paid_to_participants for a in items)),
    ("Other costs to the organisations", "pounds", lambda items: _sum(a.other_costs for a in items)),
    ("Staff hours", "hours", lambda items: _sum(a.staff_hours for a in items)),
]


def published_measures(activities, contributions, rates, *, short_notice_days, k=suppression.DEFAULT_K):
    """Every figure of every measures table, with each one that suppression hides published as no value and why.

    A figure that appears in two tables (all activities, say) is hidden in both if either hides it.
    """
    tables = measure_tables(activities, contributions, rates, short_notice_days=short_notice_days)
    reasons = {}
    for table in tables:
        hidden = table.suppression(k)
        for r, row in enumerate(table.cells):
            for c, cell in enumerate(row):
                reason = hidden.reason(r, c)
                if reason and (cell.measure, cell.year) not in reasons:
                    reasons[(cell.measure, cell.year)] = reason
    figures = []
    for table in tables:
        for row in table.cells:
            for cell in row:
                reason = reasons.get((cell.measure, cell.year))
                figures.append(
                    PublishedFigure(
                        table=table.key,
                        measure=cell.measure,
                        year=cell.year,
                        value=None if reason or cell.value is None else _number(cell.value),
                        unit=cell.unit,
                        not_shown_because=HIDDEN_BECAUSE[reason].format(k=k) if reason else "",
                    )
                )
    return figures


def _number(value):
    """Figures as plain decimal text, so money is exact: 12, 12.5, 1234.50."""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)
