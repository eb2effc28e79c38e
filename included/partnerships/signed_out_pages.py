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

A page is kept only if nothing in it can belong to one visitor: no cookie was set, no message was added, and it
answered 200 in full (not streamed). The Content Security Policy's nonce differs for every response: it is kept as
a mark and replaced with this response's own nonce each time the page is served. So are the CSRF tokens of the
page's forms (the word checker's): each visitor gets their own (core/kept_pages.py). A page
whose CSRF token cannot be found in it is not kept.

Most such pages belong to a partnership, and are thrown away when it changes. A page of no partnership (the word
checker at /check-my-words/) is kept only if its view is marked, and goes when what every partnership shows does.
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

from included.core.kept_pages import KeptPages, csrf_tokens_in, kept, may_keep, query_too_long, served
from included.core.public_cache import generations_for

from .models import Partnership

API_ROUTE = "api/"
PAGES = KeptPages()


def forget_kept_pages():
    """Throw away every page this worker keeps (tests start each with none)."""
    PAGES.forget()


def _shared_by_everyone(request, view_func):
    if _marked(view_func):
        return True
    match = request.resolver_match
    return match is not None and match.route.startswith(API_ROUTE)


def _marked(view_func):
    return getattr(view_func, "same_for_everyone_signed_out", False)


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
        if building is None:
            return response
        tokens = ()
        # Django marks every token it hands out; a view that checks CSRF itself has already set the cookie.
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or settings.CSRF_COOKIE_NAME in response.cookies:
            tokens = csrf_tokens_in(response.content, request)
            if not tokens:  # used somewhere this cannot replace it, so the page is this visitor's alone
                return response
        # The CSRF cookie is not kept with the page: each visitor is sent their own with their tokens.
        if not may_keep(request, response, csrf_cookie=bool(tokens)):
            return response
        key, partnership_id, generations = building
        page = kept(response, request, generations, partnership_id, csrf_tokens=tokens)
        PAGES.put(key, page, settings.SIGNED_OUT_PAGE_CACHE_BYTES)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        slug = view_kwargs.get("partnership_slug")
        if not seconds or not settings.SIGNED_OUT_PAGE_CACHE_BYTES or request.method != "GET":
            return None
        if slug is None and not _marked(view_func):
            return None
        if not _shared_by_everyone(request, view_func) or not _signed_out_with_nothing_waiting(request):
            return None
        if query_too_long(request):
            return None
        key = _key(request)
        page = PAGES.get(key)
        if (
            page is not None
            and page.is_younger_than(seconds)
            and generations_for(page.partnership_id) == page.generations
        ):
            return served(page, request)
        partnership_id = None
        if slug is not None:
            partnership_id = Partnership.objects.filter(slug=slug).values_list("pk", flat=True).first()
            if partnership_id is None:
                return None
        # Read before the page is built: a change made while it is built leaves it out of date at once.
        request._building_kept_page = (key, partnership_id, generations_for(partnership_id))
        return None
