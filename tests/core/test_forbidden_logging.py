"""A refused page (403) is an everyday event: it is logged on one line, with its reason, and no traceback.

Tracebacks are for errors in Included's own code; a log full of them for people opening a page they may not see
hides the real ones.
"""

import logging

import pytest
from django.urls import reverse

from tests.factories import OrganisationMemberFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


class Keep(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def request_log():
    handler = Keep()
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def test_a_refused_page_is_logged_on_one_line_with_its_reason(client, request_log):
    member = OrganisationMemberFactory(member=True)
    client.force_login(member.user)
    path = reverse("assessments:overview", kwargs={"partnership_slug": PartnershipFactory().slug})
    assert client.get(path).status_code == 403

    [record] = [record for record in request_log.records if getattr(record, "status_code", None) == 403]
    line = request_log.format(record)
    assert line.startswith(f"WARNING Forbidden (Permission denied): {path}")
    assert "\n" not in line
    assert "Traceback" not in line


def test_a_server_error_keeps_its_traceback(request_log):
    logger = logging.getLogger("django.request")
    try:
        raise ValueError("a mistake in our code")
    except ValueError:
        logger.error("Internal Server Error: /", exc_info=True, extra={"status_code": 500})
    [record] = request_log.records
    assert "Traceback" in request_log.format(record)
