"""Every change to a person's goals, steps, break and supporters. Each one checks who is acting first.

Only the person changes their own goals and steps. A supporter only suggests; the person decides. The person's
words are never written into the audit trail.
"""

from django.db import transaction
from django.utils import timezone

from included.access.rules import can_suggest_steps, is_the_person, require
from included.core import audit
from included.core.receipts import create_once

from .enums import SuggestionStatus
from .models import Break, Goal, Step, Suggestion, Supporter

ONLY_THE_PERSON = "Only the person whose steps these are can change them."
ONLY_SUPPORTERS = "Only people at an organisation this person chose can suggest a step."


def add_goal(person, words, *, by, form_token=""):
    """A new goal in the person's own words. The same form sent twice makes one (None if that one was deleted)."""
    require(is_the_person(by, person), ONLY_THE_PERSON)
    with transaction.atomic():
        return create_once(
            form_token, f"steps.goal:{person.pk}", Goal, lambda: Goal.objects.create(person=person, words=words)
        )


def change_goal(goal, words, *, by):
    require(is_the_person(by, goal.person), ONLY_THE_PERSON)
    goal.words = words
    goal.save(update_fields=["words", "updated_at"])
    return goal


def remove_goal(goal, *, by):
    """The goal goes, with its steps. Nothing is kept."""
    require(is_the_person(by, goal.person), ONLY_THE_PERSON)
    goal.delete()


def add_step(goal, words, *, on_date=None, by, form_token=""):
    """A small step towards a goal, with a day in mind or none. The same form sent twice makes one."""
    require(is_the_person(by, goal.person), ONLY_THE_PERSON)
    with transaction.atomic():
        return create_once(
            form_token,
            f"steps.step:{goal.pk}",
            Step,
            lambda: Step.objects.create(goal=goal, words=words, on_date=on_date),
        )


def change_step(step, words, *, on_date=None, by):
    require(is_the_person(by, step.goal.person), ONLY_THE_PERSON)
    step.words = words
    step.on_date = on_date
    step.save(update_fields=["words", "on_date", "updated_at"])
    return step


def mark_done(step, *, by):
    require(is_the_person(by, step.goal.person), ONLY_THE_PERSON)
    if step.done_at is None:
        step.done_at = timezone.now()
        step.save(update_fields=["done_at", "updated_at"])
    return step


def mark_not_done(step, *, by):
    """Undo a "done" pressed by mistake. Nothing counts it."""
    require(is_the_person(by, step.goal.person), ONLY_THE_PERSON)
    step.done_at = None
    step.save(update_fields=["done_at", "updated_at"])
    return step


def remove_step(step, *, by):
    require(is_the_person(by, step.goal.person), ONLY_THE_PERSON)
    step.delete()


def take_break(person, *, by):
    """Pause everything: no suggestions or reminders reach the person until they come back."""
    require(is_the_person(by, person), ONLY_THE_PERSON)
    return Break.objects.get_or_create(person=person)[0]


def come_back(person, *, by):
    """End the break. Nothing remembers that there was one."""
    require(is_the_person(by, person), ONLY_THE_PERSON)
    Break.objects.filter(person=person).delete()


def is_on_break(person):
    return Break.objects.filter(person=person).exists()


def allow_supporter(person, organisation, *, by):
    """Let people at this organisation suggest steps. Asking twice changes nothing."""
    require(is_the_person(by, person), ONLY_THE_PERSON)
    with transaction.atomic():
        supporter, made = Supporter.objects.get_or_create(person=person, organisation=organisation)
        if made:
            audit.record(
                "steps.supporter_allowed",
                actor=by,
                obj=supporter,
                partnership=organisation.partnership,
                summary="{person} let an organisation suggest small steps",
                mentions={"person": person},
            )
    return supporter


def remove_supporter(supporter, *, by):
    """The organisation can no longer suggest steps; its suggestions still waiting go too."""
    require(is_the_person(by, supporter.person), ONLY_THE_PERSON)
    with transaction.atomic():
        audit.record(
            "steps.supporter_removed",
            actor=by,
            partnership=supporter.organisation.partnership,
            summary="{person} stopped an organisation suggesting small steps",
            mentions={"person": supporter.person},
        )
        supporter.delete()


def suggest_step(supporter, words, *, by):
    """A supporter suggests a step. The person sees it and decides; it is never added for them."""
    require(can_suggest_steps(by, supporter), ONLY_SUPPORTERS)
    with transaction.atomic():
        suggestion = Suggestion.objects.create(supporter=supporter, suggested_by=by, words=words)
        audit.record(
            "steps.step_suggested",
            actor=by,
            obj=suggestion,
            partnership=supporter.organisation.partnership,
            summary="{supporter} suggested a small step to {person}",
            mentions={"supporter": by, "person": supporter.person},
        )
    return suggestion


def add_suggested_step(suggestion, goal, *, on_date=None, by):
    """The person takes a suggestion as one of their steps, towards one of their goals."""
    person = suggestion.supporter.person
    require(is_the_person(by, person) and goal.person_id == person.pk, ONLY_THE_PERSON)
    with transaction.atomic():
        step = Step.objects.create(goal=goal, words=suggestion.words, on_date=on_date)
        suggestion.status = SuggestionStatus.ADDED
        suggestion.decided_at = timezone.now()
        suggestion.save(update_fields=["status", "decided_at", "updated_at"])
    return step


def leave_suggestion(suggestion, *, by):
    """The person leaves a suggestion. The supporter is not told why, and need not be."""
    require(is_the_person(by, suggestion.supporter.person), ONLY_THE_PERSON)
    suggestion.status = SuggestionStatus.LEFT
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_at", "updated_at"])
    return suggestion
