"""The real-browser fixtures from tests/browser (axe WCAG 2.2 AA on every page, with and without JavaScript)."""

import pytest

from tests.browser.conftest import (  # noqa: F401
    _fresh_cache,
    browser,
    check_page,
    click_through,
    javascript_enabled,
    page,
    page_checker,
    pytest_runtest_makereport,
    screenshot,
    sign_in,
    submit,
    visit,
)


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """The shared live server, started only once the test database exists.

    pytest-django's live server shares the in-memory test database with its threads only if that database exists
    when the server starts. Run alone, these tests could start the server first; its threads would then open
    connections of their own that are never closed (in-memory databases ignore close), and warn at the end.
    """
    return live_server
