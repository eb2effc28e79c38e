"""How fresh a service's details are: 1 when checked in the last six months, falling evenly to 0 at two years.

People lose trust in a directory that sends them to a closed door, so search puts the freshest first and owners are
asked to check their services once the details pass six months.
"""

import datetime

from django.utils import timezone

FRESH_DAYS = 182
STALE_DAYS = 730


def freshness(last_checked_on, today=None):
    """The score from 0 to 1. A service never checked scores 0."""
    if last_checked_on is None:
        return 0.0
    today = today or timezone.localdate()
    age = (today - last_checked_on).days
    if age <= FRESH_DAYS:
        return 1.0
    if age >= STALE_DAYS:
        return 0.0
    return round(1 - (age - FRESH_DAYS) / (STALE_DAYS - FRESH_DAYS), 2)


def fresh_since(today=None):
    """Services checked on or after this day score 1."""
    return (today or timezone.localdate()) - datetime.timedelta(days=FRESH_DAYS)


def needs_checking(last_checked_on, today=None):
    return freshness(last_checked_on, today) < 1
