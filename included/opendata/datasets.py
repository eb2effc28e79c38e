"""Every dataset the open data publishes, each defined once.

A `Dataset` names its fields (with their type and what they mean) and says where its rows come from. That one
definition makes the CSV and JSON downloads (`downloads.py`), the API's schemas and operations (`api.py`), the CSV
sidecar metadata and the data dictionary page. Nothing else lists a dataset's fields.

Only what the public pages already show is published: the rows come from the same queries as the public register
and framework pages, and the co-production measures come through the shared small-number suppression.
"""

import enum
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from included.assessments.overview import on_the_register, outcome_of, public_statement
from included.coproduction import reports
from included.coproduction.models import Activity, Contribution
from included.frameworks.models import FrameworkItem, FrameworkVersion
from included.impact import figures as impact_figures

from . import measures


class FieldType(enum.Enum):
    """What kind of value a field holds: its name in the dictionary, its Python type for the API schema, and its
    datatype in the CSV's sidecar metadata (CSV on the Web)."""

    TEXT = ("text", str, "string")
    WHOLE_NUMBER = ("whole number", int, "integer")
    DECIMAL = ("decimal number, written as text so it is exact", str, "decimal")
    DATE = ("date, written YYYY-MM-DD", date, "date")

    def __init__(self, label, python_type, csvw_datatype):
        self.label = label
        self.python_type = python_type
        self.csvw_datatype = csvw_datatype


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    meaning: str
    can_be_empty: bool = False

    def json_value(self, value):
        if value is None:
            return None
        if isinstance(value, datetime):
            return timezone.localdate(value).isoformat()
        if isinstance(value, date):
            return value.isoformat()
        return value

    def csv_value(self, value):
        value = self.json_value(value)
        return "" if value is None else value


# How many rows a dataset has, in words a re-user can plan with; the exact number changes every day.
SIZE_CLASSES = [
    (1_000, "Small: fewer than 1,000 rows"),
    (100_000, "Medium: 1,000 to 99,999 rows"),
    (None, "Large: 100,000 rows or more"),
]


def size_class(rows):
    return next(label for limit, label in SIZE_CLASSES if limit is None or rows < limit)


@dataclass(frozen=True)
class Filter:
    """A field a dataset's rows can be narrowed by in the API (`?field=value`), with the database lookup that does
    it (for rows read from a QuerySet) or the key of the row to compare, as text (for rows made in Python). A
    filter has the name of the field it matches."""

    field: str
    lookup: str

    def apply(self, source, value):
        if isinstance(source, QuerySet):
            return source.filter(**{self.lookup: value})
        return (item for item in source if str(item[self.lookup]) == str(value))


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    fields: tuple
    # (partnership) -> the rows' source: a QuerySet (streamed with iterator(), sliced for the API) or a list.
    source: object
    # (partnership, item of the source) -> {field name: value}
    row: object
    api_summary: str
    filters: tuple = ()

    @property
    def field_names(self):
        return [field.name for field in self.fields]

    def field(self, name):
        return next(field for field in self.fields if field.name == name)

    def _source(self, partnership, chosen=None):
        source = self.source(partnership)
        for choice in self.filters:
            value = (chosen or {}).get(choice.field)
            if value is not None:
                source = choice.apply(source, value)
        return source

    def _counted(self, partnership, chosen=None):
        """The source, as something that can be counted and sliced: a QuerySet, or rows made in Python as a list."""
        source = self._source(partnership, chosen)
        return source if isinstance(source, QuerySet) else list(source)

    def rows(self, partnership, chosen=None):
        """Each row as a dict of Python values, streamed from the database: memory stays flat however many."""
        source = self._source(partnership, chosen)
        items = source.iterator(chunk_size=500) if isinstance(source, QuerySet) else source
        for item in items:
            yield self.row(partnership, item)

    def json_row(self, row):
        return {field.name: field.json_value(row[field.name]) for field in self.fields}

    def csv_row(self, row):
        return [field.csv_value(row[field.name]) for field in self.fields]

    def count(self, partnership, chosen=None):
        source = self._counted(partnership, chosen)
        return source.count() if isinstance(source, QuerySet) else len(source)

    def page(self, partnership, start, stop, chosen=None):
        """The rows from `start` to `stop`, for the API, reading no more than those from the database."""
        source = self._counted(partnership, chosen)
        return [self.row(partnership, item) for item in source[start:stop]]


# The public register ------------------------------------------------------------------------------------------------


