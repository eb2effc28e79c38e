"""An organisation's own benchmark: its latest rating of each item beside the rest of the partnership's.

The others' figures (their middle rating and the range of the middle half) are shown only where at least k other
organisations rated the item (k is the partnership's `suppression_k`), so no other organisation's rating can be
picked out. The organisation's own rating is its own to see.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from included.assessments.models import Assessment

from . import dashboard
from .tables import is_shown


@dataclass(frozen=True)
class Comparison:
    item: object
    own: int | None
    others: int  # how many other organisations rated it: used to decide, never shown
    middle: float | None = None
    lower: float | None = None
    upper: float | None = None

    @property
    def shown(self):
        return self.middle is not None

    @property
    def position(self):
        if self.own is None or self.middle is None:
            return ""
        if self.own > self.upper:
            return "Above most others"
        if self.own < self.lower:
            return "Below most others"
        return "Among most others"


def _number(value):
    return int(value) if float(value).is_integer() else round(float(value), 1)


def benchmarks_for(organisation):
    """For each framework the organisation submitted a cycle against: its comparison with the others, item by item."""
    partnership = organisation.partnership
    k = partnership.suppression_k
    versions = (
        Assessment.objects.filter(organisation=organisation)
        .submitted()
        .values_list("sign_up__framework_version", flat=True)
        .distinct()
    )
    found = []
    for version in dashboard.versions_with_cycles(partnership):
        if version.pk not in set(versions):
            continue
        # The database counts the others' ratings: no other organisation's row comes into Python.
        answers = dashboard.latest_answers(partnership, version).filter(rating__isnull=False)
        own = dict(answers.filter(assessment__organisation=organisation).values_list("item_id", "rating"))
        others = defaultdict(list)
        for item_id, rating, count in (
            answers.exclude(assessment__organisation=organisation)
            .values_list("item_id", "rating")
            .annotate(count=Count("pk"))
            .order_by("item_id", "rating")
        ):
            others[item_id] += [rating] * count
        comparisons = []
        for item in version.assessed_items():
            theirs = others[item.pk]
            if len(theirs) >= 2 and is_shown(len(theirs), k):
                lower, middle, upper = statistics.quantiles(theirs, n=4, method="inclusive")
                comparisons.append(
                    Comparison(item, own.get(item.pk), len(theirs), _number(middle), _number(lower), _number(upper))
                )
            else:
                comparisons.append(Comparison(item, own.get(item.pk), len(theirs)))
        found.append((version, comparisons))
    return found
