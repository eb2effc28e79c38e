"""The partnership dashboard: how the partnership's organisations rate themselves on each item of a framework.

Everything is read in a fixed number of queries (one for the ratings, one for the reviewers' verdicts, one for the
actions), however many organisations there are, and every figure goes through `tables.published_table`, so small
numbers are hidden (k is the partnership's `suppression_k`), with whatever would give them away.

"Latest rating" is an organisation's rating in its newest cycle submitted by the end of the chosen year; "change"
compares it with the cycle before. Archived organisations and withdrawn sign-ups are left out, as on the register.
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, replace

from django.utils import timezone

from included.assessments.enums import ActionStatus, AssessmentStatus, Verdict
from included.assessments.models import Action, Assessment, AssessmentItem, ReviewComment
from included.core import suppression
from included.core.charts import bar_chart
from included.frameworks.models import FrameworkVersion
from included.organisations.enums import Sector, Size

from .tables import Cell, Row, Spec, Table, is_shown, published_tables

ALL = "All"


@dataclass(frozen=True)
class Filters:
    version: object  # a FrameworkVersion
    year: int
    sector: str = ""
    size: str = ""

    @property
    def end(self):
        """The first moment after the chosen year, in the site's time zone."""
        return timezone.make_aware(datetime.datetime(self.year + 1, 1, 1))

    def describe(self):
        parts = [f"{self.version.framework.short_name}, as at the end of {self.year}"]
        if self.sector:
            parts.append(Sector(self.sector).label)
        if self.size:
            parts.append(Size(self.size).label)
        return "; ".join(parts)


@dataclass(frozen=True)
class Rating:
    assessment_id: int
    organisation_id: int
    sector: str
    size: str
    item_id: int
    rating: int | None
    target: int | None
    previous: int | None  # the rating in the cycle before, if any


def versions_with_cycles(partnership):
    """Framework versions the partnership's organisations have submitted a cycle against, newest framework first."""
    used = Assessment.objects.for_partnership(partnership).submitted().values("sign_up__framework_version")
    return list(FrameworkVersion.objects.filter(pk__in=used).select_related("framework").order_by("framework__name"))


def years_with_cycles(partnership):
    """The years in which the partnership's organisations submitted a cycle, newest first."""
    dates = Assessment.objects.for_partnership(partnership).submitted().dates("submitted_at", "year", order="DESC")
    return [day.year for day in dates]


def latest_ratings(partnership, filters):
    """Each organisation's latest rating of each item (and the one before), under the filters. One query."""
    answers = (
        AssessmentItem.objects.filter(
            assessment__organisation__partnership=partnership,
            assessment__organisation__archived_at__isnull=True,
            assessment__sign_up__framework_version=filters.version,
            assessment__sign_up__withdrawn_at__isnull=True,
            assessment__submitted_at__lt=filters.end,
        )
        .exclude(assessment__status=AssessmentStatus.DRAFT)
        .order_by()
    )
    if filters.sector:
        answers = answers.filter(assessment__organisation__sector=filters.sector)
    if filters.size:
        answers = answers.filter(assessment__organisation__size=filters.size)
    by_sign_up = defaultdict(dict)  # sign-up -> cycle number -> row
    for row in answers.values_list(
        "assessment_id",
        "assessment__sign_up_id",
        "assessment__number",
        "assessment__organisation_id",
        "assessment__organisation__sector",
        "assessment__organisation__size",
        "item_id",
        "rating",
        "target",
    ):
        by_sign_up[row[1]].setdefault(row[2], []).append(row)
    ratings = []
    for cycles in by_sign_up.values():
        numbers = sorted(cycles, reverse=True)
        before = {row[6]: row[7] for row in cycles[numbers[1]]} if len(numbers) > 1 else {}
        for assessment_id, _, _, organisation_id, sector, size, item_id, rating, target in cycles[numbers[0]]:
            ratings.append(
                Rating(assessment_id, organisation_id, sector, size, item_id, rating, target, before.get(item_id))
            )
    return ratings


def verdicts(ratings):
    """(assessment, item) -> set of verdicts from finished reviews. One query."""
    found = defaultdict(set)
    assessments = {r.assessment_id for r in ratings}
    for assessment_id, item_id, verdict in (
        ReviewComment.objects.finished()
        .filter(assessment_item__assessment_id__in=assessments)
        .order_by()
        .values_list("assessment_item__assessment_id", "assessment_item__item_id", "verdict")
    ):
        found[(assessment_id, item_id)].add(verdict)
    return found


