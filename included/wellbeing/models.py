"""A person's own answers to the ONS wellbeing questions. Each score is encrypted at rest on its own
(core/crypto.py): wellbeing is health information. Nobody but the person sees their answers; the partnership
sees only figures about many people at once, and only from answers the person chose to count."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from included.core.crypto import EncryptedIntegerField

from .questions import QUESTIONS


class AnswerQuerySet(models.QuerySet):
    def of(self, person):
        return self.filter(person=person)


class Answer(models.Model):
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wellbeing_answers")
    answered_at = models.DateTimeField(default=timezone.now)
    life_satisfaction = EncryptedIntegerField()
    worthwhile = EncryptedIntegerField()
    happy = EncryptedIntegerField()
    anxious = EncryptedIntegerField()
    # The person's choice, answer by answer: may these numbers be part of the partnership's figures, without a name?
    counts_in_partnership_figures = models.BooleanField(default=False)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["answered_at", "pk"]

    def __str__(self):
        return f"Wellbeing answer {self.pk}"

    @property
    def scores(self):
        """(question, score, band) for each question, in the order ONS asks them."""
        return [(q, getattr(self, q.key), q.band(getattr(self, q.key))) for q in QUESTIONS]
