"""Demo co-production records, so every measure has something to show.

The demo loader calls `load_demo_coproduction`. Records go through the services, like any other change; only
the dates of responses and feedback are then moved into the past, since the services stamp them with today.
"""

import datetime
import itertools
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from included.coproduction import services
from included.coproduction.enums import Decision, FeedbackMethod, LadderRung, Method, Recognition, Stage
from included.coproduction.models import Activity, Contribution, FeedbackRecord, Response
from included.frameworks.models import FrameworkItem, FrameworkVersion
from included.organisations.models import OrganisationMember

EVIDENCE_KEYS = ["co-produce", "invest", "measure-impact"]

# (title, stage, method, rung, notice days, people, hours, recognition, hourly rate or voucher value,
#  access support, other costs, staff hours)
LAST_YEAR = [
    (
        "Planning our job fair",
        Stage.SERVICE_DESIGN,
        Method.WORKSHOP,
        LadderRung.CO_DESIGN,
        21,
        8,
        "16",
        Recognition.PAID_HOURLY,
        "13.45",
        ["easy_read", "travel"],
        "120",
        "10",
    ),
    (
        "Reviewing our job adverts",
        Stage.RECRUITMENT,
        Method.PANEL,
        LadderRung.CO_PRODUCTION,
        28,
        5,
        "10",
        Recognition.PAID_HOURLY,
        "14.00",
        ["bsl", "quiet_room"],
        "350",
        "6",
    ),
    (
        "Survey on getting to work",
        Stage.STRATEGY,
        Method.SURVEY,
        LadderRung.CONSULTATION,
        10,
        40,
        "20",
        Recognition.VOUCHERS,
        "200",
        ["easy_read"],
        "30",
        "8",
    ),
    (
        "Interviews about our support",
        Stage.DELIVERY,
        Method.INTERVIEW,
        LadderRung.ENGAGEMENT,
        7,
        6,
        "6",
        Recognition.PAID_HOURLY,
        "11.50",
        ["travel", "childcare"],
        "60",
        "5",
    ),
    (
        "A seat on our board",
        Stage.STRATEGY,
        Method.BOARD_SEAT,
        LadderRung.CO_PRODUCTION,
        30,
        2,
        "12",
        Recognition.PAID_HOURLY,
        "15.00",
        ["travel"],
        "40",
        "4",
    ),
]
THIS_YEAR = [
    (
        "Peer research on first jobs",
        Stage.EVALUATION,
        Method.PEER_RESEARCH,
        LadderRung.CO_PRODUCTION,
        35,
        4,
        "40",
        Recognition.PAID_HOURLY,
        "14.00",
        ["quiet_room"],
        "150",
        "20",
    ),
    (
        "Information session on our new service",
        Stage.DELIVERY,
        Method.WORKSHOP,
        LadderRung.INFORMING,
        5,
        12,
        "12",
        Recognition.UNPAID,
        None,
        [],
        "20",
        "3",
    ),
    (
        "Commissioning priorities workshop",
        Stage.COMMISSIONING,
        Method.WORKSHOP,
        LadderRung.CO_DESIGN,
        21,
        7,
        "21",
        Recognition.PAID_HOURLY,
        "12.00",
        ["bsl", "easy_read"],
        "420",
        "9",
    ),
    (
        "Feedback panel on the job fair",
        Stage.EVALUATION,
        Method.PANEL,
        LadderRung.ENGAGEMENT,
        14,
        6,
        "9",
        Recognition.VOUCHERS,
        "90",
        ["travel"],
        "25",
        "4",
    ),
    (
        "Welcome talk for new starters",
        Stage.DELIVERY,
        Method.OTHER,
        LadderRung.EDUCATING,
        3,
        10,
        "10",
        Recognition.EXPENSES_ONLY,
        None,
        ["travel"],
        "45",
        "2",
    ),
    (
        "Designing our mentoring scheme",
        Stage.SERVICE_DESIGN,
        Method.WORKSHOP,
        LadderRung.CO_PRODUCTION,
        28,
        6,
        "18",
        Recognition.PAID_HOURLY,
        "14.80",
        ["childcare", "quiet_room"],
        "200",
        "12",
    ),
]
SMALL_ORGANISATION = [
    (
        "Coffee morning about volunteering",
        Stage.STRATEGY,
        Method.WORKSHOP,
        LadderRung.CONSULTATION,
        12,
        9,
        "13.5",
        Recognition.VOUCHERS,
        "45",
        ["quiet_room"],
        "15",
        "3",
    ),
    (
        "Co-writing our welcome pack",
        Stage.SERVICE_DESIGN,
        Method.WORKSHOP,
        LadderRung.CO_PRODUCTION,
        21,
        4,
        "8",
        Recognition.PAID_HOURLY,
        "13.45",
        ["easy_read"],
        "10",
        "5",
    ),
]

