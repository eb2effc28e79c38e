"""The annual report as a web page and as a tagged, accessible PDF (PDF/UA-1) made by WeasyPrint.

Both are drawn from the same template and the same figures (the snapshot the report keeps). The PDF's language,
title and headings come from the HTML; each chart is the shared SVG chart (`core.charts`) with its title, its text
alternative and the table of its figures beside it, so nothing is only in a picture.
"""

import warnings

from django.template.loader import render_to_string

from included.core.charts import bar_chart
from included.language.advice import advice_for

from .enums import ReportSection


def _middle_ratings_chart(framework):
    summary = framework["summary"]
    middle = summary["columns"].index("Middle rating")
    return bar_chart(
        f"{framework['short_name']}: the middle rating of each item",
        [(row["heading"], row["cells"][middle]["value"]) for row in summary["rows"]],
        x_max=framework["highest"],
        missing_text="not shown: too few ratings",
        label_heading="Item",
        value_heading="Middle rating",
    )


def report_context(report, figures):
    """What the report's template needs: its sections with their words, and each framework with its chart."""
    return {
        "report": report,
        "figures": figures,
        "sections": [(section.label, report.section_text(section.value)) for section in ReportSection],
        "frameworks": [(framework, _middle_ratings_chart(framework)) for framework in figures.get("frameworks", [])],
    }


def section_advice(report, section, *, user=None):
    """Plain-language advice on one section's words, as every text people write gets."""
    return advice_for(
        report.section_text(section),
        partnership=report.partnership,
        text_key=f"impact.report:{report.pk}:{section}",
        user=user,
    )


def report_pdf(report, figures):
    """The report as PDF/UA-1 bytes."""
    # Imported here: it takes a moment, and only the task worker needs it. WeasyPrint 70 warns that a later version
    # will need HarfBuzz's subsetting library; this one makes the same PDFs without it.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
        from weasyprint import HTML

    html = render_to_string("impact/report_pdf.html", report_context(report, figures))
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
