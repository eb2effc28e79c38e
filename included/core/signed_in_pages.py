"""Whole pages kept for a signed-in person, served again to them alone until anything in the database changes.

A coordinator's overview, an organisation's home page and the other lists and dashboards marked
`@kept_for_each_person` cost 10 to 40 ms to build. A person comes back to them often (after each thing they do
elsewhere, with the back button, with a reload), and most of the time nothing on them has changed. So this
middleware keeps the page each person was last shown at each address and serves it again while nothing has been
written since it was built.

"Nothing has been written" is checked as bluntly as it can be, so that no change is ever missed: every statement
that writes to the database through Django (a save, a delete, `QuerySet.update`, `bulk_create`, raw SQL) counts,
except writes to the sessions, cache and rate limit tables, which no page shows. Once such a change is committed, a
new "data generation" is set in the shared cache, and every kept page of every person, in every worker, is out of
date. On a busy day that throws pages away often, which costs nothing but the time to build them again; it never
shows an old one. Entries also go after SIGNED_IN_PAGE_CACHE_SECONDS (60 by default), so a page that says "2 days
left" or "overdue" never runs behind the clock for long, and the date is part of the key.

A kept page is served early, straight after the session, the CSRF cookie and the person's sign-in are read, and
before the address is matched to a view: serving it then costs two queries (the session, and the check that nothing
has changed), not the dozen middlewares, the person's row and the address. This is safe because everything those
skipped steps decide on is part of the check. The key holds the session's key and everything in the session (who
is signed in, the hash of their password, how they signed in, whether they used two-step verification), the CSRF
cookie (the page's forms carry a token made from it) and the full address; and a page is served only while nothing
has been written to the database since it was built. So the person's row, their roles and their two-step set-up are
as they were when the page was built, and the checks that let that request through (signed in, account still
active, two-step used, allowed to see the page) would let this one through too. A signed-out session, an expired
one, or one ended from another browser has no session row, so nothing is served for it.

A page is kept only if building it wrote nothing (a page that records who saw something must record each time), left
the session as it was, set no cookie, added no message, and answered 200 in full. A person with a message waiting
gets the page built, to show it.
"""

import hashlib
import json
import logging
import re
import secrets
import threading
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils import timezone

from .kept_pages import KeptPages, kept, may_keep, query_too_long, served
from .models import RateCount

logger = logging.getLogger(__name__)

GENERATION_KEY = "signed-in-page:data-generation"
PAGES = KeptPages()

# A statement that cannot change what a page shows. Anything else that runs is taken as a write. A change to the
# tables themselves (`migrate`) comes with new code, so the servers are restarted and keep no page from before.
_READS = re.compile(
    r"\s*(?:SELECT|SAVEPOINT|RELEASE|ROLLBACK|COMMIT|BEGIN|SET|SHOW|EXPLAIN|PRAGMA|CREATE|ALTER|DROP)\b", re.IGNORECASE
)
_WRITE_TO = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE)
_SESSION_TABLE = "django_session"
_RATE_COUNT_TABLE = RateCount._meta.db_table

_this_thread = threading.local()
_this_process_warned = []  # once is enough: `migrate` on a new server would say it a hundred times


def forget_kept_pages():
    """Throw away every page this worker keeps (tests start each with none)."""
    PAGES.forget()


def writes_so_far():
    """How many writes this thread has made: a page is kept only if the number is the same after it is built."""
    return getattr(_this_thread, "writes", 0)


