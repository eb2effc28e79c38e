"""Each kind of email is queued once, when its event is committed, and as each person chose: at once, in the weekly
email, or never."""

import pytest
from django.core import mail
from django.db import transaction

from included.assessments import services
from included.core import mail as outbox
from included.core.models import OutgoingEmail
from included.notifications import receivers
from included.notifications.enums import Frequency, Kind, Status
from included.notifications.models import Notification
from included.notifications.sending import notify
from tests.assessments.factories import AssessmentFactory, admin_of, make_reviewer, rate_every_item
from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory

from .helpers import answer_challenge, assign, choose, emails_to, finish, submitted_cycle

pytestmark = pytest.mark.django_db


def test_a_reviewer_is_emailed_once_when_asked_to_review(django_capture_on_commit_callbacks):
    cycle = submitted_cycle()
    reviewer = make_reviewer(cycle.organisation.partnership, name="Jo Reviewer")

    with django_capture_on_commit_callbacks(execute=True):
        review = assign(cycle, reviewer)

    [email] = emails_to(reviewer)
    assert email.subject == f"Please review {cycle.organisation.name}: {cycle.sign_up.framework_version}, cycle 1"
    assert "Hello Jo Reviewer," in email.body
    assert f"/reviews/{review.pk}/" in email.body
    [(html, kind)] = email.alternatives
    assert kind == "text/html"
    assert "Start the review" in html
    # The coordinator who asked is named, so the reviewer knows who to contact.
    assert review.assigned_by.email in email.body

    # The same event again (a signal sent twice, a retry) never emails twice.
    notify(Kind.REVIEWER_ASSIGNED, [review.pk])
    assert len(emails_to(reviewer)) == 1


def test_nothing_is_emailed_for_a_change_that_was_rolled_back(django_capture_on_commit_callbacks):
    cycle = submitted_cycle()
    reviewer = make_reviewer(cycle.organisation.partnership)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        assign(cycle, reviewer)
        raise RuntimeError("the request failed after the reviewer was chosen")

    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_the_email_is_only_queued_once_the_change_is_committed(django_capture_on_commit_callbacks):
    cycle = submitted_cycle()
    reviewer = make_reviewer(cycle.organisation.partnership)

    with django_capture_on_commit_callbacks(execute=False) as waiting:
        assign(cycle, reviewer)
        assert not OutgoingEmail.objects.exists()

    for callback in waiting:  # the email, and the public pages' cache being told of the change
        callback()
    assert len(emails_to(reviewer)) == 1


def test_coordinators_are_emailed_when_a_cycle_is_sent_for_review(django_capture_on_commit_callbacks):
    cycle = AssessmentFactory(rated=True)
    partnership = cycle.organisation.partnership
    first, second = PartnershipMemberFactory(partnership=partnership), PartnershipMemberFactory(partnership=partnership)
    other_partnership = PartnershipMemberFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_assessment(cycle, by=admin_of(cycle.organisation))

    for coordinator in (first.user, second.user):
        [email] = emails_to(coordinator)
        assert email.subject.startswith("Choose reviewers for")
        assert f"/submitted/{cycle.pk}/reviewers/" in email.body
    assert emails_to(other_partnership.user) == []
    assert emails_to(admin_of(cycle.organisation)) == []


def test_the_organisations_admins_are_emailed_when_a_review_is_finished(django_capture_on_commit_callbacks):
    review = assign(submitted_cycle())
    admin = admin_of(review.assessment.organisation)
    member = OrganisationMemberFactory(organisation=review.assessment.organisation, member=True).user

    with django_capture_on_commit_callbacks(execute=True):
        finish(review, challenge=True)

    [email] = emails_to(admin)
    assert "is finished" in email.subject
    assert "They challenged 1 rating. You can answer each one." in email.body
    assert emails_to(member) == []


def test_the_reviewer_hears_when_their_challenge_is_answered(django_capture_on_commit_callbacks):
    review = finish(assign(submitted_cycle()), challenge=True)
    choose(review.reviewer, Kind.CHALLENGE_ANSWERED, Frequency.AT_ONCE)

    with django_capture_on_commit_callbacks(execute=True):
        answer_challenge(review, "We asked our peer group and changed our plan.")

    [email] = emails_to(review.reviewer)
    assert email.subject == f"{review.assessment.organisation.name} answered your challenge"
    assert "Their answer: We asked our peer group and changed our plan." in email.body


