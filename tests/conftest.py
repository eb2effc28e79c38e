import time
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import Client

from included.core import throttle
from included.core.signed_in_pages import forget_kept_pages as forget_signed_in_pages
from included.partnerships.signed_out_pages import forget_kept_pages
from tests.helpers import record_code_typed

# The real-browser fixtures (Playwright, axe on every page), and a mail server that is down. Registered here, once.
pytest_plugins = ["tests.browser.fixtures", "tests.mailers"]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "uploads")},
        },
    }
    # Background tasks run at once in tests, so what they do (emails, mostly) can be checked straight away.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    # Sign-in limits live in the cache; each test starts with none used. (Included's own limits count in the
    # database, which each test rolls back.)
    cache.clear()
    # A test changes data inside one transaction that is never committed, so the changes never throw kept pages
    # away; and a kept page carries no template context for a test to read. Whole pages are kept only in the tests
    # of keeping them (tests/partnerships/test_signed_out_pages.py and tests/core/test_signed_in_pages.py), where
    # changes are committed.
    settings.SIGNED_OUT_PAGE_CACHE_BYTES = 0
    settings.SIGNED_IN_PAGE_CACHE_BYTES = 0
    forget_kept_pages()
    forget_signed_in_pages()


@pytest.fixture(autouse=True)
def _the_limits_clock_stands_still(monkeypatch):
    """Rate limits count in windows that follow the clock (included/core/throttle.py). A test that crosses into the
    next minute would see its counts start again and fail at random, so during a test the limits' clock stands still
    at the time it started; the tests of the windows move it themselves (tests/core/test_throttle.py)."""
    started = time.time()
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=lambda: started))
    # And a new count never clears the expired ones by chance, which would add a query to 1 request in 100 and make
    # the tests that count queries fail at random (the tests of clearing set the chance themselves).
    monkeypatch.setattr(throttle, "PURGE_CHANCE", 0)


@pytest.fixture(autouse=True)
def _force_login_is_a_whole_sign_in(monkeypatch):
    """`client.force_login(user)` stands for signing in the whole way: the password, then the code from the
    authenticator app for someone who has one, so the session records that the code was typed.

    Coordinators and reviewers are asked for that code in any session without it (RequireTwoStepMiddleware). Tests
    of such a session sign in with tests.accounts.helpers.sign_in_with_password_only instead.
    """
    force_login = Client.force_login

    def force_login_with_code(self, user, backend=None):
        force_login(self, user, backend)
        record_code_typed(self, user)

    monkeypatch.setattr(Client, "force_login", force_login_with_code)


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started only after the test database exists.

    Session fixtures are set up before a test's own fixtures, so without this the server can start first. It then
    misses that the test database lives in memory, and each request opens (and leaks) a connection of its own
    instead of sharing the test's.
    """
    return live_server


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is inside as if it were committed, as every change is in real use (on-commit hooks run at its end)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
