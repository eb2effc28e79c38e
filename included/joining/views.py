"""The public "Ask to join" form and its confirmation, and the coordinators' list of requests and their answers."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from included.access.requests import require_coordinator
from included.core import throttle
from included.core.decorators import kept_for_each_person
from included.core.middleware import keeps_typed_work, recover_kept_work
from included.core.pagination import page_of
from included.invitations.enums import InvitationStatus
from included.invitations.services import InvitationError
from included.organisations.services import MembershipError
from included.partnerships.lookups import partnership_from_slug

from . import services
from .duplicates import possible_duplicates
from .enums import STATUS_TAG_COLOURS, JoinRequestStatus
from .forms import AskToJoinForm, DeclineForm, JoinRequestSearchForm
from .models import JoinRequest

REQUESTS_PAGE_SIZE = 25
ASK_WINDOW_SECONDS = 60 * 60
TOO_MANY = (
    "We have had a lot of requests from you in the last hour. Please wait an hour, then send it again. "
    "What you typed is still below."
)


@login_not_required
def ask(request, partnership_slug):
    """Public: an organisation asks to join the partnership. One visitor may send a few requests an hour.

    Only a request that would be saved counts towards the limit, so a person who mistypes is never stopped by it.
    """
    partnership = partnership_from_slug(partnership_slug)
    form = AskToJoinForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_from_a_robot:
            # A robot filled in the hidden box: it is told what a person would be, and nothing is kept.
            return redirect("joining:asked", partnership_slug=partnership.slug)
        if form.is_valid():
            if throttle.allow(
                request, "joining:ask", limit=settings.JOIN_REQUESTS_PER_HOUR, window_seconds=ASK_WINDOW_SECONDS
            ):
                services.ask_to_join(partnership, **form.service_details())
                return redirect("joining:asked", partnership_slug=partnership.slug)
            form.add_error(None, TOO_MANY)
            status = 429
    context = {"partnership": partnership, "form": form, "retention_days": settings.RETAIN_DECIDED_JOIN_REQUESTS_DAYS}
    return render(request, "joining/ask.html", context, status=status)


@login_not_required
def asked(request, partnership_slug):
    """Public: what happens next. The same page for everyone, so it tells nobody anything about an email address."""
    partnership = partnership_from_slug(partnership_slug)
    return render(request, "joining/asked.html", {"partnership": partnership})


@kept_for_each_person
def requests(request, partnership_slug):
    """Coordinators: the requests to join, waiting ones first, each with the members and requests it may repeat."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    search_form = JoinRequestSearchForm(request.GET or None)
    searched = search_form.chosen_text()
    status = search_form.chosen_status()
    listed = JoinRequest.objects.for_partnership(partnership).with_status(status).matching(searched)
    listed = listed.oldest_first() if status == JoinRequestStatus.PENDING else listed.newest_first()
    page = page_of(request, listed, per_page=REQUESTS_PAGE_SIZE)
    duplicates = possible_duplicates(partnership, [row for row in page if row.is_pending])
    rows = [
        {
            "join_request": join_request,
            "colour": STATUS_TAG_COLOURS[join_request.status],
            "duplicates": duplicates.get(join_request.pk, []),
        }
        for join_request in page
    ]
    return render(
        request,
        "joining/requests.html",
        {
            "partnership": partnership,
            "rows": rows,
            "page": page,
            "search_form": search_form,
            "searched": searched,
            "showing": status,
            "showing_label": dict(JoinRequestStatus.choices).get(status, "All requests"),
            "page_has_errors": bool(search_form.errors),
        },
    )


def _join_request(request, partnership_slug, request_id):
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    return get_object_or_404(
        JoinRequest.objects.select_related("partnership", "decided_by", "organisation", "invitation"),
        partnership=partnership,
        pk=request_id,
    )


def _show(request, join_request, *, decline_form=None, status=200):
    partnership = join_request.partnership
    invitation = join_request.invitation
    duplicates = possible_duplicates(partnership, [join_request])[join_request.pk] if join_request.is_pending else []
    return render(
        request,
        "joining/request.html",
        {
            "partnership": partnership,
            "join_request": join_request,
            "colour": STATUS_TAG_COLOURS[join_request.status],
            "duplicates": duplicates,
            "invitation_status": InvitationStatus(invitation.status).label if invitation else "",
            "invitation_can_be_sent_again": bool(invitation)
            and invitation.status in (InvitationStatus.PENDING, InvitationStatus.EXPIRED),
            "decline_form": decline_form or DeclineForm(),
            "page_has_errors": bool(decline_form and decline_form.errors),
        },
        status=status,
    )


def join_request(request, partnership_slug, request_id):
    """Coordinators: one request, what may repeat it, and the buttons to accept or decline it."""
    return _show(request, _join_request(request, partnership_slug, request_id))


@require_POST
def accept(request, partnership_slug, request_id):
    join_request = _join_request(request, partnership_slug, request_id)
    try:
        join_request = services.accept_join_request(
            join_request, by=request.user, base_url=request.build_absolute_uri("/")
        )
    except (services.JoinRequestError, MembershipError, InvitationError) as problem:
        messages.error(request, str(problem))
        return redirect("joining:request", partnership_slug=partnership_slug, request_id=request_id)
    messages.success(
        request,
        f"{join_request.organisation_name} is added. We have emailed {join_request.contact_email} a link to join.",
    )
    return redirect("joining:requests", partnership_slug=partnership_slug)


@keeps_typed_work
def decline(request, partnership_slug, request_id):
    """Say no, with a reason. Opened with GET, it offers back a reason typed before the person's session ended."""
    join_request = _join_request(request, partnership_slug, request_id)
    data = request.POST if request.method == "POST" else recover_kept_work(request)
    if data is None:
        return redirect("joining:request", partnership_slug=partnership_slug, request_id=request_id)
    form = DeclineForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            services.decline_join_request(join_request, reason=form.cleaned_data["reason"], by=request.user)
        except services.JoinRequestError as problem:
            form.add_error(None, str(problem))
        else:
            told = " We have emailed them why." if join_request.contact_email else ""
            messages.success(request, f"You said no to {join_request.organisation_name}.{told}")
            return redirect("joining:requests", partnership_slug=partnership_slug)
    return _show(request, join_request, decline_form=form)
