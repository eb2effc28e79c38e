"""The shared rate limit: a person may make `limit` requests a window, counted on their own and never by name."""

import datetime
import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.test import RequestFactory

from included.core import throttle
from included.core.models import RateCount
from included.core.personal_data import apply_retention
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.7"


def request_from(address=ADDRESS, user=None):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    request.user = user or AnonymousUser()
    return request


def allowed(request, scope="test:form", limit=3, window_seconds=60):
    return throttle.allow(request, scope, limit=limit, window_seconds=window_seconds)


def test_a_person_may_send_up_to_the_limit_then_is_refused():
    assert [allowed(request_from()) for _ in range(4)] == [True, True, True, False]


def test_each_address_and_each_scope_is_counted_on_its_own():
    for _ in range(3):
        allowed(request_from())

    assert not allowed(request_from())
    assert allowed(request_from("203.0.113.9"))
    assert allowed(request_from(), scope="test:other-form")


def test_a_signed_in_person_is_counted_by_their_account_not_their_address():
    person, colleague = UserFactory(), UserFactory()
    for _ in range(3):
        allowed(request_from(user=person))

    assert not allowed(request_from(user=person))
    assert allowed(request_from(user=colleague))
    assert allowed(request_from())


def test_counting_starts_again_in_the_next_window(monkeypatch):
    monkeypatch.setattr(throttle.time, "time", lambda: 7200.0 + 3599)
    for _ in range(3):
        allowed(request_from(), window_seconds=3600)
    assert not allowed(request_from(), window_seconds=3600)
    assert throttle.seconds_until_next_window(3600) == 1

    monkeypatch.setattr(throttle.time, "time", lambda: 7200.0 + 3600)

    assert allowed(request_from(), window_seconds=3600)
    assert throttle.seconds_until_next_window(3600) == 3600


def test_the_counts_never_hold_the_address():
    allowed(request_from())

    keys = list(RateCount.objects.values_list("key", flat=True))
    assert len(keys) == 1
    assert ADDRESS not in keys[0]


def test_the_counts_do_not_live_in_the_cache_so_a_full_or_cleared_cache_keeps_them(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "throttle_test_cache",
            "OPTIONS": {"MAX_ENTRIES": 5, "CULL_FREQUENCY": 1},
        }
    }
    call_command("createcachetable", verbosity=0)
    for _ in range(3):
        allowed(request_from())

    for number in range(50):
        cache.set(f"something-else-{number}", number)
    cache.clear()

    assert not allowed(request_from())


def test_a_count_lasts_its_whole_window_and_a_little_more(monkeypatch):
    monkeypatch.setattr(throttle.time, "time", lambda: 7200.0 + 10)
    allowed(request_from(), window_seconds=3600)

    count = RateCount.objects.get()
    ends = datetime.datetime.fromtimestamp(7200 + 3600 + throttle.SPARE_SECONDS, datetime.UTC)
    assert count.expires_at == ends


def test_expired_counts_are_removed_by_the_retention_job_and_the_current_ones_kept(monkeypatch):
    monkeypatch.setattr(throttle.time, "time", lambda: 7200.0)
    allowed(request_from())
    monkeypatch.setattr(throttle.time, "time", lambda: 7200.0 + 120)
    allowed(request_from())

    now = datetime.datetime.fromtimestamp(7200 + 120, datetime.UTC)
    removed = apply_retention(now=now)["Expired rate limit counts removed"]

    assert removed == 1
    assert RateCount.objects.get().key.endswith(f":{(7200 + 120) // 60}")


def test_a_new_count_now_and_then_removes_the_expired_ones(monkeypatch):
    monkeypatch.setattr(throttle.time, "time", lambda: 7200.0)
    allowed(request_from())
    monkeypatch.setattr(throttle.time, "time", lambda: 7200.0 + 600)
    monkeypatch.setattr(throttle, "PURGE_CHANCE", 0.01)  # as in use (tests/conftest.py sets it to 0)
    monkeypatch.setattr(throttle.random, "random", lambda: 0.0)

    allowed(request_from("203.0.113.9"))

    assert RateCount.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite lets one writer in at a time anyway")
@pytest.mark.django_db(transaction=True)
def test_requests_counted_at_the_same_moment_are_all_counted():
    # Adding 1 by reading the count and writing it back, as a cache does, loses most of these: every thread reads
    # the same number. A visitor sending many requests at once must not get past the limit that way.
    threads, each = 8, 25
    start = threading.Barrier(threads)
    answers = []

    def visitor():
        start.wait()
        try:
            answers.extend(allowed(request_from(), limit=threads * each) for _ in range(each))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=visitor) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert answers == [True] * (threads * each)
    assert not allowed(request_from(), limit=threads * each)


def test_behind_one_proxy_each_visitor_is_counted_by_the_address_the_proxy_wrote(settings):
    settings.INCLUDED_TRUSTED_PROXIES = 1

    def through_proxy(address, claims=""):
        forwarded = f"{claims}, {address}" if claims else address
        request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
        request.user = AnonymousUser()
        return request

    for _ in range(3):
        allowed(through_proxy(ADDRESS))

    assert not allowed(through_proxy(ADDRESS, claims="192.0.2.1"))
    assert allowed(through_proxy("203.0.113.9"))


def test_a_service_counts_the_person_acting_as_a_request_would():
    person = UserFactory()
    for _ in range(3):
        throttle.allow_person(person, "test:form", limit=3, window_seconds=60)

    assert not allowed(request_from(user=person))
    assert throttle.allow_person(UserFactory(), "test:form", limit=3, window_seconds=60)
