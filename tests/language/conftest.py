import pytest
from django.core.cache import cache

# The browser tests here use the same fixtures, and the same page checks, as tests/browser/.
from tests.browser.conftest import (  # noqa: F401 - fixtures and the report hook they need
    browser,
    check_page,
    click_through,
    javascript_enabled,
    live_server,
    page,
    page_checker,
    pytest_runtest_makereport,
    sign_in,
    submit,
    visit,
)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits live in the cache; each test starts with none used."""
    cache.clear()
    yield
    cache.clear()
