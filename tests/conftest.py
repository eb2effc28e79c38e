import pytest
from django.core.cache import cache

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
    # Sign-in throttling and rate limits live in the cache; each test starts with none used.
    cache.clear()


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started only after the test database exists.

    Session fixtures are set up before a test's own fixtures, so without this the server can start first. It then
    misses that the test database lives in memory, and each request opens (and leaks) a connection of its own
    instead of sharing the test's.
    """
    return live_server
