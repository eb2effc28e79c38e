"""CSV downloads of an organisation's co-production records, for its members.

The files stream row by row, so a long history never sits in memory, and every download is in the audit trail.
"""

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone

from . import reports, services
from .enums import AWAITING_RESPONSE, status_tag
from .models import Activity, Contribution, Response
from .views import member_organisation


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
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
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
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
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
                status_tag(c.current_decision or AWAITING_RESPONSE)["text"],
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
    partnership, organisation = member_organisation(request, partnership_slug, organisation_slug)
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