def _register_row(partnership, sign_up):
    outcome = outcome_of(sign_up)
    organisation = sign_up.organisation
    return {
        "organisation": organisation.name,
        "organisation_page": reverse(
            "assessments:commitment",
            kwargs={"partnership_slug": partnership.slug, "organisation_slug": organisation.slug},
        ),
        "sector": organisation.get_sector_display(),
        "framework": sign_up.framework_version.framework.name,
        "signed_up_on": sign_up.signed_at,
        # The register shows no statement for an organisation that left.
        "statement": "" if sign_up.withdrawn_at else public_statement(partnership, sign_up),
        "where_they_have_got_to": outcome.text,
        "last_reviewed_on": outcome.reviewed_on,
        "withdrew_on": sign_up.withdrawn_at,
    }


REGISTER = Dataset(
    slug="register",
    title="The public register",
    description=(
        "Every organisation on the partnership's public register: the framework it signed up to, what inclusion "
        "means to it in its own words, and how far it has got. The same as the register page shows."
    ),
    fields=(
        Field("organisation", FieldType.TEXT, "The organisation's name."),
        Field(
            "organisation_page",
            FieldType.TEXT,
            "Where the organisation's commitments are on this site: a path to add to the site's address.",
        ),
        Field("sector", FieldType.TEXT, "The kind of organisation, like an employer or a community group."),
        Field("framework", FieldType.TEXT, "The framework it signed up to."),
        Field("signed_up_on", FieldType.DATE, "The day it signed up."),
        Field(
            "statement",
            FieldType.TEXT,
            "What inclusion means to the organisation, in its own words. Empty once it has left the framework. "
            "Where coordinators approve statements, the last approved one.",
        ),
        Field(
            "where_they_have_got_to",
            FieldType.TEXT,
            "Signed up; Waiting for review (it sent in a self-assessment); Reviewed (by people with lived "
            "experience of barriers to work); or Withdrew.",
        ),
        Field(
            "last_reviewed_on",
            FieldType.DATE,
            "The day people with lived experience last finished reviewing its self-assessment.",
            can_be_empty=True,
        ),
        Field("withdrew_on", FieldType.DATE, "The day it left the framework, if it has.", can_be_empty=True),
    ),
    source=lambda partnership: on_the_register(partnership),
    row=_register_row,
    api_summary="The public register: organisations signed up, their statements and how far they have got",
)


# The frameworks ---------------------------------------------------------------------------------------------------


def _framework_items(partnership):
    versions = FrameworkVersion.objects.available_to(partnership)
    return (
        FrameworkItem.objects.filter(version__in=versions)
        .select_related("version__framework", "section")
        .order_by(
            "version__framework__name", "version__framework_id", "version__published_at", "version_id", "position", "pk"
        )
    )


def _framework_row(partnership, item):
    version = item.version
    return {
        "framework": version.framework.name,
        "framework_short_name": version.framework.short_name,
        "version": version.version,
        "published_on": version.published_at,
        "credit": version.credit,
        "section": item.section.title,
        "item_number": item.number,
        "item_title": item.title,
        "summary": item.summary,
        "guidance": item.guidance,
    }


FRAMEWORKS = Dataset(
    slug="frameworks",
    title="The frameworks",
    description=(
        "Every item of every framework the partnership's members can sign up to, with its words, for each "
        "published version. Drafts are not included."
    ),
    fields=(
        Field("framework", FieldType.TEXT, "The framework's name."),
        Field("framework_short_name", FieldType.TEXT, "Its short name, like EMIF."),
        Field("version", FieldType.TEXT, "Which version of its words this is. A new wording is a new version."),
        Field("published_on", FieldType.DATE, "The day this version was published."),
        Field("credit", FieldType.TEXT, "Who wrote the framework this version is based on."),
        Field("section", FieldType.TEXT, "The part of the framework the item is in."),
        Field("item_number", FieldType.TEXT, "The item's number within the framework, like 3 or 1.2."),
        Field("item_title", FieldType.TEXT, "What the item asks of an organisation."),
        Field("summary", FieldType.TEXT, "A short explanation of the item. Can be empty."),
        Field("guidance", FieldType.TEXT, "Longer guidance on the item. Can be empty."),
    ),
    source=_framework_items,
    row=_framework_row,
    api_summary="The frameworks: each item and its words, for each published version",
    filters=(
        Filter("framework_short_name", "version__framework__short_name__iexact"),
        Filter("version", "version__version"),
    ),
)


# The co-production measures ---------------------------------------------------------------------------------------


def _published_measures(partnership):
    return measures.published_measures(
        reports.activity_facts(Activity.objects.for_partnership(partnership)),
        reports.contribution_facts(Contribution.objects.for_partnership(partnership)),
        reports.living_wage_rates(),
        short_notice_days=partnership.short_notice_days,
    )


