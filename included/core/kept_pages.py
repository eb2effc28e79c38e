"""Whole pages kept in a worker's memory and served again: what the page caches for signed-out visitors
(included/partnerships/signed_out_pages.py) and for signed-in people (included/core/signed_in_pages.py) share.

A kept page is the response as it was built: its body, its headers and the view's own Content Security Policy.
The policy's nonce differs for every response, so it is kept as a mark and replaced with this response's own nonce
each time the page is served. Each cache decides which pages it may keep and when one is out of date; both refuse
a page that could hold something meant for one response only (see `may_keep`).

A page's forms carry CSRF tokens made from the secret in one visitor's CSRF cookie. The signed-out cache keeps such
a page with the tokens it was built with noted (`csrf_tokens_in`), and each visitor it is served to gets tokens of
their own in their place, and the cookie to match if they had none (`served`). The signed-in cache keys each page
by the person's CSRF cookie, so it serves the tokens as they were.
"""

import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.middleware import csrf
from django.utils.cache import patch_vary_headers

# Stands in for the response's CSP nonce in a kept page. A page that already holds it is never kept.
NONCE_MARK = b"kept-page-csp-nonce-3f9a1c"
# A page bigger than this is served fresh each time: no page kept comes near it.
MAX_PAGE_BYTES = 512 * 1024
# An address with a longer query string than this is never kept: no filter a person can choose needs one.
MAX_QUERY_CHARACTERS = 500
# Anything in a page that could be a CSRF token: 64 letters and digits, and no more.
_MAYBE_A_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d}(?![A-Za-z0-9])" % csrf.CSRF_TOKEN_LENGTH)


@dataclass(frozen=True)
class KeptPage:
    generations: tuple  # what the cache compares with the current ones before it serves the page again
    kept_at: float
    body: bytes
    headers: tuple
    csp: dict  # a view's own policy (Find help's map adds its tile server), as the CSP middleware reads it
    partnership_id: int | None = None
    csrf_tokens: tuple = ()  # the tokens the page was built with, each replaced by the visitor's own when served

    @property
    def size(self):
        return len(self.body)

    def is_younger_than(self, seconds):
        return time.monotonic() - self.kept_at < seconds


class KeptPages:
    """The pages of one worker, least recently served dropped first once they hold more than `max_bytes`."""

    def __init__(self):
        self._pages = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key, page, max_bytes):
        with self._lock:
            self._drop(key)
            self._pages[key] = page
            self._bytes += page.size
            while self._bytes > max_bytes and self._pages:
                self._drop(next(iter(self._pages)))

    def forget(self):
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    def _drop(self, key):
        old = self._pages.pop(key, None)
        if old is not None:
            self._bytes -= old.size

    def __len__(self):
        return len(self._pages)


def query_too_long(request):
    return len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_CHARACTERS


def may_keep(request, response, *, csrf_cookie=False):
    """False for a response that could hold something meant for it alone, or that is not a whole page. Each cache
    also decides which CSRF tokens a page it keeps may hold; `csrf_cookie` allows the cookie that goes with them."""
    cookies = set(response.cookies) - ({settings.CSRF_COOKIE_NAME} if csrf_cookie else set())
    if request.method != "GET" or response.status_code != 200 or response.streaming or cookies:
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and getattr(storage, "added_new", False):
        return False
    return len(response.content) <= MAX_PAGE_BYTES and NONCE_MARK not in response.content


def csrf_tokens_in(body, request):
    """Every CSRF token in this page that was made from this request's CSRF secret. Django masks the secret
    afresh for each token it hands out, so a page with two forms has two different tokens; each is found by
    unmasking it, which no other run of 64 letters and digits survives."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return ()
    candidates = {match.decode() for match in _MAYBE_A_TOKEN.findall(body)}
    # Django's own unmasking, private but unchanged since tokens were first masked (Django 1.10); the tests of
    # kept pages with forms post each token back, so a change to it fails them.
    return tuple(sorted(token for token in candidates if csrf._unmask_cipher_token(token) == secret))


def kept(response, request, generations, partnership_id=None, csrf_tokens=()):
    body = response.content
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:  # only once something asked for it: a page with no script of its own has none
        body = body.replace(str(nonce).encode(), NONCE_MARK)
    return KeptPage(
        generations=generations,
        kept_at=time.monotonic(),
        body=body,
        headers=tuple(response.headers.items()),
        csp={name: getattr(response, name) for name in ("_csp_config", "_csp_ro_config") if hasattr(response, name)},
        partnership_id=partnership_id,
        csrf_tokens=csrf_tokens,
    )


def served(page, request):
    body = page.body
    if NONCE_MARK in body:  # never in a page as built (`may_keep`), so it stands for the nonce it had
        body = body.replace(NONCE_MARK, str(request._csp_nonce).encode())
    for token in page.csrf_tokens:
        # `get_token` gives this visitor a token from their own secret, and has the cookie set if they had none.
        body = body.replace(token.encode(), csrf.get_token(request).encode())
    response = HttpResponse(body)
    for header, value in page.headers:
        response.headers[header] = value
    for name, value in page.csp.items():
        setattr(response, name, value)
    # As when the page was built: the session middleware said the page differs by cookie, since it read the session.
    patch_vary_headers(response, ["Cookie"])
    return response
