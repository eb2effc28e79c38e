"""The partnership dashboard: how the partnership's organisations rate themselves on each item of a framework.

The database does the counting (`item_counts`: a few grouped queries, however many organisations there are), and
every figure goes through `tables.published_tables`, so small numbers are hidden (k is the partnership's
`suppression_k`), with whatever would give them away.

A year's figures are about the self-assessments sent that year: "latest rating" is an organisation's rating in its
newest cycle submitted in the chosen year; "change" compares it with the cycle before (whenever that was). So the
years count separate cycles and there is no "all years" view: one year's figures cannot be taken from another's to
give a hidden figure away (see `core.suppression.suppress_periods`). Archived organisations and withdrawn sign-ups
are left out, as on the register.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Sign, TruncDate
from django.utils import timezone

from included.assessments.enums import ActionStatus, Verdict
from included.assessments.models import Action, Assessment, AssessmentItem, ReviewComment
from included.core import public_cache, suppression
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
    def start(self):
        """The first moment of the chosen year, in the site's time zone."""
        return timezone.make_aware(datetime.datetime(self.year, 1, 1))

    @property
    def end(self):
        """The first moment after the chosen year, in the site's time zone."""
        return timezone.make_aware(datetime.datetime(self.year + 1, 1, 1))

    def describe(self):
        parts = [f"{self.version.framework.short_name}, self-assessments sent in {self.year}"]
        if self.sector:
            parts.append(Sector(self.sector).label)
        if self.size:
            parts.append(Size(self.size).label)
        return "; ".join(parts)


def versions_with_cycles(partnership):
    """Framework versions the partnership's organisations have submitted a cycle against, newest framework first."""
    used = Assessment.objects.for_partnership(partnership).submitted().values("sign_up__framework_version")
    return list(FrameworkVersion.objects.filter(pk__in=used).select_related("framework").order_by("framework__name"))


def years_with_cycles(partnership):
    """The years in which the partnership's organisations submitted a cycle, newest first."""
    dates = Assessment.objects.for_partnership(partnership).submitted().dates("submitted_at", "year", order="DESC")
    return [day.year for day in dates]


def filter_choices(partnership):
    """(versions_with_cycles, years_with_cycles), from the public pages' cache when it is there: every view of the
    dashboard reads them to offer its filters."""
    return public_cache.cached_content(
        partnership.pk,
        "impact-choices",
        [],
        lambda: (versions_with_cycles(partnership), years_with_cycles(partnership)),
    )


def cycles_of_the_year(partnership, filters):
    """The cycles the dashboard's figures are about: each sign-up's newest cycle sent in the chosen year.

    A year's figures are about that year's self-assessments only, so each cycle is counted in one year at most, and
    no figure of one year can be taken from another's (see `core.suppression.suppress_periods`).
    """
    sent = {"submitted_at__gte": filters.start, "submitted_at__lt": filters.end}
    return _newest_cycles(partnership, filters.version, sent, sector=filters.sector, size=filters.size)


def latest_answers(partnership, version):
    """Every organisation's answers in its newest submitted cycle against `version`, whenever it was sent: for an
    organisation's own benchmark, which compares it with the others as they are now."""
    return AssessmentItem.objects.filter(
        assessment__in=_newest_cycles(partnership, version, {}).values("pk")
    ).order_by()


def _newest_cycles(partnership, version, sent, *, sector="", size=""):
    """Each sign-up's newest submitted cycle among those matching `sent` (lookups on when it was submitted).
    Archived organisations and withdrawn sign-ups are left out, as on the register."""
    cycles = (
        Assessment.objects.filter(
            organisation__partnership=partnership,
            organisation__archived_at__isnull=True,
            sign_up__framework_version=version,
            sign_up__withdrawn_at__isnull=True,
            **sent,
        )
        .submitted()
        .order_by()
    )
    if sector:
        cycles = cycles.filter(organisation__sector=sector)
    if size:
        cycles = cycles.filter(organisation__size=size)
    later = Assessment.objects.filter(sign_up=OuterRef("sign_up"), number__gt=OuterRef("number"), **sent).submitted()
    return cycles.filter(~Exists(later.order_by()))


@dataclass(frozen=True)
class ItemCounts:
    """How many organisations are behind each figure of one item's tables: counted by the database."""

    # (sector, size, rating) -> organisations whose rating it is
    ratings: dict = field(default_factory=dict)
    change: tuple = (0, 0, 0)  # rated it higher, the same, lower than in the cycle before
    targets: tuple = (0, 0)  # at or above their own target, below it (of those with a target)
    verdicts: tuple = (0, 0, 0)  # challenged, agreed, not reviewed
    actions: tuple = (0, 0, 0)  # actions by outcome (ACTION_OUTCOMES)
    action_organisations: tuple = (0, 0, 0)  # the organisations behind each outcome's actions
    action_organisations_all: int = 0  # the organisations behind all of them

    @property
    def rated(self):
        return sum(self.ratings.values())


