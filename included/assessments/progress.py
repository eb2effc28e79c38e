"""An organisation's ratings across its submitted cycles, as table rows and as a bar chart drawn in SVG."""

from dataclasses import dataclass, field

from .models import AssessmentItem

# Colours with at least 3:1 contrast on white, so each bar stands out; each bar also has its cycle written beside it.
CYCLE_COLOURS = ["#1d70b8", "#00703c", "#912b88", "#d4351c", "#1d4f4a", "#505a5f"]

LABEL_WIDTH = 330
BAR_HEIGHT = 14
BAR_GAP = 4
GROUP_GAP = 16
UNIT = 70  # pixels for one rating level
TOP = 30


@dataclass
class ProgressRow:
    item: object
    ratings: list = field(default_factory=list)  # one per cycle, None where not rated

    @property
    def change(self):
        rated = [r for r in self.ratings if r is not None]
        if len(rated) < 2:
            return None
        return rated[-1] - rated[0]


@dataclass
class Bar:
    x: int
    y: int
    width: int
    height: int
    colour: str
    label: str
    label_x: int
    label_y: int


@dataclass
class Progress:
    cycles: list
    rows: list
    bars: list
    item_labels: list
    width: int
    height: int
    scale_ticks: list


def progress_for(sign_up):
    cycles = list(sign_up.assessments.all())
    framework_items = list(sign_up.framework_version.assessed_items())
    ratings = {
        (assessment_id, item_id): rating
        for assessment_id, item_id, rating in AssessmentItem.objects.filter(
            assessment__in=[c.pk for c in cycles]
        ).values_list("assessment_id", "item_id", "rating")
    }
    rows = [ProgressRow(item=item, ratings=[ratings.get((c.pk, item.pk)) for c in cycles]) for item in framework_items]
    return Progress(cycles=cycles, rows=rows, **_chart(cycles, rows, sign_up.framework_version.scale))


def _chart(cycles, rows, scale):
    bars, labels = [], []
    group_height = max(1, len(cycles)) * (BAR_HEIGHT + BAR_GAP)
    y = TOP
    for row in rows:
        labels.append({"text": f"{row.item.number}. {_short(row.item.title)}", "y": y + group_height // 2})
        for index, rating in enumerate(row.ratings):
            width = (rating or 0) * UNIT
            bar_y = y + index * (BAR_HEIGHT + BAR_GAP)
            text = f"Cycle {cycles[index].number}: {rating if rating else 'not rated'}"
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=bar_y,
                    width=width,
                    height=BAR_HEIGHT,
                    colour=CYCLE_COLOURS[index % len(CYCLE_COLOURS)],
                    label=text,
                    label_x=LABEL_WIDTH + width + 6,
                    label_y=bar_y + BAR_HEIGHT - 2,
                )
            )
        y += group_height + GROUP_GAP
    # The axis starts at nought, where a bar for "not rated" ends, and marks every level of the framework's scale.
    highest = scale[-1]["level"]
    ticks = [{"level": level, "x": LABEL_WIDTH + level * UNIT} for level in [0, *(level["level"] for level in scale)]]
    return {
        "bars": bars,
        "item_labels": labels,
        "width": LABEL_WIDTH + highest * UNIT + 130,
        "height": y + 10,
        "scale_ticks": ticks,
    }


def _short(title, limit=42):
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
