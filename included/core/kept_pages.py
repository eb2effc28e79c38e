"""Whole pages kept in a worker's memory and served again: what the page caches for signed-out visitors
(included/partnerships/signed_out_pages.py) and for signed-in people (included/core/signed_in_pages.py) share.

A kept page is the response as it was built: its body, its headers and the view's own Content Security Policy.
The policy's nonce differs for every response, so it is kept as a mark and replaced with this response's own nonce
each time the page is served. Each cache decides which pages it may keep and when one is out of date; both refuse
a page that could hold something meant for one response only (see `may_keep`).
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

# Stands in for the response's CSP nonce in a kept page. A page that already holds it is never kept.
NONCE_MARK = b"kept-page-csp-nonce-3f9a1c"
# A page bigger than this is served fresh each time: no page kept comes near it.
MAX_PAGE_BYTES = 512 * 1024
# An address with a longer query string than this is never kept: no filter a person can choose needs one.
MAX_QUERY_CHARACTERS = 500


@dataclass(frozen=True)
class KeptPage:
    generations: tuple  # what the cache compares with the current ones before it serves the page again
    kept_at: float
    body: bytes
    headers: tuple
    csp: dict  # a view's own policy (Find help's map adds its tile server), as the CSP middleware reads it
    partnership_id: int | None = None

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


def may_keep(request, response):
    """False for a response that could hold something meant for it alone, or that is not a whole page. Each cache
    also decides which CSRF tokens a page it keeps may hold."""
    if request.method != "GET" or response.status_code != 200 or response.streaming or response.cookies:
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and getattr(storage, "added_new", False):
        return False
    return len(response.content) <= MAX_PAGE_BYTES and NONCE_MARK not in response.content


def kept(response, request, generations, partnership_id=None):
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
    )


def served(page, request):
    body = page.body
    if NONCE_MARK in body:  # never in a page as built (`may_keep`), so it stands for the nonce it had
        body = body.replace(NONCE_MARK, str(request._csp_nonce).encode())
    response = HttpResponse(body)
    for header, value in page.headers:
        response.headers[header] = value
    for name, value in page.csp.items():
        setattr(response, name, value)
    # As when the page was built: the session middleware said the page differs by cookie, since it read the session.
    patch_vary_headers(response, ["Cookie"])
    return response
