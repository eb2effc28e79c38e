"""The shared rate limit: a person may make `limit` requests a window, counted on their own and never by name."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test import RequestFactory

from included.core import throttle
from tests.factories import UserFactory

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


@pytest.mark.django_db
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


def test_the_cache_never_holds_the_address():
    allowed(request_from())

    keys = list(cache._cache)
    assert keys
    assert not any(ADDRESS in key for key in keys)


@pytest.mark.django_db
def test_the_count_lasts_the_whole_window_on_the_database_cache(settings):
    # The database cache gives a key its default timeout again on every incr. A negative default makes such a key
    # expire at once, so a count that was not given back its own timeout would start again on every request.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "throttle_test_cache",
            "TIMEOUT": -60,
        }
    }
    call_command("createcachetable", verbosity=0)

    assert [allowed(request_from(), window_seconds=3600) for _ in range(4)] == [True, True, True, False]


def test_two_requests_that_start_a_count_at_once_are_both_counted(monkeypatch):
    # Both find no count; the other worker's add lands first, so this one's add fails and it adds 1 to theirs.
    backend = caches["default"]
    real_add = backend.add

    def other_worker_added_first(key, value, timeout):
        real_add(key, value, timeout)
        return False

    monkeypatch.setattr(backend, "add", other_worker_added_first)
    assert allowed(request_from(), limit=2)  # the other worker's 1 and this one's make 2
    monkeypatch.undo()
    assert not allowed(request_from(), limit=2)


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


@pytest.mark.django_db
def test_a_service_counts_the_person_acting_as_a_request_would():
    person = UserFactory()
    for _ in range(3):
        throttle.allow_person(person, "test:form", limit=3, window_seconds=60)

    assert not allowed(request_from(user=person))
    assert throttle.allow_person(UserFactory(), "test:form", limit=3, window_seconds=60)
