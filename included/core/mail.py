"""The one door for email: every email Included sends goes through `queue_email`.

`queue_email` writes the email to the outbox (`OutgoingEmail`) in the caller's transaction and queues the task that
sends it. With the database task backend the task is saved in that same transaction, so an email exists exactly when
the change that caused it does: an invitation and its email are saved together or not at all. Nobody waits for the
mail server, and nobody sees an error when it is down.

Sending (`deliver`) is done by the task worker:

- a row is claimed before it is sent (one UPDATE that only succeeds for a row that is waiting and due), so two
  workers, or a task that runs twice, never send one row twice;
- the app that queued it can say it is no longer wanted (`register_still_wanted`): a person who stopped emails
  while theirs waited for the mail server does not get it; and it can add headers, such as List-Unsubscribe
  (`register_headers`);
- a failed send waits and is tried again, twice as long each time (settings.EMAIL_RETRY_DELAY_SECONDS, up to
  EMAIL_RETRY_MAX_DELAY_SECONDS), EMAIL_SEND_ATTEMPTS times in all; an address the server refuses is not retried;
- a send that began more than EMAIL_SENDING_STALE_SECONDS ago and never finished was cut off (the worker was
  stopped mid-send) and is tried again. The mail server may have taken it before the cut, so in that one case a
  person can get a second copy; it has the same Message-ID, which lets mail programs spot it.

`manage.py send_queued_emails` (every few minutes, from cron) picks up what was cut off and sends what is due, in
case the worker lost its task. `manage.py failed_emails` lists what Included gave up on, and `--retry` tries again;
the admin lists the outbox too. Emails sent, given up on or no longer wanted are removed after
settings.RETAIN_SENT_EMAILS_DAYS.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone
from django.utils.html import strip_tags

from .enums import EmailStatus
from .models import OutgoingEmail
from .personal_data import register_eraser, register_exporter, register_retention, scrub_rows

logger = logging.getLogger(__name__)


class NotAccepted(Exception):
    """The mail server took the message but did not say it would deliver it."""


def queue_email(*, to, subject, body, html_body="", from_email="", key=""):
    """Put one email to one address in the outbox, in the caller's transaction, and queue the task that sends it.

    `key` names what the email is about ("coproduction.response:12"): an email with that key is only ever queued
    once, and the one already queued is returned. Line breaks in a subject become spaces, so no text a person typed
    can add a header. Returns the outbox row.
    """
    if key:
        existing = OutgoingEmail.objects.filter(key=key).first()
        if existing is not None:
            return existing
    email = OutgoingEmail.objects.create(
        recipient=to.strip(),
        subject=" ".join(str(subject).split()),
        body=body,
        html_body=html_body,
        from_email=from_email or "",
        key=key,
    )
    _queue_send(email.pk)
    return email


def queue_message(message, *, key=""):
    """Put a ready-made EmailMessage (as django-allauth builds them) in the outbox: one row for each address."""
    html_body = next((alt.content for alt in getattr(message, "alternatives", []) if alt.mimetype == "text/html"), "")
    body = message.body
    if message.content_subtype == "html":
        html_body, body = body, strip_tags(body)
    return [
        queue_email(
            to=address, subject=message.subject, body=body, html_body=html_body, from_email=message.from_email, key=key
        )
        for address in message.to
    ]


STILL_WANTED = {}  # key prefix -> function(email) -> bool


def register_still_wanted(prefix):
    """Let the app that queues emails with keys starting `prefix` say, when each one's turn comes, whether it should
    still go: a person may have asked to stop while their email waited for the mail server. A decorator."""

    def register(check):
        STILL_WANTED[prefix] = check
        return check

    return register


EXTRA_HEADERS = {}  # key prefix -> function(email) -> {header: value}


def register_headers(prefix):
    """Let the app that queues emails with keys starting `prefix` add headers to each one as it is sent, such as
    List-Unsubscribe. They are worked out when the email goes, so a link in them is fresh on every try. A decorator.
    """

    def register(headers):
        EXTRA_HEADERS[prefix] = headers
        return headers

    return register


def _extra_headers(email):
    for prefix, headers in EXTRA_HEADERS.items():
        if email.key.startswith(prefix):
            # A header must be one line: a line break in a value could add a header of its own.
            return {name: " ".join(str(value).split()) for name, value in headers(email).items()}
    return {}


def _still_wanted(email):
    for prefix, check in STILL_WANTED.items():
        if email.key.startswith(prefix):
            return check(email)
    return True


@task
def send_email(email_id):
    """Send one email from the outbox. Safe to run any number of times: only the run that claims the row sends it."""
    return deliver(email_id)


def deliver(email_id, *, now=None):
    """Send the email if it is waiting and due, and record how it went. Returns what happened, in a few words."""
    now = now or timezone.now()
    claimed = (
        OutgoingEmail.objects.due(now)
        .filter(pk=email_id)
        .update(status=EmailStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        status = OutgoingEmail.objects.filter(pk=email_id).values_list("status", flat=True).first()
        return "already sent" if status == EmailStatus.SENT else "not due"
    email = OutgoingEmail.objects.get(pk=email_id)
    if not _still_wanted(email):
        OutgoingEmail.objects.filter(pk=email.pk, status=EmailStatus.SENDING, claimed_at=now).update(
            status=EmailStatus.CANCELLED, last_error="Not sent: the person no longer wants it."
        )
        return "no longer wanted"
    try:
        if not mailers.default.send_messages([_message(email)]):
            raise NotAccepted("The mail server did not accept the email.")
    except Exception as error:  # Whatever went wrong, the person's action is done: record it and try again.
        return _record_failure(email, error, now)
    OutgoingEmail.objects.filter(pk=email.pk, status=EmailStatus.SENDING, claimed_at=now).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def _message(email):
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email or None,
        to=[email.recipient],
        headers={**_extra_headers(email), "Message-ID": email.message_id},
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message


def retry_delay(attempts):
    """How long to wait after the given number of failed tries: doubling each time, up to a limit."""
    seconds = settings.EMAIL_RETRY_DELAY_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, settings.EMAIL_RETRY_MAX_DELAY_SECONDS))


def _is_permanent(error):
    """The server refused every address for good (a 5xx answer): trying again will not help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return False


