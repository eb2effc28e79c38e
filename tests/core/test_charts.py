"""The shared chart component: SVG with a text alternative, the same numbers in a table, and more than colour."""

import re

import pytest
from django.template import Context, Template

from included.core.charts import COLOURS, DASHES, MARKERS, Series, bar_chart, line_chart


def render(chart, **options):
    arguments = " ".join(f"{name}={value}" for name, value in options.items())
    return Template("{% load charts %}{% chart c " + arguments + " %}").render(Context({"c": chart}))


def relative_luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize("colour", COLOURS)
def test_every_colour_has_enough_contrast_against_white(colour):
    contrast = 1.05 / (relative_luminance(colour) + 0.05)
    assert contrast >= 4.5


def test_lines_differ_in_marker_and_dash_not_colour_alone():
    assert len(set(zip(MARKERS, DASHES, strict=True))) == len(MARKERS)


def test_a_line_chart_has_a_text_alternative_and_a_table_of_the_same_numbers():
    chart = line_chart("Wellbeing over time", ["May", "June", "July"], [Series("Me", (4, 6, 7.5))], y_min=0, y_max=10)
    html = render(chart)
    assert 'role="img"' in html
    assert "<title id=" in html and "<desc id=" in html
    assert "Me: 4 in May and 7.5 in July." in chart.description
    cells = re.findall(r'<td class="govuk-table__cell[^"]*" data-label="([^"]+)">([^<]+)</td>', html)
    assert cells == [("May", "4"), ("June", "6"), ("July", "7.5")]
    assert html.count("<polyline") == 1
    assert html.count("<use ") == 3


def test_a_missing_value_is_a_gap_in_the_line_and_said_in_the_table():
    chart = line_chart("Ratings", ["1", "2", "3", "4"], [("Item", [2, None, 3, 4])], y_max=5, missing_text="not rated")
    html = render(chart)
    assert html.count("<polyline") == 1  # the first point stands alone; 3 and 4 are joined
    assert html.count("<use ") == 3
    assert "not rated" in html


def test_values_are_placed_on_the_scale():
    chart = line_chart("Scale", ["a", "b"], [("S", [0, 10])], y_min=0, y_max=10)
    (left, top, right, bottom) = chart.plot
    low, high = chart.series[0].points
    assert (low.x, low.y) == (left, bottom)
    assert (high.x, high.y) == (right, top)


def test_several_lines_have_a_key_and_are_named_at_their_end():
    chart = line_chart("Two", ["a", "b"], [("You", [1, 2]), ("Others", [3, 4])], y_max=5)
    html = render(chart)
    assert 'class="govuk-list included-chart__key"' in html
    assert ">Others</text>" in html and ">You</text>" in html


def test_a_series_must_match_its_labels():
    with pytest.raises(ValueError):
        line_chart("Bad", ["a", "b"], [("S", [1])])


def test_a_bar_chart_writes_each_value_beside_its_bar():
    chart = bar_chart("Ratings given", [("1 Starting", 3), ("2 Growing", None), ("3 Leading", 12)], unit="")
    html = render(chart)
    assert html.count('fill="#1d70b8"') == 2
    assert ">3</text>" in html and ">12</text>" in html and ">not shown</text>" in html
    assert chart.description == "A bar chart. 1 Starting: 3; 2 Growing: not shown; 3 Leading: 12."
    assert chart.bars[2].length == chart.plot[2] - chart.plot[0]


def test_words_are_escaped():
    chart = bar_chart("<script>", [("<b>bold</b>", 1)])
    html = render(chart)
    assert "<script>" not in html and "<b>bold</b>" not in html


def test_the_table_can_be_left_out_where_the_page_has_it_already():
    chart = bar_chart("No table", [("a", 1)])
    assert "<table" in render(chart)
    assert "<table" not in render(chart, table="False")
