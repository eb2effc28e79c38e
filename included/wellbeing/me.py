"""The wellbeing card on a person's hub page, /me/ (see people/registry.py)."""

from django.urls import reverse

from included.people.registry import MeCard

from .models import Answer


def cards(person):
    answered = Answer.objects.filter(person=person).count()
    description = (
        f"You have answered {answered} {'time' if answered == 1 else 'times'}. Only you can see your answers."
        if answered
        else "Four short questions about how you feel, if you want to answer them. Only you see them."
    )
    return [MeCard("Your wellbeing", description, reverse("wellbeing:home"), order=60)]
