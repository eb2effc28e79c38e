"""Pages for co-production: organisation members record activities and answer contributions; the public reads
"You said, we did"; participants add what they said through a link; coordinators see the partnership's measures.

Every view decides the permission first (included/core/permissions.py), then reads through the QuerySets and writes
through services.py.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from included.core import throttle
from included.core.middleware import recover_kept_work
from included.core.permissions import (
    access_for,
    organisation_for_member,
    partnership_from_slug,
    require_coordinator,
)
from included.organisations.models import Organisation

from . import reports, services
from .enums import AWAITING_RESPONSE, AWAITING_RESPONSE_LABEL, DECISION_TAG_COLOURS, Decision, LadderRung, Recognition
from .forms import (
    ActivityAboutForm,
    ActivityAccessForm,
    ActivityEvidenceForm,
    ActivityPeopleForm,
    ContributionChoicesForm,
    ContributionForm,
    FeedbackForm,
    ResponseForm,
    TakePartForm,
    YouSaidWeDidFilterForm,
)
from .models import Activity, Contribution, ContributionLink, RealLivingWageRate, Response

PAGE_SIZE = 20
TAKE_PART_LIMIT = 10
TAKE_PART_WINDOW_SECONDS = 60 * 60
NEW_LINK_SESSION_KEY = "coproduction_new_link"

SECTIONS = {
    "about": {
        "form": ActivityAboutForm,
        "title": "About the activity",
        "fields": ["title", "purpose", "stage", "method", "ladder_rung", "invited_on", "held_on", "ends_on"],
    },
    "people": {
        "form": ActivityPeopleForm,
        "title": "Who took part and how they were thanked",
        "fields": ["participants", "hours_given", "recognition", "hourly_rate", "voucher_value", "wage_area"],
    },
    "access": {
        "form": ActivityAccessForm,
        "title": "Access support and cost",
        "fields": ["access_support", "access_support_other", "other_costs", "staff_hours"],
    },
    "evidence": {
        "form": ActivityEvidenceForm,
        "title": "Evidence for your self-assessment",
        "fields": [],
    },
}
SECTION_ORDER = list(SECTIONS)


# Shared helpers -----------------------------------------------------------------------------------------------------


def _member_organisation(request, partnership_slug, organisation_slug, *, admin=False):
    partnership = partnership_from_slug(partnership_slug)
    organisation = organisation_for_member(request, partnership, organisation_slug, admin=admin)
    organisation.partnership = partnership
    return partnership, organisation


def _activity_of(organisation, activity_id):
    activity = get_object_or_404(Activity.objects.for_organisation(organisation), pk=activity_id)
    activity.organisation = organisation
    return activity


def _org_kwargs(organisation):
    return {"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug}


def _activity_url(activity):
    return reverse("coproduction:activity", kwargs=_org_kwargs(activity.organisation) | {"activity_id": activity.pk})


def _submitted_data(request):
    """The form data to use: what was posted, or what the person typed before their session ended."""
    if request.method == "POST":
        return request.POST
    return recover_kept_work(request)


def _status_tag(status):
    """The tag for a contribution's status: its current decision, or waiting for a response."""
    label = Decision(status).label if status in Decision.values else AWAITING_RESPONSE_LABEL
    return {"text": label, "colour": DECISION_TAG_COLOURS[status]}


# Organisation pages -------------------------------------------------------------------------------------------------


def activity_list(request, partnership_slug, organisation_slug):
    """Members: the organisation's co-production activities, newest first."""
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    activities = list(Activity.objects.for_organisation(organisation).with_contribution_counts().newest_first())
    rows = [
        {
            "activity": activity,
            "short_notice": activity.has_short_notice(partnership.short_notice_days),
            "ladder_rung": LadderRung(activity.ladder_rung),
        }
        for activity in activities
    ]
    return render(
        request,
        "coproduction/activity_list.html",
        {"partnership": partnership, "organisation": organisation, "rows": rows},
    )


