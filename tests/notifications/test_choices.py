"""A person's own email choices page, the services behind it, and what is kept about their choices."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from included.core.models import AuditEvent
from included.core.personal_data import apply_retention, collect, erase
from included.notifications.enums import Frequency, Kind, Status
from included.notifications.models import Notification, Preference, StoppedAddress
from included.notifications.sending import choices_of
from included.notifications.services import save_email_choices, stop_emails
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("notifications:preferences")


def _all(frequency=Frequency.AT_ONCE, **changes):
    return {kind.value: frequency for kind in Kind} | changes


@pytest.fixture
def person(client):
    person = UserFactory()
    client.force_login(person)
    return person


def test_the_page_shows_each_kind_with_what_applies_now(client, person):
    response = client.get(URL)

    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Your emails</h1>' in response.text
    for kind in Kind:
        assert kind.label in response.text
    # Answers to challenges wait for the weekly email until the person chooses; the rest come straight away.
    assert response.context["form"]["challenge_answered"].value() == Frequency.WEEKLY
    assert response.context["form"]["reviewer_assigned"].value() == Frequency.AT_ONCE
    assert "You cannot turn those off" in response.text


def test_a_person_saves_their_choices(client, person):
    response = client.post(URL, _all(reviewer_assigned="weekly", contribution_waiting="never"), follow=True)

    assert "Your email choices are saved." in response.text
    choices = choices_of(person)
    assert choices[Kind.REVIEWER_ASSIGNED] == Frequency.WEEKLY
    assert choices[Kind.CONTRIBUTION_WAITING] == Frequency.NEVER
    assert AuditEvent.objects.filter(action="notifications.choices_saved", actor=person).exists()


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        (
            {"reviewer_assigned": "sometimes"},
            "Choose one of the answers for: you are asked to review a self-assessment",
        ),
        ({"reviewer_assigned": ""}, "Choose how you want emails about this: you are asked to review a self-assessment"),
        ({"reviewer_assigned": "x" * 100_000}, "Choose one of the answers for"),
        ({"reviewer_assigned": "at_once\u200b"}, "Choose one of the answers for"),
    ],
    ids=["unknown answer", "no answer", "huge answer", "hidden character"],
)
def test_bad_answers_are_explained_and_nothing_is_saved(client, person, sent, message):
    data = _all(cycle_submitted="never") | sent

    response = client.post(URL, data)

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert not Preference.objects.exists()
    # What the person chose elsewhere on the page is kept for them to send again.
    assert response.context["form"]["cycle_submitted"].value() == "never"


def test_a_question_left_out_of_the_form_is_asked_again(client, person):
    data = _all()
    del data["review_finished"]

    response = client.post(URL, data)

    assert "Choose how you want emails about this: a reviewer has finished a review" in response.text


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_nobody_can_change_someone_elses_choices():
    person, someone_else = UserFactory(), UserFactory()

    with pytest.raises(PermissionDenied):
        save_email_choices(person, {Kind.REVIEWER_ASSIGNED: Frequency.NEVER}, by=someone_else)
    with pytest.raises(PermissionDenied):
        stop_emails(person, Kind.REVIEWER_ASSIGNED, by=someone_else)

    assert not Preference.objects.exists()


def test_the_account_page_links_to_the_choices(client, person):
    response = client.get(reverse("accounts:settings"))

    assert URL in response.text


def test_choices_are_in_the_download_and_go_with_the_account():
    person = UserFactory(email="jo@example.org")
    save_email_choices(person, {Kind.REVIEWER_ASSIGNED: Frequency.WEEKLY}, by=person)
    Notification.objects.create(
        kind=Kind.REVIEWER_ASSIGNED,
        object_id=1,
        user=person,
        email=person.email,
        key="k",
        frequency="weekly",
        status=Status.WAITING,
    )
    StoppedAddress.objects.stop("jo@example.org", Kind.INVITATION_REMINDER)

    data = collect(person)

    [choice] = data["your_email_choices"]
    assert (choice["emails_about"], choice["when"]) == (Kind.REVIEWER_ASSIGNED.label, "In one email each week")
    assert data["what_we_emailed_you_about"][0]["what_became_of_it"] == Status.WAITING.label
    assert data["emails_you_stopped_before_you_had_an_account"][0]["emails_about"] == Kind.INVITATION_REMINDER.label

    erase(person)

    assert not Preference.objects.exists()
    assert not Notification.objects.exists()
    assert not StoppedAddress.objects.exists()


def test_notes_of_what_people_were_told_go_after_the_retention_period(settings):
    person = UserFactory()
    old, recent = (
        Notification.objects.create(
            kind=Kind.REVIEWER_ASSIGNED,
            object_id=n,
            user=person,
            email=person.email,
            key=f"k{n}",
            frequency=Frequency.AT_ONCE,
            status=Status.SENT,
            sent_at=timezone.now(),
        )
        for n in (1, 2)
    )
    Notification.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=settings.RETAIN_NOTIFICATIONS_DAYS + 1)
    )

    apply_retention()
    apply_retention()

    assert list(Notification.objects.all()) == [recent]


def test_a_post_with_nothing_in_it_asks_every_question_again(client, person):
    response = client.post(URL, {})

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert response.text.count("Choose how you want emails about this") >= len(Kind)
    assert not Preference.objects.exists()


def test_someone_who_stopped_every_kind_still_gets_their_password_reset(client):
    person = UserFactory(email="kim@example.org")
    save_email_choices(person, {kind: Frequency.NEVER for kind in Kind}, by=person)

    client.post(reverse("account_reset_password"), {"email": "kim@example.org"})

    [email] = mail.outbox
    assert email.subject == "Reset your password for Included"
    assert "List-Unsubscribe" not in email.extra_headers
