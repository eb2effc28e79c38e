"""The database guards the rules even if code forgets them: one test per constraint."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from included.coproduction.enums import AWAITING_RESPONSE, Decision, LadderGroup, Recognition, Stage
from included.coproduction.models import Activity, Contribution, ContributionLink, RealLivingWageRate, Response

from .factories import ActivityFactory, ContributionFactory, FeedbackRecordFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def breaks_a_rule(queryset, **changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**changes)


@pytest.mark.parametrize(
    "changes",
    [
        {"stage": "gossip"},
        {"method": "telepathy"},
        {"ladder_rung": "top"},
        {"recognition": "gold"},
        {"wage_area": "mars"},
        {"invited_on": datetime.date(2025, 12, 1)},
        {"ends_on": datetime.date(2025, 11, 1)},
        {"hourly_rate": None},
        {"recognition": Recognition.UNPAID},
        {"voucher_value": Decimal("10")},
        {"participants": 0},
        {"hours_given": Decimal("-1")},
        {"other_costs": Decimal("-0.01")},
        {"staff_hours": Decimal("-2")},
    ],
    ids=lambda changes: ",".join(changes),
)
def test_an_activity_cannot_hold_impossible_details(changes):
    activity = ActivityFactory()

    breaks_a_rule(Activity.objects.filter(pk=activity.pk), **changes)


def test_vouchers_need_a_value():
    activity = ActivityFactory(with_vouchers=True)

    breaks_a_rule(Activity.objects.filter(pk=activity.pk), voucher_value=None)


@pytest.mark.parametrize(
    "changes",
    [{"stage": "gossip"}, {"source": "pigeon"}, {"named_publicly": True}, {"wants_updates": True}],
    ids=lambda changes: ",".join(changes),
)
def test_a_contribution_cannot_be_named_or_emailed_without_a_name_or_an_email(changes):
    contribution = ContributionFactory(contributor_name="", contact_email="")

    breaks_a_rule(Contribution.objects.filter(pk=contribution.pk), **changes)


def test_a_response_that_does_not_adopt_needs_a_reason_and_others_say_what_changed():
    response = ResponseFactory()

    breaks_a_rule(Response.objects.filter(pk=response.pk), decision=Decision.NOT_ADOPTED, reason="")
    breaks_a_rule(Response.objects.filter(pk=response.pk), what_changed="")
    breaks_a_rule(Response.objects.filter(pk=response.pk), decision="maybe")


def test_an_activity_has_one_working_link_at_a_time():
    activity = ActivityFactory()
    ContributionLink.objects.create(activity=activity, token_hash="a" * 64)

    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionLink.objects.create(activity=activity, token_hash="b" * 64)


def test_one_living_wage_rate_per_area_and_day_and_it_must_be_positive():
    with pytest.raises(IntegrityError), transaction.atomic():
        RealLivingWageRate.objects.create(
            area="uk", hourly_rate=Decimal("13.00"), in_force_from=datetime.date(2025, 10, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        RealLivingWageRate.objects.create(area="uk", hourly_rate=Decimal("0"), in_force_from=datetime.date(2030, 1, 1))


def test_the_october_2025_rates_are_there_from_the_start():
    assert RealLivingWageRate.objects.in_force_on("uk", datetime.date(2025, 11, 1)).hourly_rate == Decimal("13.45")
    assert RealLivingWageRate.objects.in_force_on("london", datetime.date(2026, 2, 1)).hourly_rate == Decimal("14.80")
    assert RealLivingWageRate.objects.in_force_on("uk", datetime.date(2025, 9, 30)) is None


def test_the_ladder_rungs_fall_into_three_groups_in_order():
    activity = ActivityFactory.build(ladder_rung="educating")

    assert activity.ladder_group == LadderGroup.DOING_TO
    assert ActivityFactory.build(ladder_rung="engagement").ladder_group == LadderGroup.DOING_FOR
    assert ActivityFactory.build(ladder_rung="co_production").ladder_group == LadderGroup.DOING_WITH


def test_a_contribution_is_closed_once_answered_and_the_person_told():
    waiting = ContributionFactory()
    answered = ResponseFactory().contribution
    closed = FeedbackRecordFactory().contribution

    rows = {c.pk: c for c in Contribution.objects.with_progress()}

    assert (rows[waiting.pk].current_decision, rows[waiting.pk].was_told) == (None, False)
    assert (rows[answered.pk].current_decision, rows[answered.pk].was_told) == (Decision.ADOPTED, False)
    assert (rows[closed.pk].current_decision, rows[closed.pk].was_told) == (Decision.ADOPTED, True)
    assert waiting.status == AWAITING_RESPONSE
    assert list(Contribution.objects.with_progress().with_status(AWAITING_RESPONSE)) == [waiting]


def test_activities_linked_to_a_framework_item_can_be_found_as_evidence():
    from tests.factories import FrameworkVersionFactory

    item = FrameworkVersionFactory(items=2).items.get(key="point-1")
    cited = ActivityFactory()
    cited.framework_items.add(item)
    ActivityFactory()

    assert list(Activity.objects.evidence_for(item)) == [cited]


def test_an_activitys_working_link_is_found_through_the_activity():
    activity, other = ActivityFactory(), ActivityFactory()
    ContributionLink.objects.create(activity=activity, token_hash="a" * 64, switched_off_at=timezone.now())
    working = ContributionLink.objects.create(activity=activity, token_hash="b" * 64)
    ContributionLink.objects.create(activity=other, token_hash="c" * 64)

    assert list(ContributionLink.objects.for_activity(activity).active()) == [working]


def test_contributions_can_be_narrowed_to_a_stage_and_to_those_with_a_response():
    waiting = ContributionFactory(stage=Stage.STRATEGY)
    answered = ResponseFactory(contribution__stage=Stage.RECRUITMENT).contribution
    ResponseFactory(contribution=answered, decision=Decision.IN_PROGRESS)

    assert list(Contribution.objects.at_stage(Stage.STRATEGY)) == [waiting]
    assert list(Contribution.objects.answered()) == [answered]
