"""The partnership's published figures beyond the dashboard: EMIF's measures of the framework's own impact, the
social mobility of employers' workforces, the snapshot an annual report keeps, and the rows the open data uses.

Every figure about organisations or people passes the partnership's k (`suppression_k`), through
`tables.is_shown` for a figure on its own or `tables.published_table` for a table. Measures with no data are left
out, never shown as nought.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from included.assessments.enums import AssessmentStatus
from included.assessments.models import AssessmentItem, SignUp
from included.commissioning import ledger
from included.commissioning.scoring import MIN_SOCIAL_VALUE_WEIGHT
from included.coproduction import reports as coproduction_reports
from included.coproduction.models import Activity
from included.core import public_cache
from included.organisations.enums import Sector

from . import dashboard
from .enums import Background, FactKind
from .models import PartnershipFact, SocialMobilityReturn
from .tables import is_shown, published_table

# EMIF's checklist point 3: a written inclusion policy, made with the people the organisation serves.
WRITTEN_POLICY_ITEM = "written-policy"
# Where the grouping of backgrounds comes from, shown on every page that uses it.
SMC_SOURCE = (
    "Social Mobility Commission, Socio-economic diversity and inclusion: employers' toolkit",
    "https://www.gov.uk/government/publications/socio-economic-diversity-and-inclusion-toolkits-for-employers",
)


@dataclass(frozen=True)
class Measure:
    label: str
    figure: str
    detail: str = ""


def _start_of(year):
    return timezone.make_aware(datetime.datetime(year, 1, 1))


def _end_of(year):
    return _start_of(year + 1)


def framework_impact(partnership, year):
    """EMIF's measures of the framework's own impact in `year`: only those with data.

    Sign-ups are counted as at the end of the year (the register lists each one, with its date, for anyone to
    read). The other counts are about what happened in the year only, like the dashboard's figures, so two years'
    counts cannot be taken one from the other to give away a small number."""
    k = partnership.suppression_k
    end = _end_of(year)
    measures = []
    sign_ups = (
        SignUp.objects.for_partnership(partnership)
        .filter(signed_at__lt=end, organisation__archived_at__isnull=True)
        .filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=end))
    )
    signed = sign_ups.values("organisation").distinct().count()
    if signed:
        measures.append(
            Measure(
                "Organisations signed up to a framework",
                str(signed) if is_shown(signed, k) else f"Fewer than {k}",
                "Each one is on the public register, with what inclusion means to it.",
            )
        )
    policies = (
        AssessmentItem.objects.filter(
            assessment__organisation__partnership=partnership,
            assessment__organisation__archived_at__isnull=True,
            assessment__submitted_at__gte=_start_of(year),
            assessment__submitted_at__lt=end,
            item__key=WRITTEN_POLICY_ITEM,
            rating__isnull=False,
        )
        .exclude(assessment__status=AssessmentStatus.DRAFT)
        .filter(~Q(evidence="") | ~Q(evidence_links="") | Q(files__isnull=False))
        .values("assessment__organisation")
        .distinct()
        .count()
    )
    if policies:
        measures.append(
            Measure(
                "Organisations with a written inclusion policy, with evidence",
                str(policies) if is_shown(policies, k) else f"Fewer than {k}",
                f"They gave evidence for EMIF's checklist point 3 in a self-assessment sent in {year}.",
            )
        )
    activities = Activity.objects.for_partnership(partnership).filter(held_on__year=year)
    doing = activities.values("organisation").distinct().count()
    if doing:
        measures.append(
            Measure(
                "Organisations that involved people in co-production",
                str(doing) if is_shown(doing, k) else f"Fewer than {k}",
                f"They recorded at least one co-production activity held in {year}.",
            )
        )
        # The co-production measures are worked out by the co-production app; we only choose what to publish.
        coproduction = coproduction_reports.partnership_measures(partnership)
        for label, share in (
            ("Views that had an answer", coproduction.responded),
            ("People told what their views changed", coproduction.closed),
        ):
            if share.whole and is_shown(share.whole, k) and is_shown(share.part, k):
                measures.append(Measure(label, f"{share.percent}%", f"{share.part} of {share.whole} views"))
    return measures


@dataclass(frozen=True)
class FundingTable:
    columns: tuple
    rows: list  # (year, [(column, figure as text)])


def funding(partnership):
    """EMIF's commissioning and investment measures from the partnership's funding rounds, year by year: inclusion
    goals in commissioning (rounds scored with social value at least 10 of 100) and investment targeted at community
    groups (the shares of the money, worked out by the ledger). None when no round was ever opened here.

    Money to named organisations is public (the ledger lists every award), so the money and its shares are shown in
    full; the number of organisations funded passes the partnership's k. Money columns appear only once money was
    awarded: a measure with no data is left out, never shown as nought."""
    years = ledger.funding_by_year(partnership)
    if not years:
        return None
    k = partnership.suppression_k
    columns = ["Funding rounds opened", f"Rounds scored with social value at least {MIN_SOCIAL_VALUE_WEIGHT}%"]
    with_money = any(year.awards for year in years)
    if with_money:
        columns += ["Money awarded", "Organisations funded", *(share.label for share in years[0].shares)]
    rows = []
    for year in years:
        cells = [str(year.rounds), str(year.rounds_with_social_value)]
        if with_money:
            funded = str(year.organisations) if is_shown(year.organisations, k) else f"Fewer than {k}"
            cells += [f"£{year.total:,.2f}", funded, *(str(share) for share in year.shares)]
        rows.append((year.year, list(zip(columns, cells, strict=True))))
    return FundingTable(tuple(columns), rows)


def funding_in(partnership, year):
    """The funding measures of one year, as label and figure pairs for an annual report; [] with none that year."""
    table = funding(partnership)
    cells = next((cells for row_year, cells in table.rows if row_year == year), []) if table else []
    return [{"label": label, "figure": figure} for label, figure in cells]


def partnership_facts(partnership, year=None):
    """What the coordinators recorded, newest first, by kind; only kinds with a fact."""
    facts = PartnershipFact.objects.for_partnership(partnership)
    if year:
        facts = facts.filter(happened_on__year=year)
    grouped = {}
    for fact in facts:
        grouped.setdefault(fact.kind, []).append(fact)
    return [(FactKind(kind).label, grouped[kind]) for kind in FactKind.values if kind in grouped]


def social_mobility(partnership, year):
    """Employers' workforces by background, added up over each employer's latest figures collected in `year` (only
    that year's, like the dashboard's figures, so two years cannot be taken one from the other).

    Shown only when at least k employers gave figures, with each group about fewer than k people hidden (and what
    would give it away). None when nobody has given figures.
    """
    k = partnership.suppression_k
    latest = {}
    for figures in (
        SocialMobilityReturn.objects.for_partnership(partnership)
        .filter(
            assessment__organisation__sector=Sector.EMPLOYER,
            assessment__organisation__archived_at__isnull=True,
            collected_on__year=year,
        )
        .select_related("assessment")
        .order_by("collected_on", "id")
    ):
        latest[figures.assessment.organisation_id] = figures
    if not latest:
        return None
    employers = len(latest)
    sums = [sum(f.counts[i] for f in latest.values()) for i in range(len(Background.values))]
    if not is_shown(employers, k):
        sums = [0] * len(sums)
        counts = [[employers] * (len(sums) + 1)]  # every cell is about too few employers: all hidden
    else:
        counts = [[*sums, sum(sums)]]
    return published_table(
        "social_mobility",
        f"Employers' workforces by background, {year}",
        row_heading="People",
        rows=["People in the employers' workforces"],
        columns=(*Background.labels, "All"),
        values=[[*sums, sum(sums)]],
        counts=counts,
        k=k,
        row_totals=True,
    )


def table_as_dict(table):
    """A published table as plain data: what a report keeps, and what the open data shows."""
    return {
        "key": table.key,
        "caption": table.caption,
        "row_heading": table.row_heading,
        "columns": list(table.columns),
        "rows": [
            {
                "heading": row.heading,
                "cells": [
                    {"value": cell.value, "hidden": cell.hidden, "note": cell.note, "column": cell.column}
                    for cell in row.cells
                ],
            }
            for row in table.rows
        ],
    }


def report_figures(partnership, year):
    """Everything an annual report shows about `year`, as plain data, so a published report keeps it unchanged."""
    frameworks = []
    for version in dashboard.versions_with_cycles(partnership):
        board = dashboard.build_dashboard(partnership, dashboard.Filters(version=version, year=year))
        frameworks.append(
            {
                "name": version.framework.name,
                "short_name": version.framework.short_name,
                "highest": version.highest_level["level"],
                "organisations": board.organisations if board.organisations_shown else None,
                "summary": table_as_dict(board.summary),
            }
        )
    mobility = social_mobility(partnership, year)
    return {
        "year": year,
        "k": partnership.suppression_k,
        "measures": [vars(m) for m in framework_impact(partnership, year)],
        "funding": funding_in(partnership, year),
        "facts": [
            {
                "kind": kind,
                "facts": [
                    {"description": f.description, "happened_on": f.happened_on.isoformat(), "url": f.evidence_url}
                    for f in facts
                ],
            }
            for kind, facts in partnership_facts(partnership, year)
        ],
        "frameworks": frameworks,
        "social_mobility": table_as_dict(mobility) if mobility else None,
    }


def cached_report_figures(partnership, year):
    """`report_figures`, from the public pages' cache when it is there: for the preview of a report being written.
    Everything in it is published figures, the same for everyone; the PDF is always made from fresh figures."""
    return public_cache.cached_content(
        partnership.pk, "impact-report", [year], lambda: report_figures(partnership, year)
    )


def published_rows(partnership, year=None):
    """The dashboard's published figures for a partnership, as plain rows, for the open data downloads: one row per
    cell of every table the public dashboard shows, for each framework the partnership's organisations have
    assessed themselves against, for every year with a submitted cycle (newest first), or for `year` alone.

    Each row is a dict with: framework (short name), year, table (a stable key), caption, row, column, value (the
    figure, or None where it is hidden) and note (why it is hidden, or ""). Hidden figures are never in a row:
    they were taken out by `core.suppression` (with the partnership's k) before the row was made. Each year's
    figures are about that year's self-assessments only, decided as the dashboard decides them (the same cached
    tables), so no year's rows can be taken from another's. Rows come a year at a time, as they are made.
    """
    years = [year] if year else dashboard.years_with_cycles(partnership)
    versions = dashboard.versions_with_cycles(partnership) if years else []
    for each_year in years:
        for version in versions:
            board = dashboard.cached_dashboard(partnership, dashboard.Filters(version=version, year=each_year))
            if not board.organisations:
                continue  # no cycle against this framework that year: nothing to publish, not a table of noughts
            for table in [board.summary, *[table for item in board.items for table in item.tables]]:
                for row in table.rows:
                    for cell in row.cells:
                        yield {
                            "framework": version.framework.short_name,
                            "year": each_year,
                            "table": table.key,
                            "caption": table.caption,
                            "row": row.heading,
                            "column": cell.column,
                            "value": cell.value,
                            "note": cell.note,
                        }
