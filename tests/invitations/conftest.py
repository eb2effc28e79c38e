import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Sign-in throttling counts in the cache; each test starts with none used."""
    cache.clear()
    yield
    cache.clear()