def record_activity(request, partnership_slug, organisation_slug):
    """Members: start a record with what the activity was and when. The other sections follow."""
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    data = _submitted_data(request)
    form = ActivityAboutForm(data) if data is not None else ActivityAboutForm()
    if request.method == "POST" and form.is_valid():
        activity = services.record_activity(organisation, by=request.user, **form.cleaned_data)
        messages.success(request, f"“{activity.title}” is recorded. Next, say who took part.")
        return redirect(
            reverse(
                "coproduction:edit_activity",
                kwargs=_org_kwargs(organisation) | {"activity_id": activity.pk, "section": "people"},
            )
            + "?setup=1"
        )
    return render(
        request,
        "coproduction/activity_form.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "activity": None,
            "form": form,
            "section": "about",
            "section_title": "Record an activity",
            "setup": False,
            "next_url": "",
            "nothing_to_choose": False,
            "cancel_url": reverse("coproduction:activities", kwargs=_org_kwargs(organisation)),
            "ladder": [{"rung": rung, "group": rung.group} for rung in LadderRung],
        },
    )


def edit_activity(request, partnership_slug, organisation_slug, activity_id, section):
    """Members: change one section of an activity. While setting up a new record, each section leads to the next."""
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    activity = _activity_of(organisation, activity_id)
    if section not in SECTIONS:
        raise Http404("No such section")
    form_class = SECTIONS[section]["form"]
    setup = request.GET.get("setup") == "1"
    extra = {}
    if section == "evidence":
        chosen = list(activity.framework_items.all())
        extra = {"partnership": partnership, "chosen": chosen}
        initial = {"framework_items": chosen}
    else:
        initial = {name: getattr(activity, name) for name in SECTIONS[section]["fields"]}
    data = _submitted_data(request)
    form = form_class(data, **extra) if data is not None else form_class(initial=initial, **extra)
    if request.method == "POST" and form.is_valid():
        if section == "evidence":
            services.set_activity_evidence(activity, form.cleaned_data["framework_items"], by=request.user)
        else:
            services.update_activity(activity, by=request.user, **form.cleaned_data)
        return redirect(_after_section(activity, section, setup))
    next_url = _after_section(activity, section, setup) if setup else ""
    nothing_to_choose = section == "evidence" and not form.fields["framework_items"].queryset.exists()
    return render(
        request,
        "coproduction/activity_form.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "activity": activity,
            "form": form,
            "section": section,
            "section_title": SECTIONS[section]["title"],
            "setup": setup,
            "next_url": next_url,
            "nothing_to_choose": nothing_to_choose,
            "cancel_url": _activity_url(activity),
            "ladder": [{"rung": rung, "group": rung.group} for rung in LadderRung],
        },
    )


def _after_section(activity, section, setup):
    position = SECTION_ORDER.index(section)
    if not setup or position + 1 == len(SECTION_ORDER):
        return _activity_url(activity)
    kwargs = _org_kwargs(activity.organisation) | {"activity_id": activity.pk, "section": SECTION_ORDER[position + 1]}
    return reverse("coproduction:edit_activity", kwargs=kwargs) + "?setup=1"


def activity_detail(request, partnership_slug, organisation_slug, activity_id):
    """Members: everything about one activity, with what people said and what was done about it."""
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    activity = _activity_of(organisation, activity_id)
    contributions = list(
        activity.contributions.with_progress().with_responses().prefetch_related("feedback").newest_first()
    )
    items = list(activity.framework_items.select_related("version__framework", "section"))
    new_token = request.session.pop(NEW_LINK_SESSION_KEY, {}).get(str(activity.pk))
    living_wage = None
    if activity.recognition == Recognition.PAID_HOURLY:
        living_wage = RealLivingWageRate.objects.in_force_on(activity.wage_area, activity.held_on)
    return render(
        request,
        "coproduction/activity_detail.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "activity": activity,
            "ladder_rung": LadderRung(activity.ladder_rung),
            "short_notice": activity.has_short_notice(partnership.short_notice_days),
            "living_wage": living_wage,
            "framework_items": items,
            "contributions": [
                {"contribution": c, "tag": _status_tag(c.status), "feedback": list(c.feedback.all())}
                for c in contributions
            ],
            "can_record_feedback": any(c.current_decision for c in contributions),
            "can_delete_contributions": access_for(request, partnership).is_admin_of(organisation),
            "link": ContributionLink.objects.filter(activity=activity).active().first(),
            "new_link_url": (
                request.build_absolute_uri(reverse("coproduction:take_part", kwargs={"token": new_token}))
                if new_token
                else ""
            ),
        },
    )


