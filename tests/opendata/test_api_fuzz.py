"""A schema-driven fuzz run over every operation of the public API (schemathesis, in-process through the WSGI
application): no answer is a server error, and every answer is one the OpenAPI document describes, with the body it
describes.

Each operation gets a bounded number of made-up requests of three kinds: requests that fit the document, the same
for a partnership that exists (so the 200 answers and their rows are checked too), and requests that do not fit
it. The whole run stays well under a minute. (Schemathesis's own pytest integration does not run under this pytest,
so each operation's strategy is driven by Hypothesis here.)
"""

import re

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation.modes import GenerationMode

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 15
# Each app names its partnership path parameter in its own way; the standard's API (Open Referral UK) fixes its own.
SLUG_PARAMETERS = ("slug", "partnership_slug")

KINDS = {
    "fitting the document": {"generation_mode": GenerationMode.POSITIVE},
    "for a partnership that exists": {"generation_mode": GenerationMode.POSITIVE, "real_slug": True},
    "not fitting the document": {"generation_mode": GenerationMode.NEGATIVE},
}


@pytest.fixture
def connection_kept_between_requests():
    """The WSGI handler closes the database connection after each request when it is not in autocommit, as a test's
    transaction never is: on PostgreSQL that would end the test's transaction. Django's own test client does this."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("kind", KINDS)
def test_every_api_operation_answers_as_documented(seeded, kind, connection_kept_between_requests):
    options = dict(KINDS[kind])
    real_slug = options.pop("real_slug", False)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    # Every address with a NUL character in it gets a 400 (core.middleware), which every operation documents, but a
    # JSON Schema string cannot say "no NUL" short of a pattern on each parameter: requests that fit the document
    # leave NUL out, and test_a_nul_character_gets_the_documented_400 checks that answer on every operation.
    schema.config.generation.update(allow_x00=False)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    answered = []

    for operation in operations:
        slug_names = [name for name in SLUG_PARAMETERS if "{" + name + "}" in operation.path]
        if real_slug and not slug_names:
            continue
        path_parameters = {name: seeded.slug for name in slug_names} if real_slug else None
        strategy = operation.as_strategy(**options, path_parameters=path_parameters)

        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def answers_as_documented(case):
            # Each request in a savepoint of its own, as each real request has its own transaction: on PostgreSQL a
            # request whose query failed would otherwise leave every later one failing, and Hypothesis would report
            # the smallest of those instead of the request at fault.
            with transaction.atomic():
                response = case.call_and_validate()
            answered.append(response.status_code)

        try:
            answers_as_documented()
        except Unsatisfiable:
            # Only when asked for requests that do not fit: an operation whose only parameter is free text
            # (a partnership's slug) has no such request.
            if options["generation_mode"] != GenerationMode.NEGATIVE:
                raise

    if real_slug:
        assert 200 in answered


def test_a_nul_character_gets_the_documented_400(seeded, connection_kept_between_requests):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    client = Client()
    for operation in (result.ok() for result in schema.get_all_operations()):
        path = operation.path
        for name in SLUG_PARAMETERS:
            path = path.replace("{" + name + "}", seeded.slug)
        path = re.sub(r"\{[^}]+\}", "1", path)
        response = client.get("/api" + path, {"search": "before\x00after"})
        assert response.status_code == 400, path
        assert "400" in operation.definition.raw["responses"], path
