"""Assisted sign-up pages: an organisation's list, the form that starts one, the page to print, cancelling, and the
public claim page. Anyone outside the organisation gets 404 for its pages (organisation_for_member)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from included.access.requests import organisation_for_member
from included.access.rules import can_cancel_assisted_sign_up, can_help_sign_up, require
from included.core.pagination import page_of
from included.partnerships.lookups import partnership_from_slug

from . import assisted
from .forms import AssistedSignUpForm, ClaimCodeForm
from .services import InvitationError

PAGE_SIZE = 25


def _organisation(request, partnership_slug, organisation_slug):
    partnership = partnership_from_slug(partnership_slug)
    return organisation_for_member(request, partnership, organisation_slug)


def _assisted_sign_up(request, partnership_slug, organisation_slug, invitation_id):
    organisation = _organisation(request, partnership_slug, organisation_slug)
    invitation = get_object_or_404(
        assisted.assisted_sign_ups_of(organisation).select_related("organisation__partnership"), pk=invitation_id
    )
    return organisation, invitation


def _to_the_page_to_print(request, organisation, invitation):
    """The page that shows the new code, which only this helper's session holds. A form sent twice gets the first
    invitation back, without its code: the page then shows its details only."""
    if getattr(invitation, "claim_code", ""):
        assisted.remember_code(request, invitation)
    return redirect(
        "invitations:assisted_detail",
        partnership_slug=organisation.partnership.slug,
        organisation_slug=organisation.slug,
        invitation_id=invitation.pk,
    )


@never_cache
@require_safe
def assisted_list(request, partnership_slug, organisation_slug):
    organisation = _organisation(request, partnership_slug, organisation_slug)
    page = page_of(request, assisted.assisted_sign_ups_of(organisation), per_page=PAGE_SIZE)
    rows = [{"invitation": invitation, "status": assisted.status_words(invitation)} for invitation in page]
    return render(
        request,
        "invitations/assisted_list.html",
        {
            "organisation": organisation,
            "page": page,
            "rows": rows,
            "can_start": can_help_sign_up(request.user, organisation),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def assisted_new(request, partnership_slug, organisation_slug):
    organisation = _organisation(request, partnership_slug, organisation_slug)
    form = AssistedSignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = assisted.start_assisted_sign_up(
                organisation,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                by=request.user,
                base_url=request.build_absolute_uri("/"),
                form_token=form.cleaned_data["form_token"],
            )
        except InvitationError as problem:
            form.add_error(None, str(problem))
        else:
            return _to_the_page_to_print(request, organisation, invitation)
    return render(
        request,
        "invitations/assisted_new.html",
        {"organisation": organisation, "form": form, "days": settings.INVITATION_DAYS},
    )


@never_cache
@require_safe
def assisted_detail(request, partnership_slug, organisation_slug, invitation_id):
    """The page to print for the person: their code, where to type it, and what to do, in easy words."""
    organisation, invitation = _assisted_sign_up(request, partnership_slug, organisation_slug, invitation_id)
    return render(
        request,
        "invitations/assisted_detail.html",
        {
            "organisation": organisation,
            "invitation": invitation,
            "status": assisted.status_words(invitation),
            "code": assisted.code_to_print(request, invitation),
            "claim_url": request.build_absolute_uri(reverse("invitations:claim")),
            "can_cancel": invitation.is_usable and can_cancel_assisted_sign_up(request.user, invitation),
            "can_renew": _may_get_a_new_code(invitation) and can_cancel_assisted_sign_up(request.user, invitation),
        },
    )


def _may_get_a_new_code(invitation):
    return not invitation.accepted_at and not invitation.withdrawn_at


@never_cache
@require_http_methods(["GET", "POST"])
def assisted_new_code(request, partnership_slug, organisation_slug, invitation_id):
    """A new code to print when the paper is lost or the code ran out; the old code stops working."""
    organisation, invitation = _assisted_sign_up(request, partnership_slug, organisation_slug, invitation_id)
    require(
        can_cancel_assisted_sign_up(request.user, invitation),
        "Only the person who helped, or an admin, can make a new code.",
    )
    problem = ""
    if request.method == "POST":
        try:
            invitation = assisted.new_code_for(invitation, by=request.user, base_url=request.build_absolute_uri("/"))
        except InvitationError as error:
            problem = str(error)
        else:
            return _to_the_page_to_print(request, organisation, invitation)
    return render(
        request,
        "invitations/assisted_new_code.html",
        {
            "organisation": organisation,
            "invitation": invitation,
            "allowed": _may_get_a_new_code(invitation),
            "problem": problem,
            "days": settings.INVITATION_DAYS,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def assisted_cancel(request, partnership_slug, organisation_slug, invitation_id):
    organisation, invitation = _assisted_sign_up(request, partnership_slug, organisation_slug, invitation_id)
    require(
        can_cancel_assisted_sign_up(request.user, invitation),
        "Only the person who helped, or an admin, can cancel this.",
    )
    if request.method == "POST":
        try:
            assisted.cancel_assisted_sign_up(invitation, by=request.user)
        except InvitationError as problem:
            messages.error(request, str(problem))
        else:
            messages.success(request, f"The code for {invitation.name} is cancelled. It does not work any more.")
        return redirect(
            "invitations:assisted_list", partnership_slug=partnership_slug, organisation_slug=organisation.slug
        )
    return render(request, "invitations/assisted_cancel.html", {"organisation": organisation, "invitation": invitation})


@login_not_required
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def claim(request):
    """The public page where a person types their printed code, then makes their own sign-in."""
    if request.user.is_authenticated:
        return render(request, "invitations/claim_signed_in.html")
    form = ClaimCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            assisted.hold_claim(request, form.cleaned_data["code"])
        except assisted.ClaimError as problem:
            form.add_error("code", str(problem))
        else:
            return redirect("account_signup")
    return render(request, "invitations/claim.html", {"form": form})
