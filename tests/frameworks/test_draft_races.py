"""Two coordinators saving the same draft at the same moment: one save is written, the other is told, never lost.

Real threads on PostgreSQL, each with its own connection, released together (see tests/concurrency.py).
"""

import pytest

from included.core.versions import EditConflict
from included.frameworks import services
from included.frameworks.models import FrameworkDraft, FrameworkVersion
from tests.concurrency import postgresql_only, run_together
from tests.factories import PartnershipMemberFactory

from .drafts import build_tiny_framework

pytestmark = [pytest.mark.django_db(transaction=True), postgresql_only]


def test_two_saves_of_the_same_draft_at_once_write_one_and_refuse_the_other():
    first = PartnershipMemberFactory()
    second = PartnershipMemberFactory(partnership=first.partnership)
    draft = build_tiny_framework(first.partnership, first.user)
    opened = draft.version
    people = [(first.user, "First"), (second.user, "Second")]

    def save(index):
        user, words = people[index]
        return lambda: services.change_draft_detail(
            FrameworkDraft.objects.get(pk=draft.pk), field="short_name", value=words, expected_version=opened, by=user
        )

    results = run_together(2, save, lambda work: work())
    kinds = sorted(kind for kind, _ in results)
    assert kinds == ["error", "ok"], results
    assert all(isinstance(result, EditConflict) for kind, result in results if kind == "error")
    draft.refresh_from_db()
    assert draft.version == opened + 1
    assert draft.content["short_name"] in {"First", "Second"}


def test_publishing_twice_at_once_makes_one_version():
    coordinator = PartnershipMemberFactory()
    draft = build_tiny_framework(coordinator.partnership, coordinator.user)

    def publish(index):
        return lambda: services.publish_draft(
            FrameworkDraft.objects.get(pk=draft.pk), expected_version=draft.version, by=coordinator.user
        )

    results = run_together(2, publish, lambda work: work())
    assert sorted(kind for kind, _ in results) == ["error", "ok"], results
    assert FrameworkVersion.objects.count() == 1
