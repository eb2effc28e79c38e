"""What small steps put on the person's own to-do list (`personal_to_do`, see `included.core.todo`): steps that a
supporter suggested and the person has not looked at yet. Nothing while they are taking a break, and no "waiting
N days": a suggestion is an offer, not a task. Two queries."""

from django.urls import reverse

from included.core.todo import FOR_YOU, ToDo, plural

from .models import Break, Suggestion


def to_do(person):
    if Break.objects.filter(person=person).exists():
        return []
    waiting = Suggestion.objects.for_person(person).waiting().count()
    if not waiting:
        return []
    return [
        ToDo(
            group=FOR_YOU,
            label=f"{plural(waiting, 'step', 'steps')} suggested for you",
            url=reverse("steps:home") + "#suggestions",
            count=waiting,
            hint="Add it to your steps if you want it, or leave it. It is up to you.",
            order=10,
        )
    ]
