"""Demo co-production records, so every measure has something to show.

The demo loader calls `load_demo_coproduction`; what it records is in data/coproduction.yaml. Records go through the
services, like any other change; only the dates of responses and feedback are then moved into the past, since the
services stamp them with today.
"""

import datetime
import itertools
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from included.access.models import OrganisationMember
from included.coproduction import services
from included.coproduction.enums import Decision, FeedbackMethod, LadderRung, Method, Recognition, Stage
from included.coproduction.models import Activity, Contribution, FeedbackRecord, Response
from included.demo.content import read
from included.frameworks.models import FrameworkItem, FrameworkVersion

COPRODUCTION = read("coproduction")


def _recorder(organisation, users):
    member = OrganisationMember.objects.filter(organisation=organisation, user__in=users).select_related("user").first()
    if member is not None:
        return member.user
    return users[0] if users else None


def _evidence_items():
    latest = (
        FrameworkVersion.objects.filter(framework__slug="emif", framework__partnership__isnull=True)
        .order_by("-published_at", "-id")
        .first()
    )
    if latest is None:
        return []
    return list(FrameworkItem.objects.filter(version=latest, key__in=COPRODUCTION["evidence_items"]))


def _held_on(spec, today):
    """The day an activity was held: a day of last year, or a number of days before today."""
    if "held_last_year_on" in spec:
        return datetime.datetime.strptime(f"{spec['held_last_year_on']} {today.year - 1}", "%d %B %Y").date()
    return today - datetime.timedelta(days=spec["held_days_ago"])


def _record(organisation, spec, today, by):
    held_on = _held_on(spec, today)
    details = {
        "title": spec["title"],
        "purpose": COPRODUCTION["purpose"].format(title=spec["title"].lower()),
        "stage": Stage(spec["stage"]),
        "method": Method(spec["method"]),
        "ladder_rung": LadderRung(spec["ladder_rung"]),
        "invited_on": held_on - datetime.timedelta(days=spec["notice_days"]),
        "held_on": held_on,
        "participants": spec["participants"],
        "hours_given": Decimal(str(spec["hours_given"])),
        "recognition": Recognition(spec["recognition"]),
        "access_support": spec["access_support"],
        "other_costs": Decimal(str(spec["other_costs"])),
        "staff_hours": Decimal(str(spec["staff_hours"])),
    }
    for amount in ("hourly_rate", "voucher_value"):
        if amount in spec:
            details[amount] = Decimal(str(spec[amount]))
    return services.record_activity(organisation, by=by, **details)


def _backdate(model, pk, when):
    """Move a record's timestamps to the day it would have happened. Only the demo does this."""
    moment = timezone.make_aware(datetime.datetime.combine(when, datetime.time(11, 0)))
    model.objects.filter(pk=pk).update(created_at=moment, updated_at=moment)


def _mark_emailed(response, told_on):
    """Record the demo's emails as sent long ago, so none goes out: the addresses are made up, and a real mail
    server would try them. The queued task sees the record and does nothing. Emails from responses people record
    while trying the demo are sent (printed, in development) as usual."""
    if not FeedbackRecord.objects.filter(response=response, method=FeedbackMethod.EMAIL).exists():
        record = response.record_email_sent()
        FeedbackRecord.objects.filter(pk=record.pk).update(told_on=told_on)


def _say_and_respond(activity, said, number, by, today):
    told = FeedbackMethod(said["told_by"]) if "told_by" in said else None
    name = said.get("name", "")
    contribution = services.add_contribution(
        activity,
        by=by,
        text=said["text"],
        stage=activity.stage,
        given_on=activity.held_on,
        consent_to_publish=said["consent_to_publish"],
        contributor_name=name,
        named_publicly=bool(name),
        contact_email=COPRODUCTION["contact_email"].format(number=number) if told == FeedbackMethod.EMAIL else "",
        wants_updates=told == FeedbackMethod.EMAIL,
    )
    if "decision" not in said:
        return contribution
    responded_on = min(activity.held_on + datetime.timedelta(days=said["respond_after_days"]), today)
    response = services.record_response(
        contribution,
        decision=Decision(said["decision"]),
        by=by,
        what_changed=said.get("what_changed", ""),
        reason=said.get("reason", ""),
    )
    _backdate(Response, response.pk, responded_on)
    if told == FeedbackMethod.EMAIL:
        _mark_emailed(response, responded_on)
    elif told is not None:
        services.record_feedback(
            [contribution], method=told, told_on=min(responded_on + datetime.timedelta(days=3), today), by=by
        )
    return contribution


def load_demo_coproduction(partnership, organisations, users):
    """Give the first organisation eleven activities over two years and the second two, with what people said,
    responses (some updated, some not given yet) and feedback, so every measure has figures to show.

    Does nothing for an organisation that already has activities. Returns the activities it made.
    """
    organisations = [o for o in organisations if o.partnership_id == partnership.pk]
    today = timezone.localdate()
    evidence = _evidence_items()
    said = itertools.cycle(COPRODUCTION["said"])
    made = []
    with transaction.atomic():
        # With one organisation, only the first list of activities is used.
        for organisation, plan in zip(organisations, COPRODUCTION["organisations"], strict=False):
            if Activity.objects.for_organisation(organisation).exists():
                continue
            by = _recorder(organisation, users)
            for index, spec in enumerate(plan["activities"]):
                activity = _record(organisation, spec, today, by)
                made.append(activity)
                if evidence and index % 2 == 0:
                    services.set_activity_evidence(activity, evidence, by=by)
                for _ in range(3 if index % 3 == 0 else 2):
                    _say_and_respond(activity, next(said), len(made) * 10 + index, by, today)
            moved_on = (
                Contribution.objects.for_organisation(organisation)
                .filter(responses__decision=Decision.IN_PROGRESS)
                .order_by("given_on")
                .first()
            )
            if moved_on is not None:
                second = COPRODUCTION["second_response"]
                update = services.record_response(
                    moved_on, decision=Decision(second["decision"]), by=by, what_changed=second["what_changed"]
                )
                if moved_on.wants_updates:
                    _mark_emailed(update, today)
    return made