def item_counts(partnership, filters):
    """item id -> ItemCounts, and how many organisations gave any answer, under the filters.

    The database does the counting, grouped by item, sector, size and rating, so the time and memory it takes do
    not grow with the number of organisations. Five queries.
    """
    return _item_counts(partnership, filters)


def _item_counts(partnership, filters):
    cycles = cycles_of_the_year(partnership, filters).values("pk")
    answers = AssessmentItem.objects.filter(assessment__in=cycles).order_by()
    rated = answers.filter(rating__isnull=False)
    found = defaultdict(lambda: {"ratings": {}})
    for item_id, sector, size, rating, count in rated.values_list(
        "item_id", "assessment__organisation__sector", "assessment__organisation__size", "rating"
    ).annotate(count=Count("pk")):
        found[item_id]["ratings"][(sector, size, rating)] = count

    before = AssessmentItem.objects.filter(
        assessment=OuterRef("assessment__previous"), item=OuterRef("item")
    ).order_by()
    comments = ReviewComment.objects.finished().filter(assessment_item=OuterRef("pk")).order_by()
    flows = rated.annotate(
        change=Sign(
            ExpressionWrapper(F("rating") - Subquery(before.values("rating")[:1]), output_field=IntegerField())
        ),
        reached=Case(
            When(target__isnull=True, then=Value(None)),
            When(rating__gte=F("target"), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        verdict=Case(
            When(Exists(comments.filter(verdict=Verdict.CHALLENGE)), then=Value(0)),
            When(Exists(comments.filter(verdict=Verdict.AGREE)), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
    )
    tallies = defaultdict(lambda: {"change": [0, 0, 0], "targets": [0, 0], "verdicts": [0, 0, 0]})
    for item_id, change, reached, verdict, count in flows.values_list(
        "item_id", "change", "reached", "verdict"
    ).annotate(count=Count("pk")):
        tally = tallies[item_id]
        if change is not None:
            tally["change"][{1: 0, 0: 1, -1: 2}[int(change)]] += count
        if reached is not None:
            tally["targets"][0 if reached else 1] += count
        tally["verdicts"][verdict] += count

    last_day = min(filters.end.date() - datetime.timedelta(days=1), timezone.localdate())
    actions = (
        Action.objects.filter(assessment_item__assessment__in=cycles, due__isnull=False, due__lte=last_day)
        .order_by()
        .annotate(
            outcome=Case(
                When(~Q(status=ActionStatus.DONE), then=Value(2)),
                When(due__gte=TruncDate("updated_at"), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    )
    organisation = "assessment_item__assessment__organisation"
    by_outcome = defaultdict(lambda: ([0, 0, 0], [0, 0, 0]))
    for item_id, outcome, count, organisations in actions.values_list("assessment_item__item_id", "outcome").annotate(
        count=Count("pk"), organisations=Count(organisation, distinct=True)
    ):
        by_outcome[item_id][0][outcome] = count
        by_outcome[item_id][1][outcome] = organisations
    action_organisations = dict(
        actions.values_list("assessment_item__item_id").annotate(organisations=Count(organisation, distinct=True))
    )

    counts = {}
    for item_id in {*found, *tallies, *by_outcome, *action_organisations}:
        tally = tallies[item_id]
        counts[item_id] = ItemCounts(
            ratings=found[item_id]["ratings"],
            change=tuple(tally["change"]),
            targets=tuple(tally["targets"]),
            verdicts=tuple(tally["verdicts"]),
            actions=tuple(by_outcome[item_id][0]),
            action_organisations=tuple(by_outcome[item_id][1]),
            action_organisations_all=action_organisations.get(item_id, 0),
        )
    organisations = answers.aggregate(count=Count("assessment__organisation", distinct=True))["count"]
    return counts, organisations


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
    """Every published figure of the dashboard under these filters, counted by the database: the time it takes does
    not grow with the number of organisations. Views read it through `cached_dashboard`."""
    k = partnership.suppression_k
    version = filters.version
    items = list(version.assessed_items())
    levels = [level["level"] for level in version.scale]
    counts, organisations = item_counts(partnership, filters)
    figures = []
    for item in items:
        mine = counts.get(item.pk, ItemCounts())
        tables = _item_tables(item, mine, levels, k, period=filters.year)
        figures.append(ItemFigures(item=item, tables=tuple(tables), summary=_summary_cells(tables, mine, k)))
    summary = Table(
        key="items",
        caption=f"Each item of {version.framework.short_name}",
        row_heading="Item",
        columns=SUMMARY_COLUMNS,
        rows=tuple(Row(f"{f.item.number}. {f.item.title}", f.summary) for f in figures),
        k=k,
        lines=(),
    )
    return Dashboard(filters=filters, k=k, items=tuple(figures), summary=summary, organisations=organisations)


def cached_dashboard(partnership, filters):
    """`build_dashboard`, from the public pages' cache (`core.public_cache`) when it is there. The figures are the
    same for everyone who may choose these filters, so coordinators share them too. The cache is emptied when a
    cycle is submitted, a review finishes or an action changes (see `apps.py`)."""
    parts = [filters.version.pk, filters.year, filters.sector, filters.size]
    return public_cache.cached_content(
        partnership.pk, "impact-dashboard", parts, lambda: build_dashboard(partnership, filters)
    )


def median_of(counts):
    """The middle of ratings given as {rating: how many}, as `statistics.median` would give it; None for none."""
    total = sum(counts.values())
    if not total:
        return None
    ordered = sorted(counts.items())

    def nth(position):  # the rating at this place (from 0) in the sorted list of every rating
        for rating, count in ordered:
            if position < count:
                return rating
            position -= count
        raise IndexError(position)

    if total % 2:
        return nth(total // 2)
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def _summary_cells(tables, counts, k):
    """The item's summary row. Each figure is a cell of one of its tables, so it is hidden wherever that cell is;
    the middle rating is shown only when enough organisations gave one."""
    by_key = {table.key: table for table in tables}
    corner = by_key["by_sector"].rows[-1].cells[-1]
    by_rating = defaultdict(int)
    for (_, _, rating), count in counts.ratings.items():
        by_rating[rating] += count
    rated = counts.rated
    middle = median_of(by_rating)
    middle_hidden = middle is not None and not is_shown(rated, k)
    return (
        _as(corner, SUMMARY_COLUMNS[0]),
        Cell(
            value=None if middle_hidden else middle,
            count=rated,
            reason=suppression.TOO_FEW if middle_hidden else None,
            column=SUMMARY_COLUMNS[1],
        ),
        _as(by_key["change"].rows[0].cells[0], SUMMARY_COLUMNS[2]),
        _as(by_key["targets"].rows[0].cells[0], SUMMARY_COLUMNS[3]),
        _as(by_key["reviews"].rows[0].cells[0], SUMMARY_COLUMNS[4]),
    )


def _as(cell, column):
    return replace(cell, column=column, shade=0, percent=None)


def _grid(ratings, groups, position, levels):
    """Counts of organisations by group (rows) and rating (columns), with row and column totals. `ratings` maps
    (sector, size, rating) to organisations; `position` is 0 to group by sector, 1 by size."""
    rows = []
    for value, _ in groups:
        mine = defaultdict(int)
        for key, count in ratings.items():
            if key[position] == value:
                mine[key[2]] += count
        rows.append([*(mine[level] for level in levels), sum(mine.values())])
    rows.append([sum(row[c] for row in rows) for c in range(len(levels) + 1)])
    return rows


def _item_tables(item, counts, levels, k, period=None):
    """The item's tables, suppressed together: both heatmaps share their "all organisations" row, and the
    reviewers' table shares its total with the heatmaps' corner, so a figure hidden in one is hidden in all. Given
    a `period` (the year), they are that year's tables, kept apart from every other year's."""
    name = f"{item.number}. {item.title}"
    columns = tuple(f"Rating {level}" for level in levels) + ("All ratings",)
    specs = []
    for key, groups, position, heading in (
        ("by_sector", Sector.choices, 0, "Sector"),
        ("by_size", Size.choices, 1, "Size"),
    ):
        grid = _grid(counts.ratings, groups, position, levels)
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
    specs.append(
        Spec(
            "change",
            f"{name}: change since the cycle before",
            "Organisations",
            ("Organisations with an earlier cycle",),
            ("Rated it higher", "Rated it the same", "Rated it lower", "All"),
            [[*counts.change, sum(counts.change)]],
            row_totals=True,
        )
    )
    reached, below = counts.targets
    specs.append(
        Spec(
            "targets",
            f"{name}: ratings against the organisations' own targets",
            "Organisations",
            ("Organisations with a target",),
            ("At or above their target", "Below their target", "All"),
            [[reached, below, reached + below]],
            row_totals=True,
        )
    )
    specs.append(
        Spec(
            "reviews",
            f"{name}: what lived-experience reviewers said about the latest ratings",
            "Ratings",
            ("Latest ratings",),
            ("Challenged", "Agreed", "Not reviewed", "All"),
            [[*counts.verdicts, counts.rated]],
            row_totals=True,
            shared={(0, 3): corner},  # every latest rating is in the heatmaps' corner too
        )
    )
    specs.append(
        Spec(
            "actions",
            f"{name}: actions whose date has come",
            "Actions",
            ("Actions in the latest cycles",),
            (*ACTION_OUTCOMES, "All"),
            [[*counts.actions, sum(counts.actions)]],
            # The figures count actions; the organisations behind them are what must not be too few.
            counts=[[*counts.action_organisations, counts.action_organisations_all]],
            row_totals=True,
        )
    )
    return published_tables(specs, k=k, period=period)
