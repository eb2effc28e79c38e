"""An optional map of the places in "Find help", added by JavaScript on top of the list, which stays the content.

There is a map only when the deployer names a tile server (`DIRECTORY_MAP_TILES_URL`, with its attribution in
`DIRECTORY_MAP_ATTRIBUTION`) and at least one place on the page has coordinates. Leaflet is ours (built from npm
into our static files); the tile server is the only other site the page may load from, and only images, only on
the pages that show a map.
"""

import copy
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.views.decorators.csp import csp_override


def tiles_url():
    """The tile URL template, or "" when it is missing or not a web address we can allow precisely."""
    url = (getattr(settings, "DIRECTORY_MAP_TILES_URL", "") or "").strip()
    return url if tile_source(url) else ""


def tile_source(url):
    """The CSP source for a tile URL template: scheme and host, with Leaflet's {s} sub-domains as a wildcard."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = parts.netloc
    if host.startswith("{s}."):
        host = "*." + host.removeprefix("{s}.")
    if parts.scheme not in ("https", "http") or not host or any(c in host for c in "{}@ ;,'\""):
        return None
    return f"{parts.scheme}://{host}"


def map_csp():
    """The site's CSP with the tile server's host added to img-src, and nothing else changed."""
    config = copy.deepcopy(settings.SECURE_CSP)
    config["img-src"] = [*config.get("img-src", []), tile_source(tiles_url())]
    return config


def allow_tiles(request, response):
    """Lets this one response load images from the tile server, with Django's own per-view CSP override."""
    return csp_override(map_csp())(lambda _request: response)(request)


def map_points(partnership, services):
    """One point per place with coordinates: where it is, its name, and the service it links to."""
    points = []
    for service in services:
        url = reverse(
            "directory:public_service", kwargs={"partnership_slug": partnership.slug, "service_id": service.pk}
        )
        for place in service.places.all():
            location = place.location
            if location.latitude is None or location.longitude is None:
                continue
            points.append(
                {
                    "lat": float(location.latitude),
                    "lng": float(location.longitude),
                    "service": service.name,
                    "place": location.name,
                    "url": url,
                }
            )
    return points


def map_for(partnership, services):
    """What the page's map needs, or None when there is to be no map at all."""
    url = tiles_url()
    if not url:
        return None
    points = map_points(partnership, services)
    if not points:
        return None
    return {"tiles": url, "attribution": getattr(settings, "DIRECTORY_MAP_ATTRIBUTION", "") or "", "points": points}