def actions(ratings, filters):
    """(item -> list of (organisation, outcome)) for actions in the latest cycles whose date fell by the end of the
    chosen year (or today, if sooner). One query."""
    last_day = min(filters.end.date() - datetime.timedelta(days=1), timezone.localdate())
    assessments = {r.assessment_id for r in ratings}
    found = defaultdict(list)
    for organisation_id, item_id, status, updated_at, due in (
        Action.objects.filter(assessment_item__assessment_id__in=assessments, due__isnull=False, due__lte=last_day)
        .order_by()
        .values_list(
            "assessment_item__assessment__organisation_id", "assessment_item__item_id", "status", "updated_at", "due"
        )
    ):
        if status != ActionStatus.DONE:
            outcome = NOT_DONE
        elif timezone.localdate(updated_at) <= due:
            outcome = DONE_BY_DATE
        else:
            outcome = DONE_LATER
        found[item_id].append((organisation_id, outcome))
    return found


DONE_BY_DATE = "Done by its date"
DONE_LATER = "Done after its date"
NOT_DONE = "Not done yet"
ACTION_OUTCOMES = (DONE_BY_DATE, DONE_LATER, NOT_DONE)


@dataclass(frozen=True)
class ItemFigures:
    item: object
    summary: tuple  # the item's row of the summary: cells of its own tables, hidden where they are hidden
    tables: tuple  # the item's published tables, for its own page

    def table(self, key):
        return next(table for table in self.tables if table.key == key)

    @property
    def chart(self):
        """The spread of all organisations' latest ratings, from the heatmaps' shared "all organisations" row, so a
        figure hidden there is hidden here too."""
        row = self.table("by_sector").rows[-1]
        return bar_chart(
            f"{self.item.number}. {self.item.title}: how many organisations gave each rating",
            [(cell.column, cell.value) for cell in row.cells[:-1]],
            missing_text="hidden",
            label_heading="Rating",
            value_heading="Organisations",
        )


@dataclass(frozen=True)
class Dashboard:
    filters: Filters
    k: int
    items: tuple
    summary: object  # the published table of every item
    organisations: int  # how many organisations have a rating under the filters (shown only if at least k)

    @property
    def organisations_shown(self):
        return is_shown(self.organisations, self.k)

    @property
    def hides_something(self):
        return self.summary.hides_something or any(t.hides_something for i in self.items for t in i.tables)


SUMMARY_COLUMNS = (
    "Organisations that rated it",
    "Middle rating",
    "Rated it higher than last time",
    "At or above their own target",
    "Ratings a reviewer challenged",
)


def build_dashboard(partnership, filters):
    """Every published figure of the dashboard under these filters."""
    k = partnership.suppression_k
    version = filters.version
    items = list(version.assessed_items())
    levels = [level["level"] for level in version.scale]
    ratings = latest_ratings(partnership, filters)
    review = verdicts(ratings)
    done = actions(ratings, filters)
    by_item = defaultdict(list)
    for rating in ratings:
        if rating.rating is not None:
            by_item[rating.item_id].append(rating)
    figures = []
    for item in items:
        rated = by_item[item.pk]
        tables = _item_tables(item, rated, levels, review, done.get(item.pk, []), k)
        figures.append(ItemFigures(item=item, tables=tuple(tables), summary=_summary_cells(tables, rated, k)))
    summary = Table(
        key="items",
        caption=f"Each item of {version.framework.short_name}",
        row_heading="Item",
        columns=SUMMARY_COLUMNS,
        rows=tuple(Row(f"{f.item.number}. {f.item.title}", f.summary) for f in figures),
        k=k,
        lines=(),
    )
    return Dashboard(
        filters=filters,
        k=k,
        items=tuple(figures),
        summary=summary,
        organisations=len({r.organisation_id for r in ratings}),
    )


def _summary_cells(tables, rated, k):
    """The item's summary row. Each figure is a cell of one of its tables, so it is hidden wherever that cell is;
    the middle rating is shown only when enough organisations gave one."""
    by_key = {table.key: table for table in tables}
    corner = by_key["by_sector"].rows[-1].cells[-1]
    middle = statistics.median(r.rating for r in rated) if rated else None
    middle_hidden = middle is not None and not is_shown(len(rated), k)
    return (
        _as(corner, SUMMARY_COLUMNS[0]),
        Cell(
            value=None if middle_hidden else middle,
            count=len(rated),
            reason=suppression.TOO_FEW if middle_hidden else None,
            column=SUMMARY_COLUMNS[1],
        ),
        _as(by_key["change"].rows[0].cells[0], SUMMARY_COLUMNS[2]),
        _as(by_key["targets"].rows[0].cells[0], SUMMARY_COLUMNS[3]),
        _as(by_key["reviews"].rows[0].cells[0], SUMMARY_COLUMNS[4]),
    )


