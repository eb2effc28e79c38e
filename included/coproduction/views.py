"""Co-production pages for an organisation's members: activities, participant links, contributions, responses,
feedback and the organisation's measures.

Every view decides the permission first, with the rules in included.access (a 404 for anyone outside the
organisation), then reads through the QuerySets and writes through one service call, which asks the same rules
again. The other pages live beside this module: exports.py (CSV downloads), public_views.py ("You said, we did" and
taking part through a link) and coordinator_views.py (the partnership's measures).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from included.access.requests import access_for, organisation_for_member
from included.core.decorators import kept_for_each_person
from included.core.middleware import keeps_typed_work, recover_kept_work
from included.core.pagination import page_of
from included.core.versions import EditConflict, last_saved_by, saved_version
from included.partnerships.lookups import partnership_from_slug

from . import reports, services
from .enums import LadderRung, Recognition, status_tag
from .forms import (
    ActivityAboutChangeForm,
    ActivityAboutForm,
    ActivityAccessForm,
    ActivityEvidenceForm,
    ActivityPeopleForm,
    ContributionChoicesForm,
    ContributionForm,
    FeedbackForm,
    ResponseForm,
)
from .models import Activity, ContributionLink, RealLivingWageRate

NEW_LINK_SESSION_KEY = "coproduction_new_link"

SECTIONS = {
    "about": {
        "form": ActivityAboutChangeForm,
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


def member_organisation(request, partnership_slug, organisation_slug, *, admin=False):
    """The partnership and organisation from the address, once the person is known to be a member (or an admin)."""
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


ACTIVITIES_PAGE_SIZE = 25


@kept_for_each_person
def activity_list(request, partnership_slug, organisation_slug):
    """Members: the organisation's co-production activities, newest first."""
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
    activities = page_of(
        request,
        Activity.objects.for_organisation(organisation).with_contribution_counts().newest_first(),
        per_page=ACTIVITIES_PAGE_SIZE,
        anchor="activities",
    )
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
        {"partnership": partnership, "organisation": organisation, "rows": rows, "activities": activities},
    )


@keeps_typed_work
def record_activity(request, partnership_slug, organisation_slug):
    """Members: start a record with what the activity was and when. The other sections follow."""
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
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
            "step": 1,
            "steps": len(SECTION_ORDER),
            "next_url": "",
            "nothing_to_choose": False,
            "cancel_url": reverse("coproduction:activities", kwargs=_org_kwargs(organisation)),
            "ladder": [{"rung": rung, "group": rung.group} for rung in LadderRung],
            "conflict": None,
        },
    )


@keeps_typed_work
def edit_activity(request, partnership_slug, organisation_slug, activity_id, section):
    """Members: change one section of an activity. While setting up a new record, each section leads to the next."""
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
    activity = _activity_of(organisation, activity_id)
    if section not in SECTIONS:
        raise Http404("No such section")
    form_class = SECTIONS[section]["form"]
    setup = request.GET.get("setup") == "1"
    extra = {}
    if section == "evidence":
        chosen = list(activity.framework_items.all())
        extra = {"organisation": organisation, "chosen": chosen}
        initial = {"framework_items": chosen}
    else:
        initial = {name: getattr(activity, name) for name in SECTIONS[section]["fields"]}
    initial["version"] = activity.version
    data = _submitted_data(request)
    form = form_class(data, **extra) if data is not None else form_class(initial=initial, **extra)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            if section == "evidence":
                services.set_activity_evidence(
                    activity,
                    form.cleaned_data["framework_items"],
                    by=request.user,
                    expected_version=form.expected_version,
                )
            else:
                services.update_activity(
                    activity, by=request.user, expected_version=form.expected_version, **form.changes()
                )
        except EditConflict as edit_conflict:
            # Show both versions. The form keeps what this person typed, with the newer version number.
            form, conflict = _conflicting_section(request, edit_conflict.current, section, form_class, extra)
        else:
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
            "step": SECTION_ORDER.index(section) + 1 if setup else None,
            "steps": len(SECTION_ORDER),
            "next_url": next_url,
            "nothing_to_choose": nothing_to_choose,
            "cancel_url": _activity_url(activity),
            "ladder": [{"rung": rung, "group": rung.group} for rung in LadderRung],
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


