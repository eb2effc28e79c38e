"""The service navigation and "where am I": worked out once per request from what each app declares.

Each app lists its entries as `navigation` on its AppConfig (see `included.core.navigation.NavEntry`); this module,
on the top floor, gathers them and keeps the ones the person's roles allow.
"""

from functools import cache

from django.apps import apps
from django.urls import reverse

from included.access.requests import SESSION_ORGANISATION, roles_and_memberships
from included.core.navigation import NavEntry
from included.partnerships.models import Partnership

HOME = NavEntry("Home", "www:home", order=0)
YOUR_ORGANISATION = NavEntry("Your organisation", "www:organisation_home", order=10)


@cache
def declared_entries():
    """Every app's navigation entries, in the order they appear."""
    entries = [entry for config in apps.get_app_configs() for entry in getattr(config, "navigation", ())]
    return sorted(entries, key=lambda entry: entry.order)


def navigation_for(request):
    if "_included_navigation" in request.__dict__:
        return request._included_navigation
    user = getattr(request, "user", None)
    context = {
        "current_partnership": None,
        "current_organisation": None,
        "my_organisations": [],
        "nav_items": [],
        "my_roles": set(),
    }
    slug = _partnership_in_url(request)
    if user is not None and user.is_authenticated:
        memberships, roles = roles_and_memberships(request)
        context["my_organisations"] = [m.organisation for m in memberships]
        chosen = request.session.get(SESSION_ORGANISATION)
        current = next((m.organisation for m in memberships if m.organisation_id == chosen), None)
        if current is None and memberships:
            current = memberships[0].organisation
        partnership = None
        if slug:
            partnership = next((r.partnership for r in roles if r.partnership.slug == slug), None) or next(
                (m.organisation.partnership for m in memberships if m.organisation.partnership.slug == slug), None
            )
        if partnership is None and current is not None:
            partnership = current.partnership
        if partnership is None and roles:
            partnership = roles[0].partnership
        if current is not None and partnership is not None and current.partnership_id != partnership.pk:
            current = next(
                (m.organisation for m in memberships if m.organisation.partnership_id == partnership.pk), None
            )
        context["current_organisation"] = current
        context["current_partnership"] = partnership
        my_roles = {r.role for r in roles if partnership and r.partnership_id == partnership.pk}
        context["my_roles"] = my_roles
        context["nav_items"] = _items(request, partnership, current, my_roles)
    elif slug:
        context["current_partnership"] = Partnership.objects.filter(slug=slug).first()
        if context["current_partnership"]:
            context["nav_items"] = _public_items(request, context["current_partnership"])
    request._included_navigation = context
    return context


def navigation(request):
    """Context processor: the navigation and the current partnership and organisation, for every page."""
    return navigation_for(request)


def _partnership_in_url(request):
    match = getattr(request, "resolver_match", None)
    return match.kwargs.get("partnership_slug") if match else None


def _item(request, label, url):
    path = request.path
    active = path == url or (url != "/" and path.startswith(url))
    return {"label": label, "url": url, "active": active}


def _public_items(request, partnership):
    kwargs = {"partnership_slug": partnership.slug}
    return [
        _item(request, entry.public_label, reverse(entry.url_name, kwargs=kwargs))
        for entry in declared_entries()
        if entry.public_label
    ]


def _items(request, partnership, organisation, roles):
    items = [_item(request, HOME.label, reverse(HOME.url_name))]
    personal = [_item(request, e.label, reverse(e.url_name)) for e in declared_entries() if e.personal]
    if partnership is None:
        return items + personal
    kwargs = {"partnership_slug": partnership.slug}
    if organisation is not None:
        url = reverse(YOUR_ORGANISATION.url_name, kwargs=kwargs | {"organisation_slug": organisation.slug})
        items.append(_item(request, YOUR_ORGANISATION.label, url))
    for entry in declared_entries():
        if entry.is_for(roles):
            items.append(_item(request, entry.label, reverse(entry.url_name, kwargs=kwargs)))
    return items + personal
