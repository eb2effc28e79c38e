"""An organisation's ratings across its submitted cycles, as table rows and as bar charts (one per item, drawn by
the shared chart component, `core.charts`)."""

from dataclasses import dataclass, field

from included.core.charts import bar_chart

from .models import AssessmentItem


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
class Progress:
    cycles: list
    rows: list
    highest: int  # the top of the scale: each bar is drawn as a share of it
    levels: list  # 1 to the top of the scale, one gridline each; bars start at nought

    @property
    def charts(self):
        """One bar chart per item, a bar per cycle; the page's table has the same figures."""
        return [
            bar_chart(
                f"{row.item.number}. {row.item.title}",
                [(f"Cycle {cycle.number}", rating) for cycle, rating in zip(self.cycles, row.ratings, strict=True)],
                x_max=self.highest,
                missing_text="not rated",
                label_heading="Cycle",
                value_heading="Rating",
            )
            for row in self.rows
        ]


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
    highest = sign_up.framework_version.scale[-1]["level"]
    return Progress(cycles=cycles, rows=rows, highest=highest, levels=list(range(1, highest + 1)))
