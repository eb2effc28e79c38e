"""The services: every change is audited, responses keep their history, and people who asked are told by email."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from included.coproduction import services
from included.coproduction.enums import (
    AccessSupport,
    ContributionSource,
    Decision,
    FeedbackMethod,
    LadderRung,
    Method,
    Recognition,
    Stage,
)
from included.coproduction.models import Contribution, ContributionLink, FeedbackRecord, Response, hash_link_token
from included.coproduction.tasks import tell_contributor_about_response
from included.core.models import AuditEvent
from tests.factories import OrganisationMemberFactory

from .factories import ActivityFactory, ContributionFactory, ResponseFactory

pytestmark = pytest.mark.django_db

BASE_URL = "https://included.example/"


def respond(contribution, by, decision=Decision.ADOPTED, **details):
    details.setdefault("what_changed", "We moved the job fair to the library.")
    return services.record_response(contribution, decision=decision, by=by, base_url=BASE_URL, **details)


def test_recording_an_activity_saves_it_and_writes_an_audit_row(organisation, member):
    activity = services.record_activity(
        organisation,
        by=member.user,
        title="Panel on our hiring",
        purpose="To review how we hire.",
        stage=Stage.RECRUITMENT,
        method=Method.PANEL,
        ladder_rung=LadderRung.ENGAGEMENT,
        invited_on=datetime.date(2026, 9, 1),
        held_on=datetime.date(2026, 9, 20),
    )

    assert activity.organisation == organisation
    assert activity.notice_days == 19
    event = AuditEvent.objects.about(activity).get()
    assert event.action == "coproduction.activity_recorded"
    assert event.actor == member.user
    assert event.partnership == organisation.partnership


def test_changing_how_people_were_thanked_drops_the_hourly_rate_that_no_longer_applies(activity, member):
    services.update_activity(activity, by=member.user, recognition=Recognition.VOUCHERS, voucher_value=Decimal("40"))

    activity.refresh_from_db()
    assert activity.hourly_rate is None
    assert activity.voucher_value == Decimal("40.00")
    assert activity.paid_to_participants == Decimal("40.00")


def test_other_access_support_text_is_dropped_when_other_is_not_chosen(activity, member):
    services.update_activity(
        activity, by=member.user, access_support=[AccessSupport.BSL], access_support_other="A hearing loop"
    )

    activity.refresh_from_db()
    assert activity.access_support == ["bsl"]
    assert activity.access_support_other == ""


def test_an_activity_cannot_happen_before_people_were_invited(organisation, member):
    with pytest.raises(ValidationError):
        services.record_activity(
            organisation,
            by=member.user,
            title="Backwards",
            purpose="Oops.",
            stage=Stage.STRATEGY,
            method=Method.SURVEY,
            ladder_rung=LadderRung.INFORMING,
            invited_on=datetime.date(2026, 9, 20),
            held_on=datetime.date(2026, 9, 1),
        )


def test_a_response_can_be_updated_and_every_earlier_response_is_kept(activity, member):
    contribution = ContributionFactory(activity=activity)

    first = respond(contribution, member.user, Decision.IN_PROGRESS, what_changed="We are asking the library.")
    second = respond(contribution, member.user, Decision.ADOPTED, changed_on=datetime.date(2026, 3, 1))

    assert list(contribution.responses.all()) == [second, first]
    assert contribution.current_response == second
    assert [r.pk for r in contribution.earlier_responses] == [first.pk]
    assert Response.objects.current().get() == second
    assert AuditEvent.objects.filter(action="coproduction.response_recorded").count() == 2


def test_not_adopting_a_contribution_needs_a_reason(activity, member):
    contribution = ContributionFactory(activity=activity)

    with pytest.raises(ValidationError):
        respond(contribution, member.user, Decision.NOT_ADOPTED, what_changed="", reason="  ")

    assert not contribution.responses.exists()


def test_a_person_who_asked_to_hear_back_is_emailed_the_response(activity, member):
    contribution = ContributionFactory(activity=activity, hears_back=True, named=True)

    respond(contribution, member.user, Decision.ADOPTED, what_changed="The job fair is now at the library.")

    [email] = mail.outbox
    assert email.to == [contribution.contact_email]
    assert activity.title in email.subject
    assert "Hello Amira Khan" in email.body
    assert contribution.text in email.body
    assert "What they did: Adopted" in email.body
    assert "The job fair is now at the library." in email.body
    assert (
        f"{BASE_URL}p/{activity.organisation.partnership.slug}/org/{activity.organisation.slug}/you-said-we-did/"
        in email.body
    )
    feedback = FeedbackRecord.objects.get(contribution=contribution)
    assert feedback.method == FeedbackMethod.EMAIL
    assert feedback.recorded_by is None
    assert Contribution.objects.with_progress().get(pk=contribution.pk).was_told


def test_nobody_is_emailed_unless_they_asked_to_hear_back(activity, member):
    quiet = ContributionFactory(activity=activity, contact_email="quiet@example.org", wants_updates=False)

    respond(quiet, member.user)

    assert mail.outbox == []
    assert not FeedbackRecord.objects.exists()


def test_people_who_asked_are_emailed_and_others_in_the_same_activity_are_not(activity, member):
    asked = ContributionFactory(activity=activity, hears_back=True)
    did_not_ask = ContributionFactory(activity=activity)

    respond(asked, member.user)
    respond(did_not_ask, member.user)

    assert [email.to for email in mail.outbox] == [[asked.contact_email]]


def test_a_private_contribution_is_emailed_without_a_link_to_the_public_page(activity, member):
    contribution = ContributionFactory(activity=activity, hears_back=True, private=True)

    respond(contribution, member.user)

    [email] = mail.outbox
    assert "you-said-we-did" not in email.body


def test_when_a_response_changes_the_person_is_told_again(activity, member):
    contribution = ContributionFactory(activity=activity, hears_back=True)

    respond(contribution, member.user, Decision.IN_PROGRESS, what_changed="We are talking to the library.")
    respond(contribution, member.user, Decision.ADOPTED, what_changed="The job fair is at the library.")

    assert len(mail.outbox) == 2
    assert "has an update" in mail.outbox[1].body
    assert FeedbackRecord.objects.filter(contribution=contribution).count() == 2


def test_running_the_email_task_twice_sends_one_email(activity, member):
    contribution = ContributionFactory(activity=activity, hears_back=True)
    response = respond(contribution, member.user)

    tell_contributor_about_response.call(response.pk, BASE_URL)

    assert len(mail.outbox) == 1


def test_an_email_for_a_response_that_was_replaced_is_not_sent(activity, member):
    contribution = ContributionFactory(activity=activity, hears_back=True)
    older = ResponseFactory(contribution=contribution, decision=Decision.IN_PROGRESS)
    ResponseFactory(contribution=contribution)

    assert tell_contributor_about_response.call(older.pk, BASE_URL) == "replaced by a newer response"
    assert mail.outbox == []


def test_a_line_break_in_a_title_never_reaches_the_email_subject(organisation, member):
    activity = ActivityFactory(organisation=organisation, title="Panel\nBcc: everyone@example.org")
    contribution = ContributionFactory(activity=activity, hears_back=True)

    respond(contribution, member.user)

    [email] = mail.outbox
    assert "\n" not in email.subject
    assert email.bcc == []


# The worker closes "old" database connections each time it wakes. Inside a test's transaction, PostgreSQL's
# connection would count as old (its autocommit is off) and be closed under the test, so this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_email_waits_for_the_worker(settings, activity, member):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    contribution = ContributionFactory(activity=activity, hears_back=True)

    respond(contribution, member.user)

    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert [email.to for email in mail.outbox] == [[contribution.contact_email]]
    assert FeedbackRecord.objects.filter(contribution=contribution, method=FeedbackMethod.EMAIL).exists()


def test_feedback_given_at_a_meeting_closes_the_loop(activity, member):
    contribution = ContributionFactory(activity=activity)
    response = ResponseFactory(contribution=contribution)

    [record] = services.record_feedback(
        [contribution],
        method=FeedbackMethod.MEETING,
        told_on=datetime.date(2026, 1, 10),
        by=member.user,
        note="At the January panel.",
    )

    assert record.response == response
    assert record.recorded_by == member.user
    row = Contribution.objects.with_progress().get(pk=contribution.pk)
    assert row.current_decision == Decision.ADOPTED
    assert row.was_told
    assert AuditEvent.objects.filter(action="coproduction.feedback_recorded").exists()


def test_feedback_cannot_be_recorded_before_there_is_a_response(activity, member):
    contribution = ContributionFactory(activity=activity)

    with pytest.raises(ValidationError):
        services.record_feedback(
            [contribution], method=FeedbackMethod.PHONE, told_on=datetime.date(2026, 1, 10), by=member.user
        )

    assert not FeedbackRecord.objects.exists()


def test_emails_from_included_cannot_be_recorded_by_hand(activity, member):
    contribution = ResponseFactory(contribution__activity=activity).contribution

    with pytest.raises(ValidationError):
        services.record_feedback(
            [contribution], method=FeedbackMethod.EMAIL, told_on=datetime.date(2026, 1, 10), by=member.user
        )


def test_a_new_link_stores_only_a_hash_and_stops_the_old_link(activity, member):
    old_link, old_token = services.create_contribution_link(activity, by=member.user)
    new_link, new_token = services.create_contribution_link(activity, by=member.user)

    assert old_token != new_token
    assert new_link.token_hash == hash_link_token(new_token)
    assert new_token not in new_link.token_hash
    assert list(ContributionLink.objects.active()) == [new_link]
    assert not ContributionLink.objects.for_token(old_token).active().exists()


def test_switching_off_a_link_stops_it_and_is_audited(activity, member):
    link, token = services.create_contribution_link(activity, by=member.user)

    assert services.switch_off_contribution_link(activity, by=member.user) == 1
    assert services.switch_off_contribution_link(activity, by=member.user) == 0

    link.refresh_from_db()
    assert not link.is_active
    assert AuditEvent.objects.filter(action="coproduction.link_switched_off").count() == 1
    with pytest.raises(ValidationError):
        services.add_contribution_through_link(link, text="Hello", consent_to_publish=True)


def test_a_contribution_through_a_link_has_no_author_and_uses_the_activitys_stage(activity, member):
    link, _token = services.create_contribution_link(activity, by=member.user)

    contribution = services.add_contribution_through_link(
        link,
        text="  More breaks, please.  ",
        consent_to_publish=True,
        contributor_name="  ",
        named_publicly=True,
        contact_email=" Me@Example.org ",
        wants_updates=True,
    )

    assert contribution.source == ContributionSource.PARTICIPANT
    assert contribution.created_by is None
    assert contribution.text == "More breaks, please."
    assert contribution.stage == activity.stage
    assert contribution.named_publicly is False
    assert contribution.contact_email == "me@example.org"
    assert contribution.wants_updates is True


def test_the_email_says_whom_to_write_to_with_their_email_address(activity, member):
    contribution = ContributionFactory(activity=activity, hears_back=True)

    respond(contribution, member.user)

    [email] = mail.outbox
    assert f"email {member.user.name} at {activity.organisation.name}: {member.user.email}" in email.body


def test_when_the_person_who_answered_has_left_the_email_names_an_admin(activity, member):
    admin = OrganisationMemberFactory(organisation=activity.organisation)
    contribution = ContributionFactory(activity=activity, hears_back=True)
    response = ResponseFactory(contribution=contribution, created_by=member.user)
    member.delete()

    tell_contributor_about_response.call(response.pk, BASE_URL)

    [email] = mail.outbox
    assert admin.user.email in email.body
    assert member.user.email not in email.body
