"""Charts: the one chart component every page uses, drawn on the server as SVG, always with a table of its numbers.

Build a chart with `line_chart(...)` (values over time, such as a wellbeing score from 0 to 10 or a rating per
cycle) or `bar_chart(...)` (horizontal bars, for how many fall in each group), and show it with
`{% load charts %}{% chart the_chart %}`. The tag draws:

- a `<figure>` with a caption (the title) and an SVG with `role="img"`, its `<title>` and a `<desc>` holding the
  text alternative, a sentence that says what the chart shows;
- the same numbers in a GOV.UK table beside it, so nobody needs to read the picture, screen readers and printers
  included. The table stacks on a narrow screen (`included-table--stack`, `data-label` on each cell).

Colour is never the only cue: each line has its own marker shape and dash pattern and is named at its end and in
a key; each bar has its value written beside it. Every colour is from the GOV.UK palette and has a contrast of at
least 4.5:1 against white (text) and so well over the 3:1 WCAG 2.2 asks of graphics (1.4.11). A value of `None`
is a gap: not drawn, and written in the table as `missing_text` ("not shown" by default: a hidden small number
or a missing rating).

Why our own small module and not a library: the charts we need are two simple kinds, and a Django template that
writes SVG is fast (no first-chart start-up cost, nothing to cache, unlike vl-convert's ~1 s), has no new
dependency to pin and keep safe, works the same in WeasyPrint's PDFs, and lets us write the accessible markup
(title, desc, the table beside) exactly as GOV.UK patterns want it. pygal writes its own markup and scripts for
tooltips, which we would have to undo. The geometry is worked out here in Python so the templates only place it.

This module imports nothing from the rest of Included.
"""

from dataclasses import dataclass

# GOV.UK colours, each at least 4.5:1 on white: blue, black, green, purple, red, dark grey.
COLOURS = ("#1d70b8", "#0b0c0c", "#00703c", "#4c2c92", "#d4351c", "#505a5f")
# Marker shapes and dash patterns go with the colours, so two lines differ in more than colour.
MARKERS = ("circle", "square", "triangle", "diamond", "circle", "square")
DASHES = ("", "8 4", "2 4", "12 4 2 4", "4 4", "1 3")

WIDTH = 640
MISSING_TEXT = "not shown"


@dataclass(frozen=True)
class Series:
    """One line: its name (shown in the key, at its end and in the table) and one value per x label."""

    name: str
    values: tuple


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: object
    label: str


@dataclass(frozen=True)
class DrawnSeries:
    name: str
    colour: str
    marker: str
    dash: str
    points: tuple  # the points that have a value
    segments: tuple  # runs of consecutive points, each a polyline's "x,y x,y" text; gaps split them
    end: Point | None  # where the line's name is written


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Table:
    """The same numbers as the chart: `head` is the column headings, each row a heading then its cells."""

    caption: str
    head: tuple
    rows: tuple  # (row heading, (cell, ...))

    @property
    def labelled_rows(self):
        """Each row as (heading, ((column heading, cell), ...)), for the `data-label` of a stacked table."""
        return [(heading, tuple(zip(self.head[1:], cells, strict=True))) for heading, cells in self.rows]


@dataclass(frozen=True)
class LineChart:
    kind = "line"
    title: str
    description: str
    table: Table
    width: int
    height: int
    plot: tuple  # left, top, right, bottom of the plotting area
    x_ticks: tuple
    y_ticks: tuple
    series: tuple
    y_label: str
    slug: str


@dataclass(frozen=True)
class Bar:
    label: str
    value: object  # a number, or None when not shown
    text: str  # the value as written beside the bar
    y: float
    length: float


@dataclass(frozen=True)
class BarChart:
    kind = "bar"
    title: str
    description: str
    table: Table
    width: int
    height: int
    plot: tuple
    bars: tuple
    bar_height: float
    x_ticks: tuple
    colour: str
    label_width: int
    value_heading: str
    slug: str


def _number(value):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 1)


def _text(value, missing_text, unit=""):
    if value is None:
        return missing_text
    return f"{_number(value)}{unit}"


def _slug(title):
    kept = "".join(ch if ch.isalnum() else "-" for ch in title.lower())
    return "chart-" + "-".join(part for part in kept.split("-") if part)[:60]


def _ticks(low, high, step):
    ticks = []
    value = low
    while value <= high + 1e-9:
        ticks.append(_number(value))
        value += step
    return ticks


