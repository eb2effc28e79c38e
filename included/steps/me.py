"""The small steps card on a person's hub page, /me/ (see people/registry.py)."""

from django.urls import reverse

from included.people.registry import MeCard

from .models import Break, Step


def cards(person):
    if Break.objects.filter(person=person).exists():
        description = "You are taking a break. Come back when you are ready."
    else:
        done = Step.objects.filter(goal__person=person).done().count()
        description = (
            f"You have done {done} small {'step' if done == 1 else 'steps'}. Well done."
            if done
            else "Break a goal into small steps, in your own words."
        )
    return [MeCard("Your small steps", description, reverse("steps:home"), order=50)]
