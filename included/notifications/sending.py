"""Turning events and reminders into emails, through Included's one door for email (included/core/mail.py).

- `notify(kind, ids)` runs once a change is committed (see receivers.py) or from the daily reminder job. For each
  person the thing waits for, it records a `Notification` under a key that names the event and the person, so
  nobody is told twice, and emails them at once, keeps it for their weekly email, or does nothing: their choice.
- `send_digests()` sends each person one weekly email with everything kept for it, leaving out what is already
  done. Nobody gets an empty one.
- `send_reminders()` finds invitations not used and contributions with no response after the partnership's
  number of days, and notifies about each once.

Every email has a plain text part and an HTML part, a link to the person's email choices, and a one-click
"stop these emails" link (the List-Unsubscribe header, RFC 8058).
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from included.coproduction.models import Contribution, Response
from included.core import mail
from included.directory.models import CheckReminder
from included.invitations.models import Invitation
from included.partnerships.models import Partnership

from .enums import WEEKLY_EMAIL, Frequency, Kind, Status
from .kinds import DEFAULTS, KINDS, REMINDER_WINDOW_DAYS, Recipient, reminder_days
from .models import Notification, Preference, StoppedAddress
from .tokens import stop_url

logger = logging.getLogger(__name__)

NOW_PREFIX = "notifications.now:"
WEEKLY_PREFIX = "notifications.weekly:"


def choices_of(user):
    """{kind: frequency} for one person: what they chose, and the default for the rest."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "frequency"))
    return {kind: chosen.get(kind, DEFAULTS[kind]) for kind in Kind}


def frequency_for(recipient, kind):
    if recipient.user is not None:
        row = Preference.objects.filter(user=recipient.user, kind=kind).values_list("frequency", flat=True).first()
        return row or DEFAULTS[kind]
    # Someone with no account has no choices page: emails go at once, unless they used the link to stop them.
    return Frequency.NEVER if StoppedAddress.objects.has_stopped(recipient.email, kind) else Frequency.AT_ONCE


def notify(kind, ids, *, now=None):
    """Tell everyone these things wait for, each as they chose. Safe to run twice: the second run does nothing.

    Returns how many people were told about something new.
    """
    kind_of_email = KINDS[kind]
    now = now or timezone.now()
    told = 0
    with transaction.atomic():
        new = {}  # recipient -> [(notification, thing)]
        for pk, thing in sorted(kind_of_email.load(ids).items()):
            event = kind_of_email.event(thing)
            for recipient in kind_of_email.recipients(thing):
                key = Notification.key_for(kind, pk, user=recipient.user, email=recipient.email, event=event)
                frequency = frequency_for(recipient, kind)
                # Asked only about something new to tell, so a second run does not use up the person's allowance.
                if (
                    kind_of_email.limits_how_often
                    and frequency != Frequency.NEVER
                    and not Notification.objects.filter(key=key).exists()
                    and not kind_of_email.allow(thing, recipient)
                ):
                    continue
                status = {Frequency.AT_ONCE: Status.SENT, Frequency.WEEKLY: Status.WAITING}.get(
                    frequency, Status.SKIPPED
                )
                notification, created = Notification.objects.get_or_create(
                    key=key,
                    defaults={
                        "kind": kind,
                        "object_id": pk,
                        "user": recipient.user,
                        "email": recipient.email,
                        "frequency": frequency,
                        "status": status,
                        "sent_at": now if status == Status.SENT else None,
                    },
                )
                if created and status == Status.SENT:
                    new.setdefault(recipient, []).append((notification, thing))
                if created and status != Status.SKIPPED:
                    told += 1
        for recipient, told_about in new.items():
            first = told_about[0][0]
            key = f"{NOW_PREFIX}{first.pk}"
            items = [kind_of_email.item(thing) for _, thing in told_about]
            # The rows name their email first: the outbox asks them whether it is still wanted, and for its headers.
            Notification.objects.filter(pk__in=[n.pk for n, _ in told_about]).update(email_key=key)
            queue(recipient, key, *render_now(kind, items, recipient))
    return told


def queue(recipient, key, subject, body, html_body):
    mail.queue_email(to=recipient.email, subject=subject, body=body, html_body=html_body, key=key)


def _footer(recipient, stop_kind):
    return {
        "name": recipient.name,
        "preferences_url": settings.SITE_URL + reverse("notifications:preferences") if recipient.user else "",
        "stop_url": stop_url(stop_kind, recipient),
        "site_url": settings.SITE_URL + "/",
    }


def render_now(kind, items, recipient):
    """(subject, text, HTML) of an email sent at once."""
    kind_of_email = KINDS[kind]
    context = {"kind": kind_of_email, "items": items, **_footer(recipient, kind)}
    return (
        kind_of_email.subject(items),
        render_to_string("notifications/emails/now.txt", context),
        render_to_string("notifications/emails/now.html", context),
    )


def render_weekly(sections, recipient):
    """(subject, text, HTML) of the weekly email. `sections` is [(kind of email, [items])]."""
    count = sum(len(items) for _, items in sections)
    context = {"sections": sections, "count": count, **_footer(recipient, WEEKLY_EMAIL)}
    subject = f"Your week on Included: {count} thing{'s' if count != 1 else ''} waiting for you"
    return (
        subject,
        render_to_string("notifications/emails/weekly.txt", context),
        render_to_string("notifications/emails/weekly.html", context),
    )


