"""Withdrawing a round and awarding money in it at the same moment: one wins, never both.

Real threads on PostgreSQL, each with its own connection, released together (see tests/concurrency.py).
"""

from decimal import Decimal

import pytest

from included.commissioning import services
from included.commissioning.models import Application, Round
from tests.commissioning.factories import Commissioning, scores_of
from tests.concurrency import postgresql_only, run_together

pytestmark = [pytest.mark.django_db(transaction=True), postgresql_only]


def withdraw_and_award_at_once(world):
    admin = world.funder_admin

    def prepare(index):
        if index == 0:
            return Round.objects.get(pk=world.round.pk)
        return Application.objects.get(pk=world.application_a.pk)

    def work(prepared):
        if isinstance(prepared, Round):
            return services.withdraw_round(prepared, by=admin, reason="The money did not come.")
        return services.decide(
            prepared, by=admin, award=True, amount_awarded=Decimal("100"), reasons="Good.", feedback="Well done."
        )

    return run_together(2, prepare, work)


def test_a_round_is_never_both_withdrawn_and_awarded_from():
    for _ in range(3):
        world = Commissioning()
        world.score(world.application_a, world.officer)
        world.score(world.application_a, world.reviewer)
        services.moderate(
            world.application_a, by=world.funder_admin, scores=scores_of(world.round, 3), reasons="Agreed."
        )

        results = withdraw_and_award_at_once(world)

        assert sorted(kind for kind, _ in results) == ["error", "ok"], results
        assert all(isinstance(error, services.CommissioningError) for kind, error in results if kind == "error")
        round = Round.objects.get(pk=world.round.pk)
        assert round.is_withdrawn != round.applications.awarded().exists()
