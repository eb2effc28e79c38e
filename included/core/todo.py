"""What an app puts on a person's to-do list. Each app names its provider on its AppConfig as `to_do`.

A provider is a function `provider(user, access)` that returns `ToDo`s: the things waiting for this person in one
partnership, read from `access` (`included.access.rules.Access`: which roles they hold and which organisations they
belong to). It answers in a fixed number of queries, however many things are waiting. The top layer
(`included.www.todo`) gathers every app's provider; apps only declare, and none needs to know about the others.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

# The groups a to-do list shows: each of the person's organisations (`for_organisation`), then these two.
FOR_REVIEWERS = "reviewer"
FOR_COORDINATORS = "coordinator"
# Things in a person's own place (their small steps, say), with or without a partnership. An app names a provider
# `provider(user)` on its AppConfig as `personal_to_do`; these come first, in a group of their own.
FOR_YOU = "you"


def for_organisation(organisation):
    """The group of the things waiting for one organisation."""
    return f"organisation:{organisation.pk}"


@dataclass(frozen=True)
class ToDo:
    """One kind of thing waiting for a person: what it is, how many, since when, and where to go to do it."""

    group: str  # FOR_REVIEWERS, FOR_COORDINATORS, or for_organisation(organisation)
    label: str  # says what to do and how many, in plain words: "Answer 2 challenges from reviewers"
    url: str
    count: int
    waiting_since: datetime.datetime | datetime.date | None = None  # when the oldest of them started waiting
    hint: str = ""  # one more short sentence, if it helps
    order: int = 100  # within its group

    def waiting_words(self, now=None):
        """How long the oldest has waited, in plain words, with no judgement: "waiting 12 days"."""
        if self.waiting_since is None:
            return ""
        return waiting_words(self.waiting_since, now)


def waiting_words(since, now=None):
    now = now or timezone.now()
    if isinstance(since, datetime.datetime):
        days = (timezone.localdate(now) - timezone.localdate(since)).days
    else:
        days = (timezone.localdate(now) - since).days
    if days <= 0:
        return "waiting since today"
    if days == 1:
        return "waiting 1 day"
    return f"waiting {days} days"


def plural(count, one, many):
    """ "1 review" or "3 reviews": the count with the right word."""
    return f"{count} {one if count == 1 else many}"