@require_POST
def create_link(request, partnership_slug, organisation_slug, activity_id):
    """Members: make a link participants can use, and show it once."""
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    activity = _activity_of(organisation, activity_id)
    _link, token = services.create_contribution_link(activity, by=request.user)
    # Only the hash is stored, so the token rides in the session until the activity page shows it, once.
    request.session[NEW_LINK_SESSION_KEY] = {str(activity.pk): token}
    messages.success(request, "Your new link is ready. Copy it now: we only show it once.")
    return redirect(_activity_url(activity) + "#link")


@require_POST
def switch_off_link(request, partnership_slug, organisation_slug, activity_id):
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    activity = _activity_of(organisation, activity_id)
    if services.switch_off_contribution_link(activity, by=request.user):
        messages.success(request, "The link is switched off. Nobody can use it to add anything now.")
    return redirect(_activity_url(activity) + "#link")


def add_contribution(request, partnership_slug, organisation_slug, activity_id):
    """Members: write down what someone said during the activity."""
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    activity = _activity_of(organisation, activity_id)
    data = _submitted_data(request)
    today = timezone.localdate()
    initial = {"stage": activity.stage, "given_on": min(activity.held_on, today)}
    form = ContributionForm(data) if data is not None else ContributionForm(initial=initial)
    if request.method == "POST" and form.is_valid():
        services.add_contribution(activity, by=request.user, **form.service_details())
        messages.success(request, "The contribution is added. You can record a response when you are ready.")
        return redirect(_activity_url(activity) + "#contributions")
    return render(
        request,
        "coproduction/contribution_form.html",
        {"partnership": partnership, "organisation": organisation, "activity": activity, "form": form},
    )


def _contribution_of(activity, contribution_id):
    contribution = get_object_or_404(activity.contributions.all(), pk=contribution_id)
    contribution.activity = activity
    return contribution


def change_contribution_choices(request, partnership_slug, organisation_slug, activity_id, contribution_id):
    """Members: record that a person changed their mind about publishing, their name or hearing back."""
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    activity = _activity_of(organisation, activity_id)
    contribution = _contribution_of(activity, contribution_id)
    data = _submitted_data(request)
    if data is not None:
        form = ContributionChoicesForm(data)
    else:
        form = ContributionChoicesForm(initial=ContributionChoicesForm.initial_for(contribution))
    if request.method == "POST" and form.is_valid():
        changes = services.change_contribution_choices(contribution, by=request.user, **form.choices())
        if changes:
            messages.success(request, "Their choices are saved.")
        else:
            messages.info(request, "Nothing changed, so there was nothing to save.")
        return redirect(_activity_url(activity) + f"#contribution-{contribution.pk}")
    return render(
        request,
        "coproduction/contribution_choices.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "activity": activity,
            "contribution": contribution,
            "form": form,
        },
    )


def delete_contribution(request, partnership_slug, organisation_slug, activity_id, contribution_id):
    """Organisation admins: delete a contribution for good, when the person asks for their words to be removed."""
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug, admin=True)
    activity = _activity_of(organisation, activity_id)
    contribution = _contribution_of(activity, contribution_id)
    if request.method == "POST":
        services.delete_contribution(contribution, by=request.user)
        messages.success(request, "The contribution is deleted, with its responses.")
        return redirect(_activity_url(activity) + "#contributions")
    return render(
        request,
        "coproduction/contribution_delete.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "activity": activity,
            "contribution": contribution,
            "responses": contribution.responses.count(),
        },
    )


