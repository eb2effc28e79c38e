"""A person's own goals and the small steps towards them, a break when they want one, and steps a supporter
suggests. What the person writes is encrypted at rest (core/crypto.py): it may say a lot about their health and life.

Nothing here has a deadline: a step may have a day the person has in mind, and a day in the past is just a day.
"""

from django.conf import settings
from django.db import models

from included.core.crypto import EncryptedTextField
from included.core.models import TimeStampedModel

from .enums import SuggestionStatus

WORDS_LIMIT = 500


class GoalQuerySet(models.QuerySet):
    def of(self, person):
        return self.filter(person=person)


class Goal(TimeStampedModel):
    """Something the person wants, in their own words."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals")
    words = EncryptedTextField("Your goal")

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Goal {self.pk}"


class StepQuerySet(models.QuerySet):
    def of(self, person):
        return self.filter(goal__person=person)

    def to_do(self):
        return self.filter(done_at__isnull=True)

    def done(self):
        return self.filter(done_at__isnull=False)


class Step(TimeStampedModel):
    """One small step towards a goal. `on_date` is a day the person has in mind, if any: never a deadline."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    words = EncryptedTextField("Your step")
    on_date = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    objects = StepQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Step {self.pk}"

    @property
    def is_done(self):
        return self.done_at is not None


class Break(models.Model):
    """The person is taking a break from their steps. Only an open break is kept: when they come back, it goes, so
    there is no record of how often or how long anyone rested."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="steps_break")
    started_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Break {self.pk}"


class SupporterQuerySet(models.QuerySet):
    def of(self, person):
        return self.filter(person=person)

    def for_member(self, user):
        """The people who let an organisation this user belongs to suggest steps."""
        return self.filter(organisation__memberships__user=user)


class Supporter(TimeStampedModel):
    """The person lets people at one organisation suggest steps to them. They see the person's name, never the
    person's goals or steps."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="step_supporters")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="step_supporters"
    )

    objects = SupporterQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation"], name="one_supporter_link_per_organisation")
        ]

    def __str__(self):
        return f"Supporter {self.pk}"


class SuggestionQuerySet(models.QuerySet):
    def for_person(self, person):
        return self.filter(supporter__person=person)

    def waiting(self):
        return self.filter(status=SuggestionStatus.WAITING)


class Suggestion(TimeStampedModel):
    """A step a supporter suggests. Only the person adds it to their own steps, or leaves it."""

    supporter = models.ForeignKey(Supporter, on_delete=models.CASCADE, related_name="suggestions")
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="step_suggestions_made"
    )
    words = EncryptedTextField("Suggested step")
    status = models.CharField(max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.WAITING)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=SuggestionStatus.values), name="step_suggestion_status_known"
            )
        ]

    def __str__(self):
        return f"Suggestion {self.pk}"