def line_chart(
    title,
    x_labels,
    series,
    *,
    y_min=0,
    y_max=10,
    y_step=None,
    y_label="",
    description="",
    missing_text=MISSING_TEXT,
    x_heading="",
):
    """A line chart of one or more series over the same x labels (cycles, months, years).

    `series` is a list of `Series` (or (name, values) pairs), each with one value per x label; `None` is a gap.
    `description` is the text alternative; when empty, one is written from the figures. The table has a row per
    series and a column per x label.
    """
    series = [s if isinstance(s, Series) else Series(s[0], tuple(s[1])) for s in series]
    x_labels = [str(label) for label in x_labels]
    for each in series:
        if len(each.values) != len(x_labels):
            raise ValueError(f"The series {each.name!r} needs one value for each of the {len(x_labels)} labels.")
    if y_max <= y_min:
        raise ValueError("y_max must be above y_min.")
    y_step = y_step or (1 if y_max - y_min <= 10 else (y_max - y_min) / 5)
    right_margin = 130 if len(series) > 1 else 40
    left, top, right = 48, 16, WIDTH - right_margin
    height = 300
    bottom = height - 48
    span_x = max(len(x_labels) - 1, 1)

    def x_at(index):
        if len(x_labels) == 1:
            return (left + right) / 2
        return left + (right - left) * index / span_x

    def y_at(value):
        value = min(max(float(value), y_min), y_max)
        return bottom - (bottom - top) * (value - y_min) / (y_max - y_min)

    drawn = []
    for number, each in enumerate(series):
        points, segments, run = [], [], []
        for index, value in enumerate(each.values):
            if value is None:
                if run:
                    segments.append(run)
                run = []
                continue
            point = Point(round(x_at(index), 1), round(y_at(value), 1), _number(value), x_labels[index])
            points.append(point)
            run.append(point)
        if run:
            segments.append(run)
        drawn.append(
            DrawnSeries(
                name=each.name,
                colour=COLOURS[number % len(COLOURS)],
                marker=MARKERS[number % len(MARKERS)],
                dash=DASHES[number % len(DASHES)],
                points=tuple(points),
                segments=tuple(" ".join(f"{p.x},{p.y}" for p in segment) for segment in segments if len(segment) > 1),
                end=points[-1] if points else None,
            )
        )
    table = Table(
        caption=title,
        head=(x_heading or y_label or "Series", *x_labels),
        rows=tuple((each.name, tuple(_text(v, missing_text) for v in each.values)) for each in series),
    )
    return LineChart(
        title=title,
        description=description or _describe_lines(series, x_labels, y_min, y_max, missing_text),
        table=table,
        width=WIDTH,
        height=height,
        plot=(left, top, right, bottom),
        x_ticks=tuple(Tick(round(x_at(i), 1), label) for i, label in enumerate(x_labels)),
        y_ticks=tuple(Tick(round(y_at(v), 1), str(v)) for v in _ticks(y_min, y_max, y_step)),
        series=tuple(drawn),
        y_label=y_label,
        slug=_slug(title),
    )


def _describe_lines(series, x_labels, y_min, y_max, missing_text):
    parts = [f"A line chart on a scale from {_number(y_min)} to {_number(y_max)}."]
    for each in series:
        shown = [(label, v) for label, v in zip(x_labels, each.values, strict=True) if v is not None]
        if not shown:
            parts.append(f"{each.name}: {missing_text}.")
        elif len(shown) == 1:
            parts.append(f"{each.name}: {_number(shown[0][1])} in {shown[0][0]}.")
        else:
            (first_label, first), (last_label, last) = shown[0], shown[-1]
            parts.append(f"{each.name}: {_number(first)} in {first_label} and {_number(last)} in {last_label}.")
    parts.append("The table has every figure.")
    return " ".join(parts)


def bar_chart(
    title,
    bars,
    *,
    x_max=None,
    unit="",
    description="",
    missing_text=MISSING_TEXT,
    label_heading="",
    value_heading="Number",
):
    """A horizontal bar chart: `bars` is a list of (label, value) pairs, `None` for a value not shown.

    Bars start at nought and are drawn as a share of `x_max` (the largest value when not given); each has its value
    written at its end. The table has a row per bar.
    """
    bars = [(str(label), value) for label, value in bars]
    values = [v for _, v in bars if v is not None]
    x_max = x_max if x_max is not None else max(values, default=0)
    x_max = x_max or 1
    label_width = 200
    left, top, right = label_width, 8, WIDTH - 90
    bar_height, gap = 22, 12
    bottom = top + len(bars) * (bar_height + gap)
    height = bottom + 28
    drawn = []
    for index, (label, value) in enumerate(bars):
        length = 0 if value is None else (right - left) * min(max(float(value), 0), x_max) / x_max
        drawn.append(
            Bar(
                label=label if len(label) <= 30 else label[:29] + "…",
                value=_number(value),
                text=_text(value, missing_text, unit),
                y=top + index * (bar_height + gap),
                length=round(length, 1),
            )
        )
    step = _nice_step(x_max)
    x_ticks = tuple(Tick(round(left + (right - left) * t / x_max, 1), str(t)) for t in _ticks(0, x_max, step))
    table = Table(
        caption=title,
        head=(label_heading or "Group", value_heading),
        rows=tuple((label, (_text(value, missing_text, unit),)) for label, value in bars),
    )
    if not description:
        described = "; ".join(f"{label}: {_text(value, missing_text, unit)}" for label, value in bars)
        description = f"A bar chart. {described}." if bars else "A bar chart with nothing to show yet."
    return BarChart(
        title=title,
        description=description,
        table=table,
        width=WIDTH,
        height=height,
        plot=(left, top, right, bottom),
        bars=tuple(drawn),
        bar_height=bar_height,
        x_ticks=x_ticks,
        colour=COLOURS[0],
        label_width=label_width,
        value_heading=value_heading,
        slug=_slug(title),
    )


def _nice_step(top):
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / step <= 6:
            return step
    return top / 5