def _measure_row(partnership, figure):
    return {
        "table": figure.table,
        "measure": figure.measure,
        "year": figure.year,
        "value": figure.value,
        "unit": figure.unit,
        "not_shown_because": figure.not_shown_because,
    }


COPRODUCTION_MEASURES = Dataset(
    slug="coproduction-measures",
    title="Co-production measures",
    description=(
        "How the partnership's organisations involve people with lived experience: how many activities, how much "
        "say people had, how much notice they were given, whether they were answered and told what changed, and "
        "the time and money put in. A figure about too few activities or contributions is not published, nor one "
        "that would let someone work it out."
    ),
    fields=(
        Field(
            "table",
            FieldType.TEXT,
            "Which group of figures this is: answering, response-time, notice, notice-days, ladder, "
            "money-and-time or living-wage. Figures in one group add up to their totals.",
        ),
        Field("measure", FieldType.TEXT, "What the figure counts or measures, in words."),
        Field("year", FieldType.WHOLE_NUMBER, "The year of the activities. Empty for all years together.", True),
        Field(
            "value",
            FieldType.DECIMAL,
            "The figure. Empty when it is not published (see not_shown_because) or when there is nothing to "
            "measure yet.",
            can_be_empty=True,
        ),
        Field(
            "unit", FieldType.TEXT, "What the figure is in: activities, contributions, people, days, hours or pounds."
        ),
        Field("not_shown_because", FieldType.TEXT, "Why the figure is not published. Empty when it is."),
    ),
    source=_published_measures,
    row=_measure_row,
    api_summary="The co-production measures, with small numbers hidden",
)


# The impact figures -----------------------------------------------------------------------------------------------


def _figure_text(value):
    """A figure as exact text: a count as it is, a middle rating without a needless ".0"."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _impact_row(partnership, figure):
    return {
        "framework": figure["framework"],
        "year": figure["year"],
        "table": figure["table"],
        "caption": figure["caption"],
        "row": figure["row"],
        "column": figure["column"],
        "value": _figure_text(figure["value"]),
        "not_shown_because": figure["note"] if figure["value"] is None else "",
    }


IMPACT_FIGURES = Dataset(
    slug="impact-figures",
    title="Impact figures",
    description=(
        "How the partnership's organisations rate themselves on each item of their framework, as the public impact "
        "page shows them, year by year: by sector and by size, change since the cycle before, targets, what "
        "lived-experience reviewers said, and actions. Each year counts the self-assessments sent that year, so "
        "the years are never added up. A figure about too few organisations is not published, nor one that would "
        "let someone work it out."
    ),
    fields=(
        Field("framework", FieldType.TEXT, "The framework's short name, like EMIF."),
        Field(
            "year",
            FieldType.WHOLE_NUMBER,
            "The year the figures are about: the self-assessments organisations sent in this year. Each year counts "
            "different self-assessments, so do not add years up.",
        ),
        Field(
            "table",
            FieldType.TEXT,
            "Which table of the impact page the figure is in: items (one row per item), by_sector, by_size, "
            "change, targets, reviews or actions.",
        ),
        Field("caption", FieldType.TEXT, "The table's title on the impact page, with the item it is about."),
        Field("row", FieldType.TEXT, "The table's row: an item, a sector, a size or a group of organisations."),
        Field("column", FieldType.TEXT, "The table's column: what the figure counts."),
        Field(
            "value",
            FieldType.DECIMAL,
            "The figure: a number of organisations, ratings or actions, or a middle rating. Empty when it is not "
            "published (see not_shown_because) or when there is nothing to measure yet.",
            can_be_empty=True,
        ),
        Field("not_shown_because", FieldType.TEXT, "Why the figure is not published. Empty when it is."),
    ),
    # The public page's figures: no sector or size filter (coordinators only), and hidden cells carry no figure.
    source=lambda partnership: impact_figures.published_rows(partnership),
    row=_impact_row,
    api_summary="The impact figures of the public impact page, year by year, with small numbers hidden",
    filters=(Filter("year", "year"),),
)


def all_datasets():
    """Every published dataset, in the order the open data page lists them.

    This is the one list to add a dataset to: the page, the dictionary, the downloads and the API all follow it.
    """
    return [REGISTER, FRAMEWORKS, COPRODUCTION_MEASURES, IMPACT_FIGURES]


def dataset_named(slug):
    return next((dataset for dataset in all_datasets() if dataset.slug == slug), None)
