"""A schema-driven fuzz run over every operation of the public API (schemathesis, in-process through the WSGI
application): no answer is a server error, and every answer is one the OpenAPI document describes, with the body it
describes.

Each operation gets a bounded number of made-up requests of three kinds: requests that fit the document, the same
for a partnership that exists (so the 200 answers and their rows are checked too), and requests that do not fit
it. The whole run stays well under a minute. (Schemathesis's own pytest integration does not run under this pytest,
so each operation's strategy is driven by Hypothesis here.)
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 15

KINDS = {
    "fitting the document": {"generation_mode": GenerationMode.POSITIVE},
    "for a partnership that exists": {"generation_mode": GenerationMode.POSITIVE, "real_slug": True},
    "not fitting the document": {"generation_mode": GenerationMode.NEGATIVE},
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_api_operation_answers_as_documented(seeded, kind):
    options = dict(KINDS[kind])
    real_slug = options.pop("real_slug", False)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    answered = []

    for operation in operations:
        takes_slug = "{slug}" in operation.path
        if real_slug and not takes_slug:
            continue
        strategy = operation.as_strategy(**options, path_parameters={"slug": seeded.slug} if real_slug else None)

        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def answers_as_documented(case):
            response = case.call_and_validate()
            answered.append(response.status_code)

        answers_as_documented()

    if real_slug:
        assert 200 in answered