def data_generation():
    """A short text that changes each time a change to the database is committed (one cache read)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Never set, or dropped from the cache: a new value, so no page kept under an old one is served.
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        value = cache.get(GENERATION_KEY) or "none"
    return value


def _new_generation():
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


def _bump():
    try:
        cache.set(GENERATION_KEY, _new_generation(), timeout=None)
    except DatabaseError as error:
        # The database cache's table is made after `migrate` on a new server, and migrations write. Until it
        # exists no page can be kept either (the generation cannot be read), so there is nothing to throw away.
        if not _this_process_warned:
            logger.warning("Could not set a new data generation: the cache cannot be written (%s).", error)
            _this_process_warned.append(True)


class _BumpAfterCommit:
    """The one new generation a transaction sets once it commits, however many writes it made."""

    def __init__(self):
        self.ran = False

    def __call__(self):
        self.ran = True
        _bump()


def _bump_after_commit(connection):
    pending = getattr(connection, "_included_bump", None)
    # A rolled-back transaction (or savepoint) throws its callback away, so a new one is needed for the next write.
    if pending is None or pending.ran or not any(callback is pending for _, callback, _ in connection.run_on_commit):
        connection._included_bump = pending = _BumpAfterCommit()
        transaction.on_commit(pending, using=connection.alias)


def _shows_on_no_page(sql):
    if _READS.match(sql):
        return True
    table = _WRITE_TO.match(sql)
    return table is not None and table[1] in (_SESSION_TABLE, _RATE_COUNT_TABLE, settings.CACHE_TABLE)


def _note_writes(execute, sql, params, many, context):
    """Installed on every database connection (see `watch_writes`): runs each statement and, if it wrote, makes
    sure a new data generation is set once the write is committed (at once, outside a transaction)."""
    result = execute(sql, params, many, context)
    if not _shows_on_no_page(sql if isinstance(sql, str) else str(sql)):
        _this_thread.writes = writes_so_far() + 1
        connection = context["connection"]
        if connection.in_atomic_block:
            _bump_after_commit(connection)
        else:
            _bump()
    return result


def watch_writes(sender, connection, **kwargs):
    """On `connection_created`: every statement this connection runs goes through `_note_writes`."""
    if _note_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_note_writes)


def _message_waiting(request):
    if CookieStorage.cookie_name in request.COOKIES:
        return True
    return SessionStorage.session_key in request.session


def _csrf_secret_from_cookie(request):
    """True unless the page's CSRF tokens come from a secret made for this response (the person had no CSRF cookie
    yet): the secret in the cookie they sent is part of the key, so a kept page's tokens always match it."""
    secret = request.META.get("CSRF_COOKIE")
    return secret is None or secret == request.COOKIES.get(settings.CSRF_COOKIE_NAME)


def _key(request):
    session = request.session
    parts = (
        session.session_key,
        json.dumps(dict(session.items()), sort_keys=True, default=str),
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        f"{request.scheme}://{request.get_host()}{request.path}?{request.META.get('QUERY_STRING', '')}",
        timezone.localdate().isoformat(),
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _is_on():
    return settings.SIGNED_IN_PAGE_CACHE_BYTES > 0 and settings.SIGNED_IN_PAGE_CACHE_SECONDS > 0


def _key_if_it_may_be_kept(request):
    """The key of the page kept for this request, or None for a request no page is kept for."""
    if request.method != "GET" or not _is_on() or query_too_long(request):
        return None
    session = request.session
    if session.get(SESSION_KEY) is None or session.session_key is None or _message_waiting(request):
        return None
    return _key(request)


class ServeSignedInPageMiddleware:
    """Serves a signed-in person the page they were last shown at this address while nothing has changed (see the
    module's text). It comes straight after Django's AuthenticationMiddleware, and before anything that could add
    to a response what a kept page does not hold (a header, a cookie); `KeepSignedInPageMiddleware` keeps the
    pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _key_if_it_may_be_kept(request)
        if key is not None:
            request._signed_in_page_key = key
            page = PAGES.get(key)
            if page is not None and page.is_younger_than(settings.SIGNED_IN_PAGE_CACHE_SECONDS):
                generation = request._signed_in_page_generation = data_generation()
                if page.generations == (generation,):
                    return served(page, request)
        return self.get_response(request)


class KeepSignedInPageMiddleware:
    """Keeps the page built for a signed-in person by a view marked `@kept_for_each_person`, for
    `ServeSignedInPageMiddleware` to serve again.

    It must come last, after every middleware that may turn a request away or send it elsewhere (sign-in, two-step),
    so that only a page the person was let through to is kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        building = request.__dict__.pop("_building_signed_in_page", None)
        if building is not None:
            key, generation, writes_before = building
            unchanged = writes_so_far() == writes_before and not request.session.modified
            if unchanged and _csrf_secret_from_cookie(request) and may_keep(request, response):
                PAGES.put(key, kept(response, request, (generation,)), settings.SIGNED_IN_PAGE_CACHE_BYTES)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        key = getattr(request, "_signed_in_page_key", None)
        if key is None or not getattr(view_func, "kept_for_each_person", False):
            return None
        if not request.user.is_authenticated:
            return None
        # The generation is read before the page is built (by the serving middleware, if it found an old page): a
        # change committed while it is built leaves it out of date at once.
        generation = getattr(request, "_signed_in_page_generation", None) or data_generation()
        request._building_signed_in_page = (key, generation, writes_so_far())
        return None