def send_digests(*, now=None):
    """Send each person one weekly email with what was kept for it. Returns {"sent": n, "left out": n}."""
    now = now or timezone.now()
    outcome = {"sent": 0, "left out": 0}
    people = Notification.objects.waiting().order_by("user_id").values_list("user_id", flat=True).distinct()
    for user_id in list(people):
        sent, left_out = _send_digest(user_id, now)
        outcome["sent"] += sent
        outcome["left out"] += left_out
    return outcome


def _send_digest(user_id, now):
    with transaction.atomic():
        # Two runs at once: the second waits here, then finds nothing waiting.
        rows = list(
            Notification.objects.select_for_update().filter(user_id=user_id, status=Status.WAITING).order_by("id")
        )
        if not rows:
            return 0, 0
        user = rows[0].user
        recipient = Recipient(user.email, user)
        choices = choices_of(user)
        things = {}
        for kind in {row.kind for row in rows}:
            things[kind] = KINDS[kind].load([row.object_id for row in rows if row.kind == kind])
        keep, drop = [], []
        for row in rows:
            thing = things[row.kind].get(row.object_id)
            still = (
                user.is_active
                and choices[row.kind] != Frequency.NEVER
                and thing is not None
                and KINDS[row.kind].is_waiting(thing, recipient)
            )
            (keep if still else drop).append((row, thing))
        Notification.objects.filter(pk__in=[row.pk for row, _ in drop]).update(status=Status.DROPPED)
        if not keep:
            return 0, len(drop)
        sections = []
        for kind in Kind:
            items = [KINDS[kind].item(thing) for row, thing in keep if row.kind == kind]
            if items:
                sections.append((KINDS[kind], items))
        key = f"{WEEKLY_PREFIX}{user.pk}:{keep[-1][0].pk}"
        Notification.objects.filter(pk__in=[row.pk for row, _ in keep]).update(
            status=Status.SENT, sent_at=now, email_key=key
        )
        queue(recipient, key, *render_weekly(sections, recipient))
    return 1, len(drop)


def send_reminders(*, now=None):
    """Remind about invitations not used and contributions with no response, once each. Safe to run any time."""
    now = now or timezone.now()
    outcome = {Kind.INVITATION_REMINDER.label: 0, Kind.CONTRIBUTION_WAITING.label: 0, Kind.SERVICE_CHECK_DUE.label: 0}
    for partnership in Partnership.objects.order_by("pk"):
        invitations = _due(
            Invitation.objects.pending().for_partnership(partnership), partnership, Kind.INVITATION_REMINDER, now
        )
        if invitations:
            outcome[Kind.INVITATION_REMINDER.label] += notify(Kind.INVITATION_REMINDER, invitations, now=now)
        waiting = Contribution.objects.for_partnership(partnership).filter(
            ~Exists(Response.objects.filter(contribution=OuterRef("pk")))
        )
        contributions = _due(waiting, partnership, Kind.CONTRIBUTION_WAITING, now)
        if contributions:
            outcome[Kind.CONTRIBUTION_WAITING.label] += notify(Kind.CONTRIBUTION_WAITING, contributions, now=now)
        # Services are due a check six months after the last one (included/directory/freshness.py), not after days.
        checks = list(CheckReminder.objects.due_in(partnership, timezone.localdate(now)).values_list("pk", flat=True))
        if checks:
            outcome[Kind.SERVICE_CHECK_DUE.label] += notify(Kind.SERVICE_CHECK_DUE, checks, now=now)
    return outcome


def _due(queryset, partnership, kind, now):
    due = now - datetime.timedelta(days=reminder_days(partnership, kind))
    since = due - datetime.timedelta(days=REMINDER_WINDOW_DAYS)
    return list(queryset.filter(created_at__lte=due, created_at__gt=since).values_list("pk", flat=True))


def _notifications_in(email):
    return Notification.objects.filter(email_key=email.key).select_related("user")


@mail.register_still_wanted(NOW_PREFIX)
def still_wanted_now(email):
    """An email that waited for the mail server goes only if the person has not chosen "never" for its kind since."""
    notification = _notifications_in(email).first()
    if notification is None:
        return False
    recipient = Recipient(notification.email, notification.user)
    return frequency_for(recipient, notification.kind) != Frequency.NEVER


@mail.register_headers(NOW_PREFIX)
def headers_now(email):
    notification = _notifications_in(email).first()
    if notification is None:
        return {}
    return _unsubscribe_headers(notification.kind, Recipient(notification.email, notification.user))


@mail.register_headers(WEEKLY_PREFIX)
def headers_weekly(email):
    notification = _notifications_in(email).first()
    if notification is None or notification.user is None:
        return {}
    return _unsubscribe_headers(WEEKLY_EMAIL, Recipient(notification.email, notification.user))


def _unsubscribe_headers(kind, recipient):
    return {"List-Unsubscribe": f"<{stop_url(kind, recipient)}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