# What people said, and what happened: (text, can publish, name shown, decision, what changed or why not,
# days until the first response, how they were told: "email", a FeedbackMethod, or None).
SAID = [
    (
        "Hold it somewhere on a bus route. Many of us do not drive.",
        True,
        "",
        Decision.ADOPTED,
        "We moved it to the library, next to the bus station.",
        12,
        FeedbackMethod.MEETING,
    ),
    (
        "Tell employers to bring real jobs, not just leaflets.",
        True,
        "Jo",
        Decision.PARTLY_ADOPTED,
        "We asked every employer to bring at least one real vacancy. Most did.",
        20,
        "email",
    ),
    (
        "A quiet room for when it gets too busy would help.",
        True,
        "",
        Decision.ADOPTED,
        "There is now a quiet room at every event we run.",
        7,
        FeedbackMethod.LETTER,
    ),
    (
        "Job adverts ask for a driving licence when the job does not need one.",
        True,
        "Sam",
        Decision.ADOPTED,
        "We took the driving licence out of every advert where the job does not need it.",
        15,
        "email",
    ),
    (
        "Could interviews be done as a work trial instead?",
        True,
        "",
        Decision.IN_PROGRESS,
        "We are trying work trials for two kitchen jobs this spring.",
        30,
        None,
    ),
    (
        "Pay people for their time in cash, not vouchers.",
        True,
        "",
        Decision.NOT_ADOPTED,
        "Our funder only lets us give vouchers this year. We have asked them to change this.",
        25,
        FeedbackMethod.PHONE,
    ),
    (
        "I do not want my benefits affected by being paid.",
        False,
        "",
        Decision.ADOPTED,
        "We now explain how payment works with benefits before anyone takes part.",
        5,
        FeedbackMethod.PHONE,
    ),
    (
        "Send papers a week before, in easy read.",
        True,
        "",
        Decision.ADOPTED,
        "Papers now go out a week before, with an easy read version.",
        10,
        "email",
    ),
    (
        "Mentors should have lived experience too.",
        True,
        "Priya",
        Decision.ADOPTED,
        "Half of our mentors now have lived experience of looking for work.",
        18,
        FeedbackMethod.MEETING,
    ),
    (
        "Start later in the day, after the school run.",
        True,
        "",
        Decision.ADOPTED,
        "Sessions now start at 10am and end by 2:30pm.",
        9,
        None,
    ),
    ("The online form was too hard to use on a phone.", True, "", None, "", 0, None),
]


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
    return list(FrameworkItem.objects.filter(version=latest, key__in=EVIDENCE_KEYS))


def _activity_dates(today):
    """Five days in the autumn of last year, and six spread over the months before today."""
    last_year = today.year - 1
    autumn = [datetime.date(last_year, month, day) for month, day in ((10, 3), (10, 20), (11, 5), (11, 19), (12, 4))]
    recent = [today - datetime.timedelta(days=days) for days in (200, 160, 120, 80, 45, 14)]
    return autumn + recent


def _record(organisation, row, held_on, by):
    (title, stage, method, rung, notice, people, hours, recognition, amount, access, costs, staff) = row
    details = {
        "title": title,
        "purpose": f"To hear from people with lived experience before we decide: {title.lower()}.",
        "stage": stage,
        "method": method,
        "ladder_rung": rung,
        "invited_on": held_on - datetime.timedelta(days=notice),
        "held_on": held_on,
        "participants": people,
        "hours_given": Decimal(hours),
        "recognition": recognition,
        "access_support": access,
        "other_costs": Decimal(costs),
        "staff_hours": Decimal(staff),
    }
    if recognition == Recognition.PAID_HOURLY:
        details["hourly_rate"] = Decimal(amount)
    elif recognition == Recognition.VOUCHERS:
        details["voucher_value"] = Decimal(amount)
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
        record = services.record_email_sent(response)
        FeedbackRecord.objects.filter(pk=record.pk).update(told_on=told_on)


def _say_and_respond(activity, said, number, by, today):
    text, publish, name, decision, answer, days, told = said
    contribution = services.add_contribution(
        activity,
        by=by,
        text=text,
        stage=activity.stage,
        given_on=activity.held_on,
        consent_to_publish=publish,
        contributor_name=name,
        named_publicly=bool(name),
        contact_email=f"participant{number}@riverside.example" if told == "email" else "",
        wants_updates=told == "email",
    )
    if decision is None:
        return contribution
    responded_on = min(activity.held_on + datetime.timedelta(days=days), today)
    details = {"reason": answer} if decision == Decision.NOT_ADOPTED else {"what_changed": answer}
    response = services.record_response(contribution, decision=decision, by=by, **details)
    _backdate(Response, response.pk, responded_on)
    if told == FeedbackMethod.EMAIL:
        _mark_emailed(response, responded_on)
    if told in FeedbackMethod.values and told != FeedbackMethod.EMAIL:
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
    dates = _activity_dates(today)
    plans = [(LAST_YEAR + THIS_YEAR, dates), (SMALL_ORGANISATION, [dates[2], dates[7]])]
    evidence = _evidence_items()
    said = itertools.cycle(SAID)
    made = []
    with transaction.atomic():
        # With one organisation, only the first plan is used.
        for organisation, (rows, days) in zip(organisations, plans, strict=False):
            if Activity.objects.for_organisation(organisation).exists():
                continue
            by = _recorder(organisation, users)
            for index, (row, held_on) in enumerate(zip(rows, days, strict=True)):
                activity = _record(organisation, row, held_on, by)
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
                update = services.record_response(
                    moved_on,
                    decision=Decision.ADOPTED,
                    by=by,
                    what_changed="The trial went well. Work trials are now open for every kitchen job.",
                )
                if moved_on.wants_updates:
                    _mark_emailed(update, today)
    return made
