"""`{% chart the_chart %}`: draws a chart from `core.charts` as SVG with the table of its numbers beside it."""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def chart(the_chart, table=True, heading_level=None):
    """The chart's figure and, unless `table=False` (only where the same numbers are in a table beside it already),
    its table. The markup is built from templates, so everything in it is escaped."""
    return render_to_string(
        f"core/charts/{the_chart.kind}.html",
        {"chart": the_chart, "show_table": table},
    )
