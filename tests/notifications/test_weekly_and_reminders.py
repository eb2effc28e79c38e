"""The weekly email gathers what waits for a person into one email, leaving out what is done; the daily reminders
are sent once each, after the partnership's number of days."""

import pytest
from django.core import mail
from django.core.management import call_command

from included.assessments import services
from included.coproduction.enums import Decision
from included.notifications import tasks
from included.notifications.enums import Frequency, Kind, Status
from included.notifications.models import Notification, StoppedAddress
from included.notifications.sending import send_digests, send_reminders
from tests.assessments.factories import AssessmentFactory, admin_of, coordinator_of, make_reviewer
from tests.coproduction.factories import ContributionFactory, ResponseFactory
from tests.factories import OrganisationMemberFactory, UserFactory
from tests.invitations.factories import InvitationFactory

from .helpers import answer_challenge, assign, choose, days_ago, emails_to, finish, submitted_cycle

pytestmark = pytest.mark.django_db


def test_the_weekly_email_puts_two_things_in_one_email(django_capture_on_commit_callbacks):
    first, second = submitted_cycle(), None
    reviewer = make_reviewer(first.organisation.partnership, name="Jo Reviewer")
    second = submitted_cycle(sign_up__organisation__partnership=first.organisation.partnership)
    choose(reviewer, Kind.REVIEWER_ASSIGNED, Frequency.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        assign(first, reviewer)
        assign(second, reviewer)
    assert mail.outbox == []

    assert send_digests() == {"sent": 1, "left out": 0}

    [email] = emails_to(reviewer)
    assert email.subject == "Your week on Included: 2 things waiting for you"
    assert first.organisation.name in email.body
    assert second.organisation.name in email.body
    assert "/emails/stop/weekly/" in email.extra_headers["List-Unsubscribe"]
    [(html, _)] = email.alternatives
    assert first.organisation.name in html and second.organisation.name in html
    # Running it again sends nothing more.
    assert send_digests() == {"sent": 0, "left out": 0}
    assert len(mail.outbox) == 1


def test_the_weekly_email_groups_kinds_and_keeps_each_persons_things_apart(django_capture_on_commit_callbacks):
    review = finish(assign(submitted_cycle()), challenge=True)
    other = make_reviewer(review.assessment.organisation.partnership)
    choose(review.reviewer, Kind.REVIEWER_ASSIGNED, Frequency.WEEKLY)
    choose(other, Kind.REVIEWER_ASSIGNED, Frequency.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        answer_challenge(review)  # weekly by default
        assign(submitted_cycle(sign_up__organisation__partnership=review.partnership), review.reviewer)
        assign(submitted_cycle(sign_up__organisation__partnership=review.partnership), other)

    assert send_digests()["sent"] == 2

    [mine] = emails_to(review.reviewer)
    assert "You are asked to review a self-assessment\n----------" in mine.body
    assert "An organisation answered your challenge\n----------" in mine.body
    [theirs] = emails_to(other)
    assert "answered your challenge" not in theirs.body


def test_nobody_gets_an_empty_weekly_email(django_capture_on_commit_callbacks):
    cycle = submitted_cycle()
    reviewer = make_reviewer(cycle.organisation.partnership)
    choose(reviewer, Kind.REVIEWER_ASSIGNED, Frequency.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        review = assign(cycle, reviewer)
    finish(review)  # the review was done before the week was out

    assert send_digests() == {"sent": 0, "left out": 1}

    assert mail.outbox == []
    assert Notification.objects.get().status == Status.DROPPED


def test_the_weekly_email_leaves_out_what_is_done_and_keeps_the_rest(django_capture_on_commit_callbacks):
    done, waiting = submitted_cycle(), None
    reviewer = make_reviewer(done.organisation.partnership)
    waiting = submitted_cycle(sign_up__organisation__partnership=done.organisation.partnership)
    choose(reviewer, Kind.REVIEWER_ASSIGNED, Frequency.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        finished = assign(done, reviewer)
        assign(waiting, reviewer)
    finish(finished)

    send_digests()

    [email] = emails_to(reviewer)
    assert email.subject == "Your week on Included: 1 thing waiting for you"
    assert waiting.organisation.name in email.body
    assert done.organisation.name not in email.body


def test_a_kind_switched_to_never_before_the_week_is_out_is_left_out(django_capture_on_commit_callbacks):
    cycle = submitted_cycle()
    reviewer = make_reviewer(cycle.organisation.partnership)
    choose(reviewer, Kind.REVIEWER_ASSIGNED, Frequency.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        assign(cycle, reviewer)
    choose(reviewer, Kind.REVIEWER_ASSIGNED, Frequency.NEVER)

    send_digests()

    assert mail.outbox == []


def test_the_weekly_command_says_what_it_did(django_capture_on_commit_callbacks, capsys):
    cycle = submitted_cycle()
    reviewer = make_reviewer(cycle.organisation.partnership)
    choose(reviewer, Kind.REVIEWER_ASSIGNED, Frequency.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        assign(cycle, reviewer)

    call_command("send_digests")

    assert "Weekly emails queued: 1." in capsys.readouterr().out
    assert len(emails_to(reviewer)) == 1


# Reminders


def _invitation(days, **kwargs):
    invitation = InvitationFactory(**kwargs)
    type(invitation).objects.filter(pk=invitation.pk).update(created_at=days_ago(days))
    return invitation


def _contribution(days, **kwargs):
    contribution = ContributionFactory(**kwargs)
    type(contribution).objects.filter(pk=contribution.pk).update(created_at=days_ago(days))
    return contribution


def test_an_invitation_not_used_after_seven_days_gets_one_reminder():
    invitation = _invitation(8, invited_by=UserFactory(name="Sam Coordinator", email="sam@example.org"))

    send_reminders()
    send_reminders()
    call_command("send_reminders")

    [email] = emails_to(invitation.email)
    assert email.subject == "A reminder: your invitation to join Included"
    assert "If you have a question, contact Sam Coordinator at sam@example.org." in email.body
    assert "/emails/stop/invitation_reminder/" in email.extra_headers["List-Unsubscribe"]
    # Someone with no account has no choices page to link to.
    assert "/accounts/settings/emails/" not in email.body


@pytest.mark.parametrize(
    "details",
    [{"days": 3}, {"days": 8, "accepted": True}, {"days": 8, "withdrawn": True}, {"days": 8, "expired": True}],
    ids=["too soon", "accepted", "withdrawn", "expired"],
)
def test_no_reminder_for_an_invitation_too_new_or_no_longer_waiting(details):
    _invitation(details.pop("days"), **details)

    send_reminders()

    assert mail.outbox == []


def test_no_reminder_about_things_from_long_ago_when_reminders_first_run():
    _invitation(60)
    _contribution(90)

    send_reminders()

    assert mail.outbox == []


def test_an_address_that_stopped_reminders_gets_none():
    invitation = _invitation(8)
    StoppedAddress.objects.stop(invitation.email.upper(), Kind.INVITATION_REMINDER)

    send_reminders()

    assert mail.outbox == []
    assert Notification.objects.get().status == Status.SKIPPED


def test_an_invited_person_with_an_account_gets_the_reminder_as_they_chose():
    person = UserFactory()
    _invitation(8, email=person.email)
    choose(person, Kind.INVITATION_REMINDER, Frequency.WEEKLY)

    send_reminders()
    assert mail.outbox == []
    send_digests()

    [email] = emails_to(person)
    assert "Join " in email.body


def test_the_admins_hear_once_about_what_someone_said_with_no_response_after_fourteen_days():
    contribution = _contribution(15)
    organisation = contribution.activity.organisation
    admin = admin_of(organisation)
    member = OrganisationMemberFactory(organisation=organisation, member=True).user

    send_reminders()
    send_reminders()

    [email] = emails_to(admin)
    assert contribution.activity.title in email.subject
    assert f"/contributions/{contribution.pk}/respond/" in email.body
    # The email never repeats what the person said: it stays in Included.
    assert contribution.text not in email.body
    assert emails_to(member) == []


def test_no_reminder_about_what_someone_said_once_it_has_a_response():
    contribution = _contribution(15)
    admin_of(contribution.activity.organisation)
    ResponseFactory(contribution=contribution, decision=Decision.ADOPTED, what_changed="We moved the fair.")
    _contribution(10, activity=contribution.activity)  # too soon

    send_reminders()

    assert mail.outbox == []


def test_reminders_follow_the_partnerships_number_of_days():
    invitation = _invitation(4)
    send_reminders()
    assert mail.outbox == [], "the usual number of days is 7"

    invitation.partnership.invitation_reminder_days = 3
    invitation.partnership.save()
    send_reminders()

    assert len(emails_to(invitation.email)) == 1


def test_the_weekly_email_and_the_reminders_can_run_as_background_tasks():
    _invitation(8)

    assert tasks.send_reminders.call()[Kind.INVITATION_REMINDER.label] == 1
    assert tasks.send_digests.call() == {"sent": 0, "left out": 0}


def test_a_cycle_that_found_its_reviewers_is_left_out_of_the_coordinators_weekly_email(
    django_capture_on_commit_callbacks,
):
    cycle = AssessmentFactory(rated=True)
    coordinator = coordinator_of(cycle.organisation.partnership)
    choose(coordinator, Kind.CYCLE_SUBMITTED, Frequency.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_assessment(cycle, by=admin_of(cycle.organisation))
    assign(cycle)  # another coordinator chose reviewers before the week was out

    assert send_digests() == {"sent": 0, "left out": 1}


def test_a_finished_review_stays_in_the_weekly_email_until_every_challenge_is_answered(
    django_capture_on_commit_callbacks,
):
    review = assign(submitted_cycle())
    admin = admin_of(review.assessment.organisation)
    choose(admin, Kind.REVIEW_FINISHED, Frequency.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        finish(review, challenge=True)
    answer_challenge(review)

    assert send_digests() == {"sent": 0, "left out": 1}
