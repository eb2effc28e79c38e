"""The cards this app puts on a person's hub page (see registry.py)."""

from django.urls import reverse

from .models import Fact, SectionView, Share
from .registry import MeCard


def cards(person):
    written = Fact.objects.filter(person=person).count()
    sharing = Share.objects.filter(person=person).current().count()
    looked = SectionView.objects.filter(person=person).count()
    return [
        MeCard(
            "Facts About Me",
            f"You have written {written} of 7 parts." if written else "Say who you are, in your own words.",
            reverse("people:facts"),
            order=10,
        ),
        MeCard(
            "What you share",
            f"You share with {sharing} {'group' if sharing == 1 else 'groups'} now."
            if sharing
            else "You share nothing now. Everything is private.",
            reverse("people:shares"),
            order=20,
        ),
        MeCard(
            "Who looked",
            f"{looked} {'time' if looked == 1 else 'times'} someone read what you shared." if looked else "Nobody yet.",
            reverse("people:looked"),
            order=30,
        ),
        MeCard("My one page profile", "A page to print and take with you.", reverse("people:one_page"), order=40),
    ]