def record_response(request, partnership_slug, organisation_slug, activity_id, contribution_id):
    """Members: say what was done about a contribution, or update it. Earlier responses stay in the history."""
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    activity = _activity_of(organisation, activity_id)
    contribution = get_object_or_404(activity.contributions.with_responses(), pk=contribution_id)
    contribution.activity = activity
    current = contribution.current_response
    initial = {}
    if current is not None:
        initial = {
            "decision": current.decision,
            "what_changed": current.what_changed,
            "reason": current.reason,
            "changed_on": current.changed_on,
        }
    data = _submitted_data(request)
    form = ResponseForm(data) if data is not None else ResponseForm(initial=initial)
    if request.method == "POST" and form.is_valid():
        services.record_response(
            contribution, by=request.user, base_url=request.build_absolute_uri("/"), **form.cleaned_data
        )
        told = " We will email the person to tell them." if contribution.wants_updates else ""
        messages.success(request, f"The response is saved.{told}")
        return redirect(_activity_url(activity) + f"#contribution-{contribution.pk}")
    return render(
        request,
        "coproduction/response_form.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "activity": activity,
            "contribution": contribution,
            "current": current,
            "history": contribution.earlier_responses,
            "form": form,
        },
    )


def record_feedback(request, partnership_slug, organisation_slug, activity_id):
    """Members: note that people were told about responses at a meeting, by letter or by phone."""
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    activity = _activity_of(organisation, activity_id)
    data = _submitted_data(request)
    form = FeedbackForm(activity=activity, initial={"told_on": timezone.localdate()})
    has_choices = form.fields["contributions"].queryset.exists()
    if data is not None and has_choices:
        form = FeedbackForm(data, activity=activity)
    if request.method == "POST" and has_choices and form.is_valid():
        contributions = list(form.cleaned_data["contributions"])
        for contribution in contributions:
            contribution.activity = activity
        try:
            records = services.record_feedback(
                contributions,
                method=form.cleaned_data["method"],
                told_on=form.cleaned_data["told_on"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as problem:
            form.add_error(None, problem)
        else:
            messages.success(request, f"Saved. {len(records)} contribution(s) marked as told.")
            return redirect(_activity_url(activity) + "#contributions")
    return render(
        request,
        "coproduction/feedback_form.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "activity": activity,
            "form": form,
            "has_choices": has_choices,
        },
    )


def organisation_measures(request, partnership_slug, organisation_slug):
    """Members: the organisation's co-production measures, as tables."""
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    figures = reports.organisation_measures(organisation)
    return render(
        request,
        "coproduction/measures.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "whose": organisation.name,
            "figures": figures,
            "tables": reports.measure_tables(figures),
            "rates": list(RealLivingWageRate.objects.all()),
            "by_organisation": [],
            "back_url": reverse("coproduction:activities", kwargs=_org_kwargs(organisation)),
            "back_text": "Co-production activities",
        },
    )


# Exports ------------------------------------------------------------------------------------------------------------


class _Echo:
    """csv.writer writes to this, and gets each line back to stream, instead of building the file in memory."""

    def write(self, value):
        return value


