"""A small fixed-window rate limit, kept in the cache so every web worker shares it when the cache is shared.

Each person is counted on their own: by their account when signed in, otherwise by the address they come from.
The address comes from `addresses.rate_limit_address`, the same place allauth's sign-in limits read it from, so
behind a proxy one setting (`INCLUDED_TRUSTED_PROXIES`) serves both. It is hashed with the secret key, so the cache
never holds a list of people's IP addresses. In production the cache is a database table every worker shares
(docs/deployment.md).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from .addresses import rate_limit_address

# Counts outlive their window a little, so a clock a few seconds out between workers never resets one early.
SPARE_SECONDS = 30
MINUTE = 60


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
    key = f"throttle:{scope}:{who}:{window}"
    timeout = window_seconds + SPARE_SECONDS
    # Adding 1 to a count that is there is the usual case, so it is tried first: with the database cache, each step
    # here is several queries, and a limit is counted on every request it guards.
    try:
        count = cache.incr(key)
    except ValueError:
        if cache.add(key, 1, timeout=timeout):
            return True
        count = cache.incr(key)  # another worker started the count just now
    # Some caches (the database cache among them) give the key their default timeout again on incr. Where that is
    # shorter than the window it would quietly reset the count, so the key gets its own timeout back.
    if cache.default_timeout is not None and cache.default_timeout < timeout:
        cache.touch(key, timeout)
    return count <= limit


def _who(request):
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    address = rate_limit_address(request)
    return "address:" + hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