def _as(cell, column):
    return replace(cell, column=column, shade=0, percent=None)


def _grid(rated, groups, attribute, levels):
    """Counts of organisations by group (rows) and rating (columns), with row and column totals."""
    rows = []
    for value, _ in groups:
        mine = [r for r in rated if getattr(r, attribute) == value]
        counts = [sum(1 for r in mine if r.rating == level) for level in levels]
        rows.append([*counts, len(mine)])
    rows.append([sum(row[c] for row in rows) for c in range(len(levels) + 1)])
    return rows


def _item_tables(item, rated, levels, review, item_actions, k):
    """The item's tables, suppressed together: both heatmaps share their "all organisations" row, and the
    reviewers' table shares its total with the heatmaps' corner, so a figure hidden in one is hidden in all."""
    name = f"{item.number}. {item.title}"
    columns = tuple(f"Rating {level}" for level in levels) + ("All ratings",)
    last_row = {}
    specs = []
    for key, groups, attribute, heading in (
        ("by_sector", Sector.choices, "sector", "Sector"),
        ("by_size", Size.choices, "size", "Size"),
    ):
        grid = _grid(rated, groups, attribute, levels)
        last_row = {(len(groups), c): ("all_organisations", c) for c in range(len(columns))}
        specs.append(
            Spec(
                key,
                f"{name}: latest ratings by {heading.lower()}",
                heading,
                tuple(label for _, label in groups) + ("All organisations",),
                columns,
                grid,
                row_totals=True,
                column_totals=True,
                shaded=True,
                shared=last_row,
            )
        )
    corner = ("all_organisations", len(columns) - 1)
    compared = [r for r in rated if r.previous is not None]
    change = [
        sum(1 for r in compared if r.rating > r.previous),
        sum(1 for r in compared if r.rating == r.previous),
        sum(1 for r in compared if r.rating < r.previous),
    ]
    specs.append(
        Spec(
            "change",
            f"{name}: change since the cycle before",
            "Organisations",
            ("Organisations with an earlier cycle",),
            ("Rated it higher", "Rated it the same", "Rated it lower", "All"),
            [[*change, len(compared)]],
            row_totals=True,
        )
    )
    targeted = [r for r in rated if r.target is not None]
    reached = sum(1 for r in targeted if r.rating >= r.target)
    specs.append(
        Spec(
            "targets",
            f"{name}: ratings against the organisations' own targets",
            "Organisations",
            ("Organisations with a target",),
            ("At or above their target", "Below their target", "All"),
            [[reached, len(targeted) - reached, len(targeted)]],
            row_totals=True,
        )
    )
    verdict_counts = [0, 0, 0]
    for r in rated:
        given = review.get((r.assessment_id, item.pk), set())
        verdict_counts[0 if Verdict.CHALLENGE in given else 1 if Verdict.AGREE in given else 2] += 1
    specs.append(
        Spec(
            "reviews",
            f"{name}: what lived-experience reviewers said about the latest ratings",
            "Ratings",
            ("Latest ratings",),
            ("Challenged", "Agreed", "Not reviewed", "All"),
            [[*verdict_counts, len(rated)]],
            row_totals=True,
            shared={(0, 3): corner},  # every latest rating is in the heatmaps' corner too
        )
    )
    action_values = [sum(1 for _, outcome in item_actions if outcome == o) for o in ACTION_OUTCOMES]
    action_counts = [len({org for org, outcome in item_actions if outcome == o}) for o in ACTION_OUTCOMES]
    specs.append(
        Spec(
            "actions",
            f"{name}: actions whose date has come",
            "Actions",
            ("Actions in the latest cycles",),
            (*ACTION_OUTCOMES, "All"),
            [[*action_values, len(item_actions)]],
            # The figures count actions; the organisations behind them are what must not be too few.
            counts=[[*action_counts, len({org for org, _ in item_actions})]],
            row_totals=True,
        )
    )
    return published_tables(specs, k=k)