def _safe_cell(value):
    """Stop a spreadsheet treating text someone typed as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_response(filename, header, rows):
    writer = csv.writer(_Echo())

    def lines():
        # The byte order mark tells spreadsheet programs that the file is UTF-8, so £ and accents survive.
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow([_safe_cell("" if value is None else value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _yes_no(value):
    return "yes" if value else "no"


ACTIVITY_COLUMNS = [
    "activity id",
    "title",
    "purpose",
    "stage",
    "method",
    "ladder rung",
    "ladder group",
    "invited on",
    "held on",
    "ends on",
    "notice in days",
    "short notice",
    "people who took part",
    "hours given",
    "how people were thanked",
    "hourly rate",
    "where",
    "real living wage on the day",
    "at or above the real living wage",
    "voucher value",
    "paid to people",
    "access support",
    "other costs",
    "staff hours",
    "self-assessment items",
    "contributions",
]


def export_activities(request, partnership_slug, organisation_slug):
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    services.note_export(organisation, "activities", by=request.user)
    rates = reports.living_wage_rates()
    activities = (
        Activity.objects.for_organisation(organisation)
        .with_contribution_counts()
        .prefetch_related("framework_items__version__framework")
        .order_by("held_on", "id")
    )

    def rows():
        for activity in activities.iterator(chunk_size=500):
            rate = reports.rate_for(rates, activity)
            yield [
                activity.pk,
                activity.title,
                activity.purpose,
                activity.get_stage_display(),
                activity.get_method_display(),
                activity.get_ladder_rung_display(),
                activity.ladder_group.label,
                activity.invited_on,
                activity.held_on,
                activity.ends_on,
                activity.notice_days,
                _yes_no(activity.has_short_notice(partnership.short_notice_days)),
                activity.participants,
                activity.hours_given,
                activity.get_recognition_display(),
                activity.hourly_rate,
                activity.get_wage_area_display(),
                rate,
                _yes_no(activity.hourly_rate >= rate) if rate is not None and activity.hourly_rate else "",
                activity.voucher_value,
                activity.paid_to_participants,
                "; ".join(activity.access_support_labels),
                activity.other_costs,
                activity.staff_hours,
                "; ".join(f"{i.version.framework.short_name} {i.number}" for i in activity.framework_items.all()),
                activity.contribution_count,
            ]

    return _csv_response(f"{organisation.slug}-coproduction-activities.csv", ACTIVITY_COLUMNS, rows())


CONTRIBUTION_COLUMNS = [
    "contribution id",
    "activity id",
    "activity",
    "given on",
    "stage",
    "what they said",
    "how it was added",
    "can be published",
    "name",
    "name shown in public",
    "wants to hear back",
    "current decision",
    "first response on",
    "told",
    "closed",
]


def export_contributions(request, partnership_slug, organisation_slug):
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    services.note_export(organisation, "contributions", by=request.user)
    contributions = (
        Contribution.objects.for_organisation(organisation)
        .with_progress()
        .select_related("activity")
        .order_by("given_on", "id")
    )

    def rows():
        for c in contributions.iterator(chunk_size=500):
            yield [
                c.pk,
                c.activity_id,
                c.activity.title,
                c.given_on,
                c.get_stage_display(),
                c.text,
                c.get_source_display(),
                _yes_no(c.consent_to_publish),
                c.contributor_name,
                _yes_no(c.named_publicly),
                _yes_no(c.wants_updates),
                _status_tag(c.current_decision or AWAITING_RESPONSE)["text"],
                timezone.localdate(c.first_response_at) if c.first_response_at else "",
                _yes_no(c.was_told),
                _yes_no(c.current_decision is not None and c.was_told),
            ]

    return _csv_response(f"{organisation.slug}-coproduction-contributions.csv", CONTRIBUTION_COLUMNS, rows())


RESPONSE_COLUMNS = [
    "response id",
    "contribution id",
    "activity",
    "recorded on",
    "decision",
    "what changed",
    "why not adopted",
    "changed on",
    "current",
    "recorded by",
]


def export_responses(request, partnership_slug, organisation_slug):
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    services.note_export(organisation, "responses", by=request.user)
    responses = (
        Response.objects.for_organisation(organisation)
        .select_related("contribution__activity", "created_by")
        .order_by("contribution_id", "created_at", "id")
    )
    current_ids = set(Response.objects.for_organisation(organisation).current().values_list("pk", flat=True))

    def rows():
        for r in responses.iterator(chunk_size=500):
            yield [
                r.pk,
                r.contribution_id,
                r.contribution.activity.title,
                timezone.localdate(r.created_at),
                r.get_decision_display(),
                r.what_changed,
                r.reason,
                r.changed_on,
                _yes_no(r.pk in current_ids),
                r.created_by.name if r.created_by else "",
            ]

    return _csv_response(f"{organisation.slug}-coproduction-responses.csv", RESPONSE_COLUMNS, rows())


# Public pages -------------------------------------------------------------------------------------------------------


def _you_said_we_did(request, partnership, contributions, *, organisation=None):
    form = YouSaidWeDidFilterForm(request.GET or None)
    filters = form.filters()
    contributions = contributions.published().with_progress()
    if "stage" in filters:
        contributions = contributions.filter(stage=filters["stage"])
    if "status" in filters:
        contributions = contributions.with_status(filters["status"])
    contributions = contributions.select_related("activity__organisation").with_responses().newest_first()
    page = Paginator(contributions, PAGE_SIZE).get_page(request.GET.get("page"))
    entries = [{"contribution": c, "tag": _status_tag(c.status)} for c in page.object_list]

    def page_url(number):
        query = request.GET.copy()
        query["page"] = number
        return f"?{query.urlencode()}"

    return render(
        request,
        "coproduction/you_said_we_did.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "filter_form": form,
            "page_has_errors": bool(form.is_bound and form.errors),
            "filtered": bool(filters),
            "entries": entries,
            "page": page,
            "previous_url": page_url(page.previous_page_number()) if page.has_previous() else "",
            "next_url": page_url(page.next_page_number()) if page.has_next() else "",
        },
    )


@login_not_required
def organisation_you_said_we_did(request, partnership_slug, organisation_slug):
    """Public: what people told one organisation, and what it did. Only what people agreed to publish."""
    partnership = partnership_from_slug(partnership_slug)
    organisation = get_object_or_404(Organisation, partnership=partnership, slug=organisation_slug)
    organisation.partnership = partnership
    return _you_said_we_did(
        request, partnership, Contribution.objects.for_organisation(organisation), organisation=organisation
    )


@login_not_required
def partnership_you_said_we_did(request, partnership_slug):
    """Public: the same, for every organisation in the partnership."""
    partnership = partnership_from_slug(partnership_slug)
    return _you_said_we_did(request, partnership, Contribution.objects.for_partnership(partnership))


def _link_for_token(token):
    link = (
        ContributionLink.objects.for_token(token).active().select_related("activity__organisation__partnership").first()
    )
    if link is None:
        raise Http404("This link does not work")
    return link


@login_not_required
def take_part(request, token):
    """Public, by link: a participant adds what they said, without an account. Limited to 10 an hour."""
    link = _link_for_token(token)
    activity = link.activity
    organisation = activity.organisation
    form = TakePartForm(request.POST) if request.method == "POST" else TakePartForm()
    status = 200
    if request.method == "POST":
        if not throttle.allow(
            request, "coproduction:take-part", limit=TAKE_PART_LIMIT, window_seconds=TAKE_PART_WINDOW_SECONDS
        ):
            form.is_valid()
            form.add_error(
                None,
                "You have sent a lot in the last hour. Please wait an hour, then send it again. "
                "What you wrote is still below.",
            )
            status = 429
        elif form.is_from_a_robot:
            return redirect("coproduction:take_part_thanks", token=token)
        elif form.is_valid():
            services.add_contribution_through_link(link, **form.service_details())
            return redirect("coproduction:take_part_thanks", token=token)
    return render(
        request,
        "coproduction/take_part.html",
        {"activity": activity, "organisation": organisation, "partnership": organisation.partnership, "form": form},
        status=status,
    )


@login_not_required
def take_part_thanks(request, token):
    link = _link_for_token(token)
    activity = link.activity
    return render(
        request,
        "coproduction/take_part_thanks.html",
        {
            "activity": activity,
            "organisation": activity.organisation,
            "partnership": activity.organisation.partnership,
            "token": token,
        },
    )


# Coordinators -------------------------------------------------------------------------------------------------------


def partnership_measures(request, partnership_slug):
    """Coordinators: the partnership's co-production measures, and the main figures for each organisation."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    figures = reports.partnership_measures(partnership)
    return render(
        request,
        "coproduction/measures.html",
        {
            "partnership": partnership,
            "organisation": None,
            "whose": partnership.name,
            "figures": figures,
            "tables": reports.measure_tables(figures),
            "rates": list(RealLivingWageRate.objects.all()),
            "by_organisation": reports.measures_by_organisation(partnership),
            "back_url": "",
            "back_text": "",
        },
    )
