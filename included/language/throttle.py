"""A small fixed-window rate limit, kept in the cache so every worker shares it when the cache is shared."""

import time

from django.core.cache import cache


def allow(request, scope, *, per_minute):
    """True while this person (or, signed out, this address) has made fewer than `per_minute` requests in the
    current minute for `scope`."""
    if request.user.is_authenticated:
        who = f"user:{request.user.pk}"
    else:
        who = f"address:{request.META.get('REMOTE_ADDR', '')}"
    window = int(time.time() // 60)
    key = f"language:throttle:{scope}:{who}:{window}"
    if cache.add(key, 1, timeout=90):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=90)
        return True
    return count <= per_minute


def seconds_until_next_window():
    return 60 - int(time.time()) % 60
