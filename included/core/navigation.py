"""The service navigation: what a person sees in the header depends on their roles, worked out once per request."""

from django.urls import reverse

from included.organisations.models import OrganisationMember
from included.partnerships.enums import PartnershipRole
from included.partnerships.models import Partnership, PartnershipMember

from .permissions import SESSION_ORGANISATION


def _partnership_in_url(request):
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("partnership_slug") if match else None
    return slug


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
        memberships = list(OrganisationMember.objects.filter(user=user).select_related("organisation__partnership"))
        roles = list(PartnershipMember.objects.filter(user=user).select_related("partnership"))
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


def _item(request, label, url):
    path = request.path
    active = path == url or (url != "/" and path.startswith(url))
    return {"label": label, "url": url, "active": active}


def _public_items(request, partnership):
    kwargs = {"partnership_slug": partnership.slug}
    return [
        _item(request, "Register of commitments", reverse("assessments:register", kwargs=kwargs)),
        _item(request, "You said, we did", reverse("coproduction:you_said_we_did", kwargs=kwargs)),
        _item(request, "Frameworks", reverse("frameworks:list", kwargs=kwargs)),
    ]


def _items(request, partnership, organisation, roles):
    items = [_item(request, "Home", reverse("core:home"))]
    if partnership is None:
        return items
    kwargs = {"partnership_slug": partnership.slug}
    if organisation is not None:
        items.append(
            _item(
                request,
                "Your organisation",
                reverse("organisations:home", kwargs=kwargs | {"organisation_slug": organisation.slug}),
            )
        )
    if PartnershipRole.REVIEWER in roles:
        items.append(_item(request, "Your reviews", reverse("assessments:my_reviews", kwargs=kwargs)))
    if PartnershipRole.COORDINATOR in roles:
        items.append(_item(request, "Partnership overview", reverse("assessments:overview", kwargs=kwargs)))
        items.append(_item(request, "Invitations", reverse("partnerships:invitations", kwargs=kwargs)))
        items.append(
            _item(request, "Co-production measures", reverse("coproduction:partnership_measures", kwargs=kwargs))
        )
    if roles & {PartnershipRole.COORDINATOR, PartnershipRole.REVIEWER}:
        items.append(_item(request, "Word lists", reverse("language:word_lists", kwargs=kwargs)))
    items.append(_item(request, "Register", reverse("assessments:register", kwargs=kwargs)))
    items.append(_item(request, "You said, we did", reverse("coproduction:you_said_we_did", kwargs=kwargs)))
    items.append(_item(request, "Frameworks", reverse("frameworks:list", kwargs=kwargs)))
    return items
