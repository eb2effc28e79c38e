"""The "stop these emails" link in every email: a mail program's one-click POST (RFC 8058) needs no sign-in and no
CSRF token; a person who opens it is asked first. A changed, made-up or old link is refused, and says why."""

import datetime
import time

import pytest
from django.core import signing
from django.test import Client

from included.notifications.enums import WEEKLY_EMAIL, Frequency, Kind
from included.notifications.kinds import Recipient
from included.notifications.models import Preference, StoppedAddress
from included.notifications.sending import choices_of
from included.notifications.tokens import make_token, stop_url
from tests.factories import UserFactory

from .helpers import choose

pytestmark = pytest.mark.django_db


def _path(kind, recipient):
    return stop_url(kind, recipient).removeprefix("http://127.0.0.1:8000")


@pytest.fixture
def person():
    return UserFactory(name="Jo Reviewer")


@pytest.fixture
def browser():
    """A mail program or a browser with no session and CSRF checks on, as the real ones are."""
    return Client(enforce_csrf_checks=True)


def test_opening_the_link_asks_before_stopping(browser, person):
    response = browser.get(_path(Kind.REVIEWER_ASSIGNED, Recipient(person.email, person)))

    assert response.status_code == 200
    assert "Do you want to stop emails about this: you are asked to review a self-assessment?" in response.text
    assert choices_of(person)[Kind.REVIEWER_ASSIGNED] == Frequency.AT_ONCE


def test_a_one_click_post_stops_that_kind_without_sign_in_or_csrf(browser, person):
    path = _path(Kind.REVIEWER_ASSIGNED, Recipient(person.email, person))

    response = browser.post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "Emails stopped" in response.text
    assert choices_of(person)[Kind.REVIEWER_ASSIGNED] == Frequency.NEVER
    assert choices_of(person)[Kind.CYCLE_SUBMITTED] == Frequency.AT_ONCE
    # Sending it again is harmless.
    assert browser.post(path).status_code == 200


def test_the_weekly_link_stops_every_kind_sent_weekly(browser, person):
    choose(person, Kind.REVIEWER_ASSIGNED, Frequency.WEEKLY)

    browser.post(_path(WEEKLY_EMAIL, Recipient(person.email, person)))

    choices = choices_of(person)
    assert choices[Kind.REVIEWER_ASSIGNED] == Frequency.NEVER
    assert choices[Kind.CHALLENGE_ANSWERED] == Frequency.NEVER  # weekly by default
    assert choices[Kind.CYCLE_SUBMITTED] == Frequency.AT_ONCE


def test_someone_with_no_account_can_stop_reminders(browser):
    recipient = Recipient("invited@example.org")

    response = browser.post(_path(Kind.INVITATION_REMINDER, recipient))

    assert response.status_code == 200
    assert StoppedAddress.objects.has_stopped("Invited@Example.org", Kind.INVITATION_REMINDER)
    assert "choose which emails you get" not in response.text


def _refused(response, words):
    assert response.status_code == 400
    assert "This link does not work" in response.text
    assert words in response.text
    assert not Preference.objects.exists()
    assert not StoppedAddress.objects.exists()


def test_a_changed_link_is_refused(browser, person):
    token = make_token(Kind.REVIEWER_ASSIGNED, Recipient(person.email, person))

    response = browser.post(f"/emails/stop/reviewer_assigned/{token[:-3]}abc/")

    _refused(response, "Copy the whole link from the email")


def test_a_link_for_one_kind_does_not_work_for_another(browser, person):
    token = make_token(Kind.REVIEWER_ASSIGNED, Recipient(person.email, person))

    _refused(browser.post(f"/emails/stop/cycle_submitted/{token}/"), "Copy the whole link")


def test_a_link_made_up_for_someone_else_is_refused(browser, person):
    forged = signing.TimestampSigner(salt="made-up").sign_object(f"u{person.pk}", compress=True)

    _refused(browser.post(f"/emails/stop/reviewer_assigned/{forged}/"), "Copy the whole link")
    _refused(browser.post("/emails/stop/reviewer_assigned/not-a-token/"), "Copy the whole link")
    _refused(browser.post("/emails/stop/password_reset/x/"), "Copy the whole link")


def test_an_old_link_is_refused_and_says_so(browser, person, settings, monkeypatch):
    long_ago = int(time.time() - datetime.timedelta(days=settings.UNSUBSCRIBE_LINK_DAYS + 1).total_seconds())
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(long_ago))
    token = make_token(Kind.REVIEWER_ASSIGNED, Recipient(person.email, person))
    monkeypatch.undo()

    response = browser.post(f"/emails/stop/reviewer_assigned/{token}/")

    _refused(response, f"Links like this work for {settings.UNSUBSCRIBE_LINK_DAYS} days")


def test_a_link_for_a_deleted_account_is_refused(browser, person):
    path = _path(Kind.REVIEWER_ASSIGNED, Recipient(person.email, person))
    person.is_active = False
    person.save(update_fields=["is_active"])

    _refused(browser.post(path), "Copy the whole link")
