"""The top floor: pages that gather from several apps. Nothing else in Included imports this app."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from included.access.requests import access_for, organisation_for_member, require_coordinator
from included.access.rules import can_host_partnerships
from included.assessments.models import Assessment, SignUp
from included.core.decorators import kept_for_each_person, private_when_signed_in, same_for_everyone_signed_out
from included.core.pagination import page_of
from included.invitations.enums import STATUS_TAG_COLOURS, InvitationKind, InvitationStatus
from included.invitations.forms import InvitationSearchForm, InvitePersonForm
from included.invitations.models import Invitation
from included.invitations.services import InvitationError
from included.invitations.services import invite as invite_person
from included.organisations.forms import InviteOrganisationForm
from included.organisations.services import MembershipError, invite_organisation
from included.partnerships.lookups import partnership_from_slug
from included.partnerships.models import Partnership

from .navigation import navigation_for
from .todo import organisation_to_do, personal_to_do_for, to_do_for

# The invitations sent, this many at a time: a partnership of thousands of organisations has sent thousands.
INVITATIONS_PAGE_SIZE = 25
INVITATION_FORMS = {
    "organisation": InviteOrganisationForm,
    "reviewer": InvitePersonForm,
    "coordinator": InvitePersonForm,
}


@login_not_required
@private_when_signed_in
@kept_for_each_person
@same_for_everyone_signed_out
def home(request):
    """Signed out: what Included is and which partnerships use it. Signed in: what is waiting for the person, in
    every role they hold in their current partnership, and where to go next."""
    if request.user.is_authenticated:
        partnership = navigation_for(request)["current_partnership"]
        to_do = personal_to_do_for(request.user)
        if partnership:
            to_do += to_do_for(request.user, access_for(request, partnership))
        return render(
            request,
            "www/dashboard.html",
            {"partnership": partnership, "to_do": to_do, "is_host": can_host_partnerships(request.user)},
        )
    return render(request, "www/home.html", {"partnerships": Partnership.objects.order_by("name")})


@kept_for_each_person
def organisation_home(request, partnership_slug, organisation_slug):
    """The organisation's own home page: its sign-ups, its self-assessment cycles and where to go next."""
    partnership = partnership_from_slug(partnership_slug)
    organisation = organisation_for_member(request, partnership, organisation_slug)
    every_sign_up = (
        SignUp.objects.filter(organisation=organisation)
        .select_related("framework_version__framework")
        .prefetch_related(
            Prefetch("assessments", queryset=Assessment.objects.visible_to(request.user).order_by("-number"))
        )
        .order_by("signed_at")
    )
    for record in every_sign_up:
        cycles = list(record.assessments.all())
        record.draft = next((c for c in cycles if c.is_draft), None)
        record.cycles = cycles
        record.has_submitted = any(not c.is_draft for c in cycles)
        record.approval = _statement_status(partnership, record)
    return render(
        request,
        "www/organisation_home.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "sign_ups": [record for record in every_sign_up if not record.is_withdrawn],
            "left": [record for record in every_sign_up if record.is_withdrawn],
            "is_admin": access_for(request, partnership).is_admin_of(organisation),
            "to_do": organisation_to_do(request.user, access_for(request, partnership), organisation),
        },
    )


def _statement_status(partnership, record):
    """What the organisation is told about its statement where a coordinator approves them: empty elsewhere."""
    if record.returned_at:
        return "A coordinator sent your statement back. Change it to ask again."
    if partnership.statements_need_approval and record.is_waiting_for_approval:
        if record.is_published:
            return "Your change is waiting for a coordinator. The register shows your last approved statement."
        return "Your statement is waiting for a coordinator before it goes on the register."
    return ""


def _base_url(request):
    return request.build_absolute_uri("/")


def _send_invitation(request, partnership, action, form):
    data = form.cleaned_data
    if action == "organisation":
        invitation = invite_organisation(
            partnership=partnership,
            name=data["organisation_name"],
            sector=data["sector"],
            size=data["size"],
            admin_name=data["admin_name"],
            admin_email=data["admin_email"],
            by=request.user,
            base_url=_base_url(request),
        )
        return f"{invitation.organisation.name} is added. We have emailed {invitation.email} a link to join."
    kind = InvitationKind.REVIEWER if action == "reviewer" else InvitationKind.COORDINATOR
    invitation = invite_person(
        partnership=partnership,
        email=data["email"],
        name=data["name"],
        kind=kind,
        by=request.user,
        base_url=_base_url(request),
    )
    return f"We have emailed {invitation.email} a link to join as {invitation.get_kind_display().lower()}."


@kept_for_each_person
def invitations(request, partnership_slug):
    """Coordinators see what became of each invitation, with a link to each kind of invitation.

    The forms on the pages that `invite` shows are sent here, so there is one door for sending an invitation. When
    a form has a problem, its own page is shown again with the problem and what was typed.
    """
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in INVITATION_FORMS:
            messages.error(request, "Choose who you want to invite, then fill in their details.")
        else:
            form = INVITATION_FORMS[action](request.POST, prefix=action)
            if form.is_valid():
                try:
                    done = _send_invitation(request, partnership, action, form)
                except (InvitationError, MembershipError) as problem:
                    form.add_error(None, str(problem))
                else:
                    messages.success(request, done)
                    return redirect("www:invitations", partnership_slug=partnership.slug)
            return _invite_page(request, partnership, action, form)
    search_form = InvitationSearchForm(request.GET or None)
    searched = search_form.chosen_text()
    sent = page_of(
        request,
        Invitation.objects.for_partnership(partnership)
        .filter(assisted=False)  # an organisation's assisted sign-ups are on its own page
        .matching(searched)
        .select_related("organisation", "invited_by")
        .order_by("-created_at", "-pk"),
        per_page=INVITATIONS_PAGE_SIZE,
        anchor="sent",
    )
    rows = [
        {"invitation": invitation, "status": invitation.status, "colour": STATUS_TAG_COLOURS[invitation.status]}
        for invitation in sent
    ]
    return render(
        request,
        "www/invitations.html",
        {
            "partnership": partnership,
            "rows": rows,
            "sent": sent,
            "search_form": search_form,
            "searched": searched,
            "form": search_form,
            "days": settings.INVITATION_DAYS,
            "pending": InvitationStatus.PENDING,
            "expired": InvitationStatus.EXPIRED,
        },
    )


@require_safe
def invite(request, partnership_slug, kind):
    """One kind of invitation (an organisation, a reviewer, a coordinator) on its own short page."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    if kind not in INVITATION_FORMS:
        raise Http404("No such kind of invitation.")
    return _invite_page(request, partnership, kind, INVITATION_FORMS[kind](prefix=kind))


def _invite_page(request, partnership, kind, form):
    return render(
        request,
        "www/invite.html",
        {"partnership": partnership, "kind": kind, "form": form, "days": settings.INVITATION_DAYS},
    )