def _conflicting_section(request, current, section, form_class, extra):
    """The section's form as the person sent it, made from the version saved now, and what is saved now."""
    data = request.POST.copy()
    data["version"] = current.version
    form = form_class(data, **extra)
    form.is_valid()
    if section == "evidence":
        saved = {"framework_items": list(current.framework_items.select_related("version__framework", "section"))}
    else:
        saved = {name: getattr(current, name) for name in SECTIONS[section]["fields"]}
    who = last_saved_by(
        current,
        "coproduction.activity_updated",
        "coproduction.activity_evidence_set",
        "coproduction.activity_recorded",
    )
    return form, saved_version(form, saved, what="this activity", by=who, at=current.updated_at)


def _after_section(activity, section, setup):
    position = SECTION_ORDER.index(section)
    if not setup or position + 1 == len(SECTION_ORDER):
        return _activity_url(activity)
    kwargs = _org_kwargs(activity.organisation) | {"activity_id": activity.pk, "section": SECTION_ORDER[position + 1]}
    return reverse("coproduction:edit_activity", kwargs=kwargs) + "?setup=1"


def activity_detail(request, partnership_slug, organisation_slug, activity_id):
    """Members: everything about one activity, with what people said and what was done about it."""
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
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
                {"contribution": c, "tag": status_tag(c.status), "feedback": list(c.feedback.all())}
                for c in contributions
            ],
            "can_record_feedback": any(c.current_decision for c in contributions),
            "can_delete_contributions": access_for(request, partnership).is_admin_of(organisation),
            "link": ContributionLink.objects.for_activity(activity).active().first(),
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
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
    activity = _activity_of(organisation, activity_id)
    _link, token = services.create_contribution_link(activity, by=request.user)
    # Only the hash is stored, so the token rides in the session until the activity page shows it, once.
    request.session[NEW_LINK_SESSION_KEY] = {str(activity.pk): token}
    messages.success(request, "Your new link is ready. Copy it now: we only show it once.")
    return redirect(_activity_url(activity) + "#link")


@require_POST
def switch_off_link(request, partnership_slug, organisation_slug, activity_id):
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
    activity = _activity_of(organisation, activity_id)
    if services.switch_off_contribution_link(activity, by=request.user):
        messages.success(request, "The link is switched off. Nobody can use it to add anything now.")
    return redirect(_activity_url(activity) + "#link")


@keeps_typed_work
def add_contribution(request, partnership_slug, organisation_slug, activity_id):
    """Members: write down what someone said during the activity."""
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
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


@keeps_typed_work
def change_contribution_choices(request, partnership_slug, organisation_slug, activity_id, contribution_id):
    """Members: record that a person changed their mind about publishing, their name or hearing back."""
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
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
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug, admin=True)
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


@keeps_typed_work
def record_response(request, partnership_slug, organisation_slug, activity_id, contribution_id):
    """Members: say what was done about a contribution, or update it. Earlier responses stay in the history."""
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
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
        told = " We will email the person to tell them." if contribution.hears_back_by_email else ""
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


@keeps_typed_work
def record_feedback(request, partnership_slug, organisation_slug, activity_id):
    """Members: note that people were told about responses at a meeting, by letter or by phone."""
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
    activity = _activity_of(organisation, activity_id)
    data = _submitted_data(request)
    form = FeedbackForm(activity=activity, initial={"told_on": timezone.localdate()})
    has_choices = form.fields["contributions"].queryset.exists()
    if data is not None and has_choices:
        form = FeedbackForm(data, activity=activity)
    if request.method == "POST" and has_choices and form.is_valid():
        try:
            records = services.record_feedback(
                form.cleaned_data["contributions"],
                method=form.cleaned_data["method"],
                told_on=form.cleaned_data["told_on"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as problem:
            form.add_error(None, problem)
        else:
            messages.success(request, f"Saved. {len(records)} contribution{pluralize(len(records))} marked as told.")
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


@kept_for_each_person
def organisation_measures(request, partnership_slug, organisation_slug):
    """Members: the organisation's co-production measures, as tables."""
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
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
            "by_organisation_page": None,
            "reviewers_pay": None,
            "back_url": reverse("coproduction:activities", kwargs=_org_kwargs(organisation)),
            "back_text": "Co-production activities",
        },
    )
