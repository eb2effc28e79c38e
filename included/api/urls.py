"""The public, read-only API at /api/, described by one OpenAPI 3.1 document at /api/openapi.json.

Each feature app that publishes data keeps its own `ninja.Router` in its `api.py`; this module only mounts them, so
the API sits on the top floor beside `www`. Everything here is public data, so no view asks anyone to sign in, and
cross-site reads are allowed on /api/ only (`CORS_URLS_REGEX` in the settings).
"""

from django.urls import path
from ninja import NinjaAPI

from .limits import EachVisitorPerMinute

api = NinjaAPI(
    title="Included public data",
    version="1",
    description=(
        "Read-only public data from Included partnerships. Every figure about people or organisations is "
        "published only when enough of them are counted that nobody can be picked out."
    ),
    urls_namespace="api",
    # Django Ninja's interactive page loads scripts from another site, which our content security policy refuses.
    docs_url=None,
    openapi_url="/openapi.json",
    throttle=EachVisitorPerMinute(),
)
api.add_router("/", "included.opendata.api.router")

api.add_router("/openreferral/", "included.directory.api.router")

api.add_router("/grants/", "included.commissioning.api.router")


def _public(patterns):
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns


urlpatterns = [path("api/", api.urls)]
_public(urlpatterns[0].url_patterns)
