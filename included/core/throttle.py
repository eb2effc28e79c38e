"""A small fixed-window rate limit that every web worker shares.

Each person is counted on their own: by their account when signed in, otherwise by the address they come from.
The address comes from `addresses.rate_limit_address`, the same place allauth's sign-in limits read it from, so
behind a proxy one setting (`INCLUDED_TRUSTED_PROXIES`) serves both. It is hashed with the secret key, so the counts
never hold a list of people's IP addresses.

The counts are kept in a database table (`RateCount`), so every worker shares them, and each request is counted
in one statement that adds 1, so many requests sent at the same moment are all counted. Expired counts are removed
now and then as new ones start, and by the daily retention job.
"""

import datetime
import hashlib
import random
import time

from django.conf import settings

from .addresses import rate_limit_address
from .models import RateCount
from .personal_data import register_retention

# Counts outlive their window a little, so a clock a few seconds out between workers never resets one early.
SPARE_SECONDS = 30
MINUTE = 60
# Each new count has this chance of also removing the expired ones, so the table stays small between the daily
# retention runs without a delete on every request.
PURGE_CHANCE = 0.01


def allow(request, scope, *, limit, window_seconds):
    """Count this request towards `scope`. True while this person has made no more than `limit` requests in the
    current window of `window_seconds`; the windows follow the clock (each minute, each hour)."""
    return _count(scope, _who(request), limit=limit, window_seconds=window_seconds)


def allow_person(person, scope, *, limit, window_seconds):
    """The same count for a signed-in person, for code that knows who is acting but has no request (a service)."""
    return _count(scope, f"user:{person.pk}", limit=limit, window_seconds=window_seconds)


def allow_per_minute(request, scope, limit):
    """`allow` for a limit a minute that 0 turns off (as the settings' limits a minute are)."""
    return not limit or allow(request, scope, limit=limit, window_seconds=MINUTE)


def seconds_until_next_window(window_seconds):
    """How long until the current window ends and counts start again: for a Retry-After header."""
    return window_seconds - int(time.time()) % window_seconds


def _count(scope, who, *, limit, window_seconds):
    window = int(time.time() // window_seconds)
    ends = (window + 1) * window_seconds + SPARE_SECONDS
    count = RateCount.objects.add_one(f"{scope}:{who}:{window}", datetime.datetime.fromtimestamp(ends, datetime.UTC))
    if count == 1 and random.random() < PURGE_CHANCE:
        remove_expired_counts(datetime.datetime.fromtimestamp(time.time(), datetime.UTC))
    return count <= limit


@register_retention("Expired rate limit counts removed")
def remove_expired_counts(now):
    return RateCount.objects.expired(now).delete()[0]


def _who(request):
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    address = rate_limit_address(request)
    return "address:" + hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
