from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from included.access.enums import MemberRole
from included.access.models import OrganisationMember
from included.access.requests import SESSION_ORGANISATION, organisation_for_member, remember_organisation
from included.core.decorators import kept_for_each_person
from included.core.middleware import keeps_typed_work, recover_kept_work
from included.core.versions import EditConflict, last_saved_by, saved_version
from included.invitations.enums import InvitationKind, InvitationStatus
from included.invitations.models import Invitation
from included.invitations.services import InvitationError, invite, resend_invitation, withdraw_invitation
from included.partnerships.lookups import partnership_from_slug

from .forms import SUPPORTED_PERSON, ChangeRoleForm, InviteMemberForm, OrganisationProfileForm, SwitchOrganisationForm
from .services import PROFILE_FIELDS, MembershipError, change_role, remove_member, update_profile


def _submitted(request):
    """What the person sent: this request's form, or what they typed before their session ended."""
    if request.method == "POST":
        return request.POST
    return recover_kept_work(request)


def _admin_organisation(request, partnership_slug, organisation_slug):
    partnership = partnership_from_slug(partnership_slug)
    return organisation_for_member(request, partnership, organisation_slug, admin=True)


def switch(request):
    """Someone in more than one organisation chooses which one they are working for."""
    memberships = list(
        OrganisationMember.objects.filter(user=request.user)
        .select_related("organisation__partnership")
        .order_by("organisation__name", "organisation__partnership__name")
    )
    chosen = request.session.get(SESSION_ORGANISATION)
    initial = {"organisation": chosen if any(m.organisation_id == chosen for m in memberships) else None}
    form = SwitchOrganisationForm(
        request.POST if request.method == "POST" else None, memberships=memberships, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        organisation = next(
            m.organisation for m in memberships if m.organisation_id == form.cleaned_data["organisation"]
        )
        remember_organisation(request, organisation)
        return redirect(
            "www:organisation_home", partnership_slug=organisation.partnership.slug, organisation_slug=organisation.slug
        )
    return render(request, "organisations/switch.html", {"form": form, "memberships": memberships})


@keeps_typed_work
def profile(request, partnership_slug, organisation_slug):
    """Admins keep the organisation's details up to date."""
    organisation = _admin_organisation(request, partnership_slug, organisation_slug)
    form = OrganisationProfileForm(_submitted(request), organisation=organisation)
    conflict = None
    if request.method == "POST" and form.is_valid():
        sector_changed = form.sector_changed
        try:
            changed = update_profile(
                organisation, by=request.user, expected_version=form.expected_version, **form.changes()
            )
        except MembershipError as problem:
            form.add_error("name", str(problem))
        except EditConflict as edit_conflict:
            # Show both versions. The form keeps what this person typed, with the newer version number.
            current = edit_conflict.current
            data = request.POST.copy()
            data["version"] = current.version
            form = OrganisationProfileForm(data, organisation=current)
            form.is_valid()
            conflict = saved_version(
                form,
                {name: getattr(current, name) for name in PROFILE_FIELDS},
                what="these details",
                by=last_saved_by(current, "organisation.updated"),
                at=current.updated_at,
            )
        else:
            if not changed:
                messages.info(request, "Nothing was changed.")
            elif sector_changed:
                messages.success(
                    request,
                    f"{organisation.name}'s details are saved. New self-assessments will ask the questions "
                    f"for {organisation.get_sector_display().lower()} organisations.",
                )
            else:
                messages.success(request, f"{organisation.name}'s details are saved.")
            return redirect(
                "organisations:profile", partnership_slug=partnership_slug, organisation_slug=organisation.slug
            )
    return render(
        request,
        "organisations/profile.html",
        {"organisation": organisation, "form": form, "conflict": conflict},
        status=409 if conflict else 200,
    )


@keeps_typed_work
@kept_for_each_person
def members(request, partnership_slug, organisation_slug):
    """Admins see who is in the organisation, invite people and change what each person can do."""
    organisation = _admin_organisation(request, partnership_slug, organisation_slug)
    form = InviteMemberForm(_submitted(request))
    if request.method == "POST" and form.is_valid():
        kind = {
            MemberRole.ADMIN: InvitationKind.ORGANISATION_ADMIN,
            SUPPORTED_PERSON: InvitationKind.PERSON,
        }.get(form.cleaned_data["role"], InvitationKind.ORGANISATION_MEMBER)
        try:
            invitation = invite(
                partnership=organisation.partnership,
                organisation=organisation,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                kind=kind,
                by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except InvitationError as problem:
            form.add_error("email", str(problem))
        else:
            if kind == InvitationKind.PERSON:
                messages.success(request, f"We have emailed {invitation.email} a link to make a place of their own.")
            else:
                messages.success(request, f"We have emailed {invitation.email} a link to join {organisation.name}.")
            return redirect(
                "organisations:members", partnership_slug=partnership_slug, organisation_slug=organisation.slug
            )
    memberships = list(
        OrganisationMember.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__name", "user__email")
    )
    invitations = [
        invitation
        for invitation in Invitation.objects.filter(
            organisation=organisation, accepted_at__isnull=True, withdrawn_at__isnull=True, assisted=False
        )
        if invitation.status in (InvitationStatus.PENDING, InvitationStatus.EXPIRED)
    ]
    admin_count = sum(1 for m in memberships if m.role == MemberRole.ADMIN)
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "form": form,
            "memberships": memberships,
            "invitations": invitations,
            "only_one_admin": admin_count == 1,
            "expired": InvitationStatus.EXPIRED,
        },
    )


