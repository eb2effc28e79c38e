"""Who may do what. Every view asks here before it does any work; nothing is decided in templates."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from included.organisations.enums import MemberRole
from included.organisations.models import Organisation, OrganisationMember
from included.partnerships.enums import PartnershipRole
from included.partnerships.models import Partnership, PartnershipMember

SESSION_ORGANISATION = "current_organisation_id"


@dataclass
class Access:
    """What one signed-in person may do in one partnership."""

    partnership: Partnership
    is_coordinator: bool = False
    is_reviewer: bool = False
    memberships: list = field(default_factory=list)

    @property
    def organisations(self):
        return [m.organisation for m in self.memberships]

    def membership_of(self, organisation):
        for membership in self.memberships:
            if membership.organisation_id == organisation.pk:
                return membership
        return None

    def is_member_of(self, organisation):
        return self.membership_of(organisation) is not None

    def is_admin_of(self, organisation):
        membership = self.membership_of(organisation)
        return membership is not None and membership.role == MemberRole.ADMIN

    @property
    def takes_part(self):
        return self.is_coordinator or self.is_reviewer or bool(self.memberships)


def access_for(request, partnership):
    cache = request.__dict__.setdefault("_included_access", {})
    if partnership.pk in cache:
        return cache[partnership.pk]
    user = request.user
    access = Access(partnership=partnership)
    if user.is_authenticated:
        roles = set(PartnershipMember.objects.filter(partnership=partnership, user=user).values_list("role", flat=True))
        access.is_coordinator = PartnershipRole.COORDINATOR in roles
        access.is_reviewer = PartnershipRole.REVIEWER in roles
        access.memberships = list(
            OrganisationMember.objects.filter(user=user, organisation__partnership=partnership).select_related(
                "organisation"
            )
        )
    cache[partnership.pk] = access
    return access


def partnership_from_slug(slug):
    return get_object_or_404(Partnership, slug=slug)


def require_coordinator(request, partnership):
    access = access_for(request, partnership)
    if not access.is_coordinator:
        raise PermissionDenied("Only the partnership's coordinators can see this page.")
    return access


def require_reviewer(request, partnership):
    access = access_for(request, partnership)
    if not access.is_reviewer:
        raise PermissionDenied("Only lived-experience reviewers can see this page.")
    return access


def organisation_for_member(request, partnership, organisation_slug, *, admin=False):
    """The organisation, if the person belongs to it. Anyone else gets a 404: they learn nothing."""
    organisation = get_object_or_404(Organisation, partnership=partnership, slug=organisation_slug)
    access = access_for(request, partnership)
    if not access.is_member_of(organisation):
        raise Http404("No such organisation")
    if admin and not access.is_admin_of(organisation):
        raise PermissionDenied("Only your organisation's admins can do this.")
    remember_organisation(request, organisation)
    return organisation


def remember_organisation(request, organisation):
    if request.session.get(SESSION_ORGANISATION) != organisation.pk:
        request.session[SESSION_ORGANISATION] = organisation.pk


def current_organisation(request):
    """The organisation the person is acting for: the one they chose last, or their first."""
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = list(OrganisationMember.objects.filter(user=user).select_related("organisation__partnership"))
    if not memberships:
        return None
    chosen = request.session.get(SESSION_ORGANISATION)
    for membership in memberships:
        if membership.organisation_id == chosen:
            return membership.organisation
    return memberships[0].organisation
