import pytest

from tests.directory.factories import ensure_taxonomy


@pytest.fixture(autouse=True)
def _taxonomy(db):
    """Put our taxonomy back if a browser test emptied the tables before this test."""
    ensure_taxonomy()
