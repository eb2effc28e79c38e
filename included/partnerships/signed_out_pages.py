"""Whole public pages, kept for signed-out visitors.

A partnership's public pages (the register, "You said, we did", the frameworks, the impact dashboard, Find help,
the stories, the open data and the API) show every signed-out visitor the same thing. Their content is already
cached (included/core/public_cache.py), but building the page around it still cost more than serving the page
again. So for a visitor with no session and no messages waiting, this middleware keeps the whole response of a view
marked `@same_for_everyone_signed_out` (and of every GET of the public API under a partnership) and serves it again
while the partnership's public generation is unchanged. Every change that bumps the generation throws the kept
pages away, just as it does their content; entries also go after PUBLIC_PAGE_CACHE_SECONDS.

Pages are kept in each worker's memory, not in the shared cache: a page is quick to build once its content is
cached, and reading it back from the database cache would cost about as much. Only the generation check reads the
shared cache (one query), so a change in one worker is seen by every other at once.

A page is kept only if nothing in it can belong to one visitor: no CSRF token was used, no cookie was set, no
message was added, and it answered 200 in full (not streamed). The Content Security Policy's nonce differs for
every response: it is kept as a mark and replaced with this response's own nonce each time the page is served.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from included.core.public_cache import generations_for

from .models import Partnership

# Stands in for the response's CSP nonce in a kept page. A page that already holds it is never kept.
NONCE_MARK = b"kept-page-csp-nonce-3f9a1c"
# A page bigger than this is served fresh each time: none of the public pages comes near it.
MAX_PAGE_BYTES = 512 * 1024
# An address with a longer query string than this is never kept: no filter a person can choose needs one.
MAX_QUERY_CHARACTERS = 500
API_ROUTE = "api/"


@dataclass(frozen=True)
class KeptPage:
    partnership_id: int
    generations: tuple
    kept_at: float
    body: bytes
    headers: tuple
    csp: dict  # a view's own policy (Find help's map adds its tile server), as the CSP middleware reads it

    @property
    def size(self):
        return len(self.body)


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


PAGES = KeptPages()


def forget_kept_pages():
    """Throw away every page this worker keeps (tests start each with none)."""
    PAGES.forget()


def _shared_by_everyone(request, view_func):
    if getattr(view_func, "same_for_everyone_signed_out", False):
        return True
    match = request.resolver_match
    return match is not None and match.route.startswith(API_ROUTE)


def _signed_out_with_nothing_waiting(request):
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _key(request):
    address = f"{request.scheme}://{request.get_host()}{request.path}?{request.META.get('QUERY_STRING', '')}"
    return hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()


def _may_keep(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token, which is the visitor's own
    storage = getattr(request, "_messages", None)
    if storage is not None and getattr(storage, "added_new", False):
        return False
    return len(response.content) <= MAX_PAGE_BYTES and NONCE_MARK not in response.content


def _kept(response, request, partnership_id, generations):
    body = response.content
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:  # only once something asked for it: a page with no script of its own has none
        body = body.replace(str(nonce).encode(), NONCE_MARK)
    return KeptPage(
        partnership_id=partnership_id,
        generations=generations,
        kept_at=time.monotonic(),
        body=body,
        headers=tuple(response.headers.items()),
        csp={name: getattr(response, name) for name in ("_csp_config", "_csp_ro_config") if hasattr(response, name)},
    )


def _served(page, request):
    body = page.body
    if NONCE_MARK in body:  # never in a page as built (_may_keep), so it stands for the nonce it had
        body = body.replace(NONCE_MARK, str(request._csp_nonce).encode())
    response = HttpResponse(body)
    for header, value in page.headers:
        response.headers[header] = value
    for name, value in page.csp.items():
        setattr(response, name, value)
    # As when the page was built: the session middleware said the page differs by cookie, since it read the session.
    patch_vary_headers(response, ["Cookie"])
    return response


class SignedOutPageCacheMiddleware:
    """Serves a kept public page to a signed-out visitor, and keeps the pages it builds (see the module's text).

    It must come after every middleware that may turn a request away or send it elsewhere (sign-in, two-step), so
    that only a request that would have reached the view is answered from a kept page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        building = getattr(request, "_building_kept_page", None)
        if building is not None and _may_keep(request, response):
            key, partnership_id, generations = building
            PAGES.put(key, _kept(response, request, partnership_id, generations), settings.SIGNED_OUT_PAGE_CACHE_BYTES)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        slug = view_kwargs.get("partnership_slug")
        if not seconds or not settings.SIGNED_OUT_PAGE_CACHE_BYTES or slug is None or request.method != "GET":
            return None
        if not _shared_by_everyone(request, view_func) or not _signed_out_with_nothing_waiting(request):
            return None
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_CHARACTERS:
            return None
        key = _key(request)
        page = PAGES.get(key)
        fresh = page is not None and time.monotonic() - page.kept_at < seconds
        if fresh and generations_for(page.partnership_id) == page.generations:
            return _served(page, request)
        partnership_id = Partnership.objects.filter(slug=slug).values_list("pk", flat=True).first()
        if partnership_id is None:
            return None
        # Read before the page is built: a change made while it is built leaves it out of date at once.
        request._building_kept_page = (key, partnership_id, generations_for(partnership_id))
        return None
