"""Every email goes through one door, core.mail: an outbox row written with the change, sent by a task.

Sending is retried with a growing wait, a send that was cut off is picked up again, each row is sent once, and
the emails Included gave up on are listed for someone to see (`manage.py failed_emails`, and the admin).
"""

import ast
import datetime
import io
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from included.core import mail as outbox
from included.core.enums import EmailStatus
from included.core.models import OutgoingEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2] / "included"


def minutes_from_now(minutes):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def queue(to="kim@example.org", **details):
    details.setdefault("subject", "Hello from Included")
    details.setdefault("body", "A short message.")
    return outbox.queue_email(to=to, **details)


def test_nothing_in_included_sends_email_except_through_core_mail():
    """django.core.mail is only imported by included/core/mail.py: every other email goes through its door."""
    senders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            if any(name.startswith("django.core.mail") for name in names):
                senders.append(str(path.relative_to(PACKAGE)))
    assert senders == ["core/mail.py"]


def test_a_queued_email_is_sent_once_with_a_message_id_of_its_own():
    email = queue(subject="Hello\nBcc: everyone@example.org")

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.attempts == 1
    assert email.sent_at is not None
    [sent] = mail.outbox
    assert sent.to == ["kim@example.org"]
    assert sent.subject == "Hello Bcc: everyone@example.org"
    assert sent.bcc == []
    assert sent.extra_headers["Message-ID"] == email.message_id


def test_running_the_send_task_again_never_sends_a_second_copy():
    email = queue()

    assert outbox.send_email.call(email.pk) == "already sent"
    outbox.send_due_emails(now=minutes_from_now(600))

    assert len(mail.outbox) == 1


def test_a_send_under_way_elsewhere_is_left_alone(mail_server_down):
    email = queue()
    mail_server_down.back_up()
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.SENDING, claimed_at=timezone.now())

    assert outbox.send_email.call(email.pk) == "not due"
    outbox.send_due_emails(now=minutes_from_now(5))

    assert mail.outbox == []


def test_a_send_cut_off_half_way_is_picked_up_again_once_it_is_stale(settings, mail_server_down):
    settings.EMAIL_SENDING_STALE_SECONDS = 15 * 60
    email = queue()
    mail_server_down.back_up()
    # The worker claimed the email, then died before it could say how the send went.
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.SENDING, claimed_at=timezone.now())

    outbox.send_due_emails(now=minutes_from_now(10))
    assert mail.outbox == []

    outbox.send_due_emails(now=minutes_from_now(20))
    [sent] = mail.outbox
    assert sent.to == ["kim@example.org"]
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT

    outbox.send_due_emails(now=minutes_from_now(60))
    assert len(mail.outbox) == 1


def test_failed_sends_wait_longer_each_time_then_give_up(settings, mail_server_down):
    settings.EMAIL_SEND_ATTEMPTS = 4
    settings.EMAIL_RETRY_DELAY_SECONDS = 60
    settings.EMAIL_RETRY_MAX_DELAY_SECONDS = 3600
    started = timezone.now()
    email = queue()

    waits = []
    now = started
    for _ in range(3):
        email.refresh_from_db()
        assert email.status == EmailStatus.WAITING
        waits.append(round((email.next_attempt_at - now).total_seconds() / 60))
        now = email.next_attempt_at
        outbox.send_due_emails(now=now)

    email.refresh_from_db()
    assert waits == [1, 2, 4]
    assert email.status == EmailStatus.FAILED
    assert email.attempts == 4
    assert "Service not available" in email.last_error
    assert mail.outbox == []


def test_a_refused_address_is_not_tried_again(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.mailers.AddressRefused"}}
    email = queue(to="nobody@nowhere.example")

    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert email.attempts == 1


def test_failed_emails_are_listed_and_can_be_sent_again(settings, mail_server_down):
    settings.EMAIL_SEND_ATTEMPTS = 1
    gave_up = queue(to="jo@example.org", subject="Your invitation")
    mail_server_down.back_up()
    queue(to="sent@example.org", subject="Already sent")

    listing = io.StringIO()
    call_command("failed_emails", stdout=listing)
    assert "jo@example.org" in listing.getvalue()
    assert "Your invitation" in listing.getvalue()
    assert "Service not available" in listing.getvalue()
    assert "sent@example.org" not in listing.getvalue()

    call_command("failed_emails", "--retry", stdout=io.StringIO())
    gave_up.refresh_from_db()
    assert gave_up.status == EmailStatus.SENT
    assert [message.to for message in mail.outbox] == [["sent@example.org"], ["jo@example.org"]]

    listing = io.StringIO()
    call_command("failed_emails", stdout=listing)
    assert "jo@example.org" not in listing.getvalue()


def test_the_admin_lists_emails_and_can_send_failed_ones_again(client, settings, mail_server_down):
    settings.EMAIL_SEND_ATTEMPTS = 1
    gave_up = queue(to="jo@example.org", subject="Your invitation")
    mail_server_down.back_up()
    client.force_login(UserFactory(is_staff=True, is_superuser=True, with_two_step=True))

    response = client.get("/admin/core/outgoingemail/?status__exact=failed")
    assert response.status_code == 200
    assert "jo@example.org" in response.content.decode()

    client.post("/admin/core/outgoingemail/", {"action": "send_again", "_selected_action": [gave_up.pk]})
    gave_up.refresh_from_db()
    assert gave_up.status == EmailStatus.SENT


def test_the_email_task_queued_with_the_change_waits_for_the_worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    email = queue()

    assert mail.outbox == []
    assert DBTaskResult.objects.filter(args_kwargs__args=[email.pk]).exists()


# These commit for real, like the worker does (see tests/coproduction/test_services.py).
@pytest.mark.django_db(transaction=True)
def test_an_email_queued_in_a_change_that_is_undone_is_never_sent(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the change failed after the email was queued")

    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_task_cut_off_half_way_does_not_stay_running_for_ever(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_STALE_SECONDS = 15 * 60
    email = queue()
    # The worker took the task and died: the task's row says "running", and nothing else will ever run it.
    task = DBTaskResult.objects.get()
    DBTaskResult.objects.filter(pk=task.pk).update(
        status="RUNNING", started_at=timezone.now() - datetime.timedelta(hours=1)
    )

    call_command("send_queued_emails", stdout=io.StringIO())

    task.refresh_from_db()
    assert task.status != "RUNNING"
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_an_app_can_add_headers_to_its_emails_as_they_are_sent_each_on_one_line(monkeypatch):
    def headers(email):
        return {"List-Unsubscribe": f"<https://included.example/stop/{email.pk}/>\r\nBcc: everyone@example.org"}

    monkeypatch.setitem(outbox.EXTRA_HEADERS, "test.headers:", headers)

    email = queue(key="test.headers:1")
    queue(to="other@example.org")

    first, other = mail.outbox
    assert first.extra_headers["List-Unsubscribe"] == (
        f"<https://included.example/stop/{email.pk}/> Bcc: everyone@example.org"
    )
    message = first.message()
    assert "\n" not in message["List-Unsubscribe"]
    assert message["Bcc"] is None, "a line break in a value must not add a header of its own"
    assert "List-Unsubscribe" not in other.extra_headers
    # The Message-ID stays Included's own, whatever an app says.
    assert first.extra_headers["Message-ID"] == email.message_id
