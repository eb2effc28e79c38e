"""Dismissals kept before the fix lose their words, in the dismissal and in the audit log, and stay dismissed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from included.language.advice import advice_for
from included.language.models import Dismissal
from tests.factories import OrganisationMemberFactory

BEFORE = [("language", "0001_initial"), ("core", "0002_initial")]
AFTER = [("language", "0003_remove_dismissal_words"), ("core", "0002_initial")]
SENTENCE = (
    "Our confidential restructuring plan will close the Northgate hub next spring and move every member of staff "
    "into the council offices beside the station before anyone outside the board has been told about it."
)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def latest_schema_afterwards():
    """Going back to BEFORE also undoes every later migration of every app; the tests after this one need them."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_migrating_blanks_the_words_and_keeps_the_suggestion_dismissed():
    member = OrganisationMemberFactory()
    partnership = member.organisation.partnership
    old = migrate(BEFORE)
    [flag] = [f for f in advice_for(SENTENCE).report.flags if f.kind == "long_sentence"]
    old.get_model("language", "Dismissal").objects.create(
        partnership_id=partnership.pk,
        text_key="assessments.item:41:notes",
        flag_key=flag.key,
        flag_label="Long sentence",
        words=SENTENCE[:300],
        reason="It reads well.",
        dismissed_by_id=member.user.pk,
    )
    old.get_model("core", "AuditEvent").objects.create(
        action="language.suggestion.dismissed",
        summary=f"Dismissed “{SENTENCE[:80]}” (Long sentence) for assessments.item:41:notes",
    )

    new = migrate(AFTER)

    row = new.get_model("language", "Dismissal").objects.values().get()
    summary = new.get_model("core", "AuditEvent").objects.get().summary
    for kept in (*row.values(), summary):
        assert "northgate" not in str(kept).lower()
    assert row["flag_kind"] == "long_sentence"
    assert summary == "Dismissed the suggestion (Long sentence) for assessments.item:41:notes"
    advice = advice_for(SENTENCE, partnership=partnership, text_key="assessments.item:41:notes", user=member.user)
    assert [item.dismissal.pk for item in advice.dismissed] == list(Dismissal.objects.values_list("pk", flat=True))
    assert "long_sentence" not in [item.kind for item in advice.open_flags]
