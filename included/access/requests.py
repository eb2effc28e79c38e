"""The access rules as views use them: read once per request, with a 404 where a 403 would tell too much."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .rules import access_from, memberships_of, require, roles_and_memberships_of

SESSION_ORGANISATION = "current_organisation_id"


def roles_and_memberships(request):
    """`rules.roles_and_memberships_of` the signed-in person, read once per request: `access_for` and the
    navigation share them, so a page reads a person's roles in two queries, not four."""
    if "_included_roles" not in request.__dict__:
        request._included_roles = roles_and_memberships_of(request.user)
    return request._included_roles


def access_for(request, partnership):
    """`access_in` for the signed-in person, worked out once per request and partnership."""
    cache = request.__dict__.setdefault("_included_access", {})
    if partnership.pk not in cache:
        cache[partnership.pk] = access_from(partnership, *roles_and_memberships(request))
    return cache[partnership.pk]


def require_coordinator(request, partnership):
    access = access_for(request, partnership)
    require(access.is_coordinator, "Only the partnership's coordinators can see this page.")
    return access


def require_reviewer(request, partnership):
    access = access_for(request, partnership)
    require(access.is_reviewer, "Only lived-experience reviewers can see this page.")
    return access


def organisation_for_member(request, partnership, organisation_slug, *, admin=False):
    """The organisation, if the person belongs to it. Anyone else gets a 404: they learn nothing."""
    organisation = get_object_or_404(partnership.organisations, slug=organisation_slug)
    access = access_for(request, partnership)
    if not access.is_member_of(organisation):
        raise Http404("No such organisation")
    if admin:
        require(access.is_admin_of(organisation), "Only your organisation's admins can do this.")
    remember_organisation(request, organisation)
    return organisation


def remember_organisation(request, organisation):
    if request.session.get(SESSION_ORGANISATION) != organisation.pk:
        request.session[SESSION_ORGANISATION] = organisation.pk


def current_organisation(request):
    """The organisation the person is acting for: the one they chose last, or their first."""
    memberships = list(memberships_of(request.user))
    if not memberships:
        return None
    chosen = request.session.get(SESSION_ORGANISATION)
    for membership in memberships:
        if membership.organisation_id == chosen:
            return membership.organisation
    return memberships[0].organisation
