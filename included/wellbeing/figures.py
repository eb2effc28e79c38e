"""The partnership's wellbeing figures: only about many people at once, only from answers people chose to count.

Each person counts once, with their newest counted answer. Every figure goes through the shared small-number
suppression (core/suppression.py) with at least MIN_PEOPLE people behind it; with fewer people in all, nothing is
shown but that there are too few.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from included.core import suppression

from .models import Answer
from .questions import QUESTIONS

MIN_PEOPLE = 10
HIDDEN = None


@dataclass(frozen=True)
class QuestionFigures:
    question: object
    average: Decimal | None
    average_band: object
    band_counts: list  # (band, number of people or HIDDEN), in the question's band order
    hidden_because: list  # a reason for each band count, "" when shown


@dataclass(frozen=True)
class PartnershipFigures:
    people: int
    enough_people: bool
    questions: list


def newest_counted_answers(partnership):
    """Each person's newest answer they chose to count, for everyone who takes part in the partnership."""
    takes_part = Q(person__organisation_memberships__organisation__partnership=partnership) | Q(
        person__partnership_roles__partnership=partnership
    )
    people = Answer.objects.filter(takes_part).values("person_id")
    answers = Answer.objects.filter(person_id__in=people, counts_in_partnership_figures=True).order_by(
        "person_id", "answered_at", "pk"
    )
    newest = {}
    for answer in answers:
        newest[answer.person_id] = answer
    return list(newest.values())


def _average(scores):
    if not scores:
        return None
    return (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def figures_from(answers, *, k=MIN_PEOPLE):
    """Pure: the figures for these answers (one per person)."""
    people = len(answers)
    enough = people >= k
    counts = [
        [sum(1 for a in answers if band.holds(getattr(a, q.key))) for band in q.bands] + [people] for q in QUESTIONS
    ]
    hidden = suppression.suppress(counts, k=k, row_totals=True)
    questions = []
    for row, question in enumerate(QUESTIONS):
        average = _average([getattr(a, question.key) for a in answers]) if enough else None
        band_counts, reasons = [], []
        for column, band in enumerate(question.bands):
            reason = hidden.reason(row, column) if enough else suppression.TOO_FEW
            band_counts.append((band, HIDDEN if reason else counts[row][column]))
            reasons.append(reason or "")
        questions.append(
            QuestionFigures(
                question=question,
                average=average,
                average_band=question.band_of_average(average),
                band_counts=band_counts,
                hidden_because=reasons,
            )
        )
    return PartnershipFigures(people=people, enough_people=enough, questions=questions)


def partnership_figures(partnership):
    return figures_from(newest_counted_answers(partnership))