def test_answers_to_challenges_wait_for_the_weekly_email_unless_the_reviewer_chooses(
    django_capture_on_commit_callbacks,
):
    review = finish(assign(submitted_cycle()), challenge=True)

    with django_capture_on_commit_callbacks(execute=True):
        answer_challenge(review)

    assert emails_to(review.reviewer) == []
    assert Notification.objects.get(kind=Kind.CHALLENGE_ANSWERED).status == Status.WAITING


def test_someone_who_chose_never_gets_nothing(django_capture_on_commit_callbacks):
    cycle = submitted_cycle()
    reviewer = make_reviewer(cycle.organisation.partnership)
    choose(reviewer, Kind.REVIEWER_ASSIGNED, Frequency.NEVER)

    with django_capture_on_commit_callbacks(execute=True):
        assign(cycle, reviewer)

    assert mail.outbox == []
    assert Notification.objects.get().status == Status.SKIPPED


def test_someone_who_chose_weekly_gets_nothing_at_once(django_capture_on_commit_callbacks):
    cycle = submitted_cycle()
    reviewer = make_reviewer(cycle.organisation.partnership)
    choose(reviewer, Kind.REVIEWER_ASSIGNED, Frequency.WEEKLY)

    with django_capture_on_commit_callbacks(execute=True):
        assign(cycle, reviewer)

    assert mail.outbox == []
    assert Notification.objects.get().status == Status.WAITING


def test_two_reviewers_asked_at_once_each_get_their_own_email(django_capture_on_commit_callbacks):
    cycle = submitted_cycle()
    partnership = cycle.organisation.partnership
    first, second = make_reviewer(partnership), make_reviewer(partnership)
    coordinator = PartnershipMemberFactory(partnership=partnership).user

    with django_capture_on_commit_callbacks(execute=True):
        services.assign_reviewers(cycle, [first, second], by=coordinator)

    assert len(emails_to(first)) == 1
    assert len(emails_to(second)) == 1


def test_every_email_has_a_one_click_stop_link_and_a_link_to_the_choices_page(django_capture_on_commit_callbacks):
    cycle = submitted_cycle()
    reviewer = make_reviewer(cycle.organisation.partnership)

    with django_capture_on_commit_callbacks(execute=True):
        assign(cycle, reviewer)

    [email] = emails_to(reviewer)
    stop = email.extra_headers["List-Unsubscribe"]
    assert stop.startswith("<http") and stop.endswith(">")
    assert "/emails/stop/reviewer_assigned/" in stop
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert stop[1:-1] in email.body
    assert "/accounts/settings/emails/" in email.body
    [(html, _)] = email.alternatives
    assert "/accounts/settings/emails/" in html
    assert "Stop emails like this one" in html


def test_an_email_waiting_for_the_mail_server_is_not_sent_once_the_person_chose_never(
    django_capture_on_commit_callbacks, mail_server_down
):
    cycle = submitted_cycle()
    reviewer = make_reviewer(cycle.organisation.partnership)
    with django_capture_on_commit_callbacks(execute=True):
        assign(cycle, reviewer)
    choose(reviewer, Kind.REVIEWER_ASSIGNED, Frequency.NEVER)
    mail_server_down.back_up()

    email = OutgoingEmail.objects.get()
    assert outbox.deliver(email.pk, now=email.next_attempt_at) == "no longer wanted"
    assert mail.outbox == []


def test_a_draft_cycle_being_saved_emails_nobody(django_capture_on_commit_callbacks):
    cycle = AssessmentFactory()
    PartnershipMemberFactory(partnership=cycle.organisation.partnership)

    with django_capture_on_commit_callbacks(execute=True):
        rate_every_item(cycle)

    assert mail.outbox == []


def test_a_mistake_while_making_the_email_never_undoes_the_persons_change(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(kind, ids):
        raise RuntimeError("the template is broken")

    monkeypatch.setattr(receivers, "notify", broken)
    cycle = submitted_cycle()
    reviewer = make_reviewer(cycle.organisation.partnership)

    with django_capture_on_commit_callbacks(execute=True):
        review = assign(cycle, reviewer)

    review.refresh_from_db()
    assert mail.outbox == []
    assert "the template is broken" in caplog.text
