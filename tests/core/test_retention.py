"""Retention: personal data Included no longer needs goes after the periods in settings, by one daily job.

`manage.py apply_retention` removes expired invitations, finished task results, emails sent (or given up on),
contributors' contact emails once their response was sent, and the details of old audit rows. Each test shows
old rows go and recent ones stay, and that running the job again changes nothing more.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from included.coproduction.enums import Decision, FeedbackMethod
from included.core import audit
from included.core.models import AuditEvent
from included.invitations.models import Invitation
from tests.coproduction.factories import ContributionFactory, FeedbackRecordFactory, ResponseFactory
from tests.invitations.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def apply_retention():
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    return out.getvalue()


def test_invitations_that_ran_out_long_ago_are_removed(settings):
    settings.RETAIN_EXPIRED_INVITATIONS_DAYS = 90
    long_expired = InvitationFactory(expires_at=days_ago(91))
    long_withdrawn = InvitationFactory(withdrawn_at=days_ago(91))
    recently_expired = InvitationFactory(expires_at=days_ago(89))
    waiting = InvitationFactory()
    accepted_long_ago = InvitationFactory(expires_at=days_ago(200), accepted_at=days_ago(205))

    apply_retention()

    assert set(Invitation.objects.all()) == {recently_expired, waiting, accepted_long_ago}
    assert not Invitation.objects.filter(pk__in=[long_expired.pk, long_withdrawn.pk]).exists()


def test_finished_task_results_are_removed_and_waiting_tasks_stay(settings):
    settings.RETAIN_TASK_RESULTS_DAYS = 14

    def result(status, finished_days_ago=None):
        return DBTaskResult.objects.create(
            status=status,
            args_kwargs={"args": [1], "kwargs": {}},
            task_path="included.core.mail.send_email",
            backend_name="default",
            run_after=timezone.now(),
            finished_at=days_ago(finished_days_ago) if finished_days_ago is not None else None,
        )

    old_success, old_failure = result("SUCCESSFUL", 15), result("FAILED", 15)
    recent = result("SUCCESSFUL", 13)
    waiting = result("READY")

    apply_retention()

    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not DBTaskResult.objects.filter(pk__in=[old_success.pk, old_failure.pk]).exists()


def test_sent_emails_are_removed_after_a_while_and_waiting_ones_stay(settings):
    from included.core.enums import EmailStatus
    from included.core.models import OutgoingEmail

    settings.RETAIN_SENT_EMAILS_DAYS = 30

    def email(status, days):
        sent_at = days_ago(days) if status == EmailStatus.SENT else None
        row = OutgoingEmail.objects.create(
            recipient="kim@example.org", subject="Hello", body="Hi", status=status, sent_at=sent_at
        )
        OutgoingEmail.objects.filter(pk=row.pk).update(created_at=days_ago(days))
        return row

    old_sent, gave_up_long_ago = email(EmailStatus.SENT, 31), email(EmailStatus.FAILED, 31)
    recent = email(EmailStatus.SENT, 29)
    waiting = email(EmailStatus.WAITING, 31)

    apply_retention()

    assert set(OutgoingEmail.objects.all()) == {recent, waiting}
    assert not OutgoingEmail.objects.filter(pk__in=[old_sent.pk, gave_up_long_ago.pk]).exists()


def test_a_contributors_email_address_goes_a_while_after_they_were_emailed_the_response(settings):
    settings.RETAIN_CONTACT_EMAILS_DAYS = 180
    today = timezone.localdate()

    def emailed(decision, days):
        contribution = ContributionFactory(hears_back=True)
        response = ResponseFactory(contribution=contribution, decision=decision)
        FeedbackRecordFactory(
            response=response, method=FeedbackMethod.EMAIL, told_on=today - datetime.timedelta(days=days)
        )
        return contribution

    told_long_ago = emailed(Decision.ADOPTED, 181)
    told_recently = emailed(Decision.ADOPTED, 179)
    still_in_progress = emailed(Decision.IN_PROGRESS, 181)
    waiting_for_a_response = ContributionFactory(hears_back=True)
    newer_response_not_emailed_yet = emailed(Decision.IN_PROGRESS, 181)
    ResponseFactory(contribution=newer_response_not_emailed_yet, decision=Decision.ADOPTED)

    apply_retention()

    told_long_ago.refresh_from_db()
    assert told_long_ago.contact_email == ""
    assert not told_long_ago.wants_updates
    assert told_long_ago.text, "what they said stays"
    for kept in [told_recently, still_in_progress, waiting_for_a_response, newer_response_not_emailed_yet]:
        kept.refresh_from_db()
        assert kept.contact_email, kept
        assert kept.wants_updates


def test_old_audit_rows_lose_their_details_and_keep_what_happened(settings):
    settings.RETAIN_AUDIT_DETAILS_DAYS = 365
    old = audit.record("review.response", summary="Answered a challenge", response="What we wrote back")
    recent = audit.record("review.response", summary="Answered a challenge", response="What we wrote back")
    AuditEvent.objects.filter(pk=old.pk).update(at=days_ago(366))
    AuditEvent.objects.filter(pk=recent.pk).update(at=days_ago(364))

    apply_retention()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.details == {}
    assert old.summary == "Answered a challenge"
    assert recent.details == {"response": "What we wrote back"}


def test_running_the_job_again_changes_nothing_more(settings):
    settings.RETAIN_EXPIRED_INVITATIONS_DAYS = 90
    InvitationFactory(expires_at=days_ago(91))

    first = apply_retention()
    second = apply_retention()

    assert "Expired invitations removed: 1" in first
    assert "Expired invitations removed: 0" in second
    assert AuditEvent.objects.filter(action="retention.applied").count() == 1
