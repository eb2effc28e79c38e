"""The ONS personal wellbeing questions ("ONS4") and the thresholds ONS publishes for them, as plain facts.

The questions and thresholds are from the Office for National Statistics, under the Open Government Licence v3.0.
Nothing here touches the database.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

SCALE = range(0, 11)


@dataclass(frozen=True)
class Band:
    label: str
    lowest: int
    highest: int

    def holds(self, score):
        return self.lowest <= score <= self.highest


POSITIVE_BANDS = (Band("Low", 0, 4), Band("Medium", 5, 6), Band("High", 7, 8), Band("Very high", 9, 10))
ANXIETY_BANDS = (Band("Very low", 0, 1), Band("Low", 2, 3), Band("Medium", 4, 5), Band("High", 6, 10))


@dataclass(frozen=True)
class Question:
    key: str
    short: str
    text: str
    bands: tuple
    reading: str  # what a higher number means, in plain words

    def band(self, score):
        if score is None:
            return None
        return next(band for band in self.bands if band.holds(score))

    def band_of_average(self, average):
        """The band an average falls in once rounded to a whole number, halves up."""
        if average is None:
            return None
        return self.band(int(Decimal(str(average)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)))


QUESTIONS = (
    Question(
        "life_satisfaction",
        "Life satisfaction",
        "Overall, how satisfied are you with your life nowadays?",
        POSITIVE_BANDS,
        "A higher number means you feel more satisfied.",
    ),
    Question(
        "worthwhile",
        "Worthwhile",
        "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
        POSITIVE_BANDS,
        "A higher number means the things you do feel more worthwhile.",
    ),
    Question(
        "happy",
        "Happy yesterday",
        "Overall, how happy did you feel yesterday?",
        POSITIVE_BANDS,
        "A higher number means you felt happier.",
    ),
    Question(
        "anxious",
        "Anxious yesterday",
        "Overall, how anxious did you feel yesterday?",
        ANXIETY_BANDS,
        "Here it is the other way round: a lower number means you felt calmer.",
    ),
)
QUESTION_KEYS = tuple(question.key for question in QUESTIONS)


def describe_bands(question):
    return ", ".join(f"{band.lowest} to {band.highest} is {band.label.lower()}" for band in question.bands)