def _record_failure(email, error, claimed_at):
    problem = f"{type(error).__name__}: {error}"[:2000]
    mine = OutgoingEmail.objects.filter(pk=email.pk, status=EmailStatus.SENDING, claimed_at=claimed_at)
    if _is_permanent(error) or email.attempts >= settings.EMAIL_SEND_ATTEMPTS:
        mine.update(status=EmailStatus.FAILED, last_error=problem)
        logger.error("Gave up on email %s after %s tries: %s", email.pk, email.attempts, problem)
        return "gave up"
    next_attempt_at = claimed_at + retry_delay(email.attempts)
    mine.update(status=EmailStatus.WAITING, next_attempt_at=next_attempt_at, last_error=problem)
    logger.warning(
        "Email %s not sent (try %s), trying again at %s: %s", email.pk, email.attempts, next_attempt_at, problem
    )
    _queue_send(email.pk, run_after=next_attempt_at)
    return "will try again"


def _queue_send(email_id, *, run_after=None):
    """Queue the send task. A later try needs a backend that can wait; without one, send_queued_emails sends it."""
    sender = send_email
    if run_after is not None:
        if not sender.get_backend().supports_defer:
            return
        sender = sender.using(run_after=run_after)
    sender.enqueue(email_id)


def recover_stale_sends(*, now=None):
    """Sends that were cut off half way go back to waiting, or to failed if they have had all their tries."""
    now = now or timezone.now()
    stale = OutgoingEmail.objects.stale(now)
    note = "The send was cut off before the mail server answered (the worker stopped)."
    given_up = stale.filter(attempts__gte=settings.EMAIL_SEND_ATTEMPTS).update(
        status=EmailStatus.FAILED, last_error=note
    )
    again = stale.update(status=EmailStatus.WAITING, next_attempt_at=now, last_error=note)
    return given_up + again


def send_due_emails(*, now=None):
    """Pick up sends that were cut off, then send every email that is due. Returns what happened to each."""
    now = now or timezone.now()
    outcome = {"picked up": recover_stale_sends(now=now)}
    for email_id in OutgoingEmail.objects.due(now).order_by("next_attempt_at", "id").values_list("pk", flat=True):
        result = deliver(email_id, now=now)
        outcome[result] = outcome.get(result, 0) + 1
    return outcome


def send_again(emails):
    """Try emails Included gave up on again, with all their tries. Returns how many will be sent."""
    ids = list(emails.failed().values_list("pk", flat=True))
    OutgoingEmail.objects.failed().filter(pk__in=ids).update(
        status=EmailStatus.WAITING, attempts=0, next_attempt_at=timezone.now(), claimed_at=None
    )
    for email_id in ids:
        _queue_send(email_id)
    return len(ids)


@register_exporter(covers=["core.OutgoingEmail"])
def emails_to_you(user):
    """What was emailed to the person, without the text: an email can hold a link that still works."""
    emails = OutgoingEmail.objects.to_address(user.email).order_by("created_at", "id")
    return {
        "emails_to_you": [
            {"subject": e.subject, "queued_at": e.created_at, "status": e.get_status_display(), "sent_at": e.sent_at}
            for e in emails
        ]
    }


@register_eraser(covers=["core.OutgoingEmail"])
def forget_emails(user):
    """Emails to the person go, sent or not: nobody needs them once the account is gone. Emails to others that name
    them (an invitation they sent) lose their name and email address."""
    OutgoingEmail.objects.to_address(user.email).delete()
    naming = Q(subject__icontains=user.email) | Q(body__icontains=user.email) | Q(html_body__icontains=user.email)
    if len(user.name.strip()) > 1:
        name = user.name.strip()
        naming |= Q(subject__icontains=name) | Q(body__icontains=name) | Q(html_body__icontains=name)
    scrub_rows(OutgoingEmail.objects.filter(naming), ["subject", "body", "html_body"], user)


@register_retention("Sent emails removed")
def old_emails(now):
    """Sent emails go a while after they were sent; those given up on, or no longer wanted, a while after queued."""
    limit = now - datetime.timedelta(days=settings.RETAIN_SENT_EMAILS_DAYS)
    done = Q(status=EmailStatus.SENT, sent_at__lt=limit) | Q(
        status__in=[EmailStatus.FAILED, EmailStatus.CANCELLED], created_at__lt=limit
    )
    return OutgoingEmail.objects.filter(done).delete()[0]