def _membership(request, partnership_slug, organisation_slug, member_id):
    organisation = _admin_organisation(request, partnership_slug, organisation_slug)
    membership = get_object_or_404(
        OrganisationMember.objects.select_related("user", "organisation__partnership"),
        organisation=organisation,
        pk=member_id,
    )
    return organisation, membership


def member_role(request, partnership_slug, organisation_slug, member_id):
    organisation, membership = _membership(request, partnership_slug, organisation_slug, member_id)
    form = ChangeRoleForm(request.POST if request.method == "POST" else None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            change_role(membership, form.cleaned_data["role"], by=request.user)
        except MembershipError as problem:
            form.add_error("role", str(problem))
        else:
            messages.success(
                request, f"{membership.user} is now {membership.get_role_display().lower()} of {organisation.name}."
            )
            if membership.user_id == request.user.pk and membership.role != MemberRole.ADMIN:
                return redirect(
                    "www:organisation_home", partnership_slug=partnership_slug, organisation_slug=organisation.slug
                )
            return redirect(
                "organisations:members", partnership_slug=partnership_slug, organisation_slug=organisation.slug
            )
    return render(
        request,
        "organisations/member_role.html",
        {"organisation": organisation, "membership": membership, "form": form},
    )


def member_remove(request, partnership_slug, organisation_slug, member_id):
    organisation, membership = _membership(request, partnership_slug, organisation_slug, member_id)
    problem = None
    if request.method == "POST":
        try:
            remove_member(membership, by=request.user)
        except MembershipError as refused:
            problem = str(refused)
        else:
            if membership.user_id == request.user.pk:
                messages.success(request, f"You have left {organisation.name}.")
                return redirect("www:home")
            messages.success(request, f"{membership.user} is no longer part of {organisation.name}.")
            return redirect(
                "organisations:members", partnership_slug=partnership_slug, organisation_slug=organisation.slug
            )
    return render(
        request,
        "organisations/member_remove.html",
        {"organisation": organisation, "membership": membership, "problem": problem, "page_has_errors": bool(problem)},
    )


def _organisation_invitation(request, partnership_slug, organisation_slug, invitation_id):
    organisation = _admin_organisation(request, partnership_slug, organisation_slug)
    invitation = get_object_or_404(
        Invitation.objects.select_related("partnership", "organisation"), organisation=organisation, pk=invitation_id
    )
    return organisation, invitation


@require_POST
def invitation_withdraw(request, partnership_slug, organisation_slug, invitation_id):
    organisation, invitation = _organisation_invitation(request, partnership_slug, organisation_slug, invitation_id)
    try:
        withdraw_invitation(invitation, by=request.user)
    except InvitationError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, f"The invitation to {invitation.email} is withdrawn. Its link no longer works.")
    return redirect("organisations:members", partnership_slug=partnership_slug, organisation_slug=organisation.slug)


@require_POST
def invitation_resend(request, partnership_slug, organisation_slug, invitation_id):
    organisation, invitation = _organisation_invitation(request, partnership_slug, organisation_slug, invitation_id)
    try:
        resend_invitation(invitation, by=request.user, base_url=request.build_absolute_uri("/"))
    except InvitationError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, f"We have emailed {invitation.email} a new link. The old link no longer works.")
    return redirect("organisations:members", partnership_slug=partnership_slug, organisation_slug=organisation.slug)
