"""Coordinators keep the Real Living Wage rates up to date in the admin; every change is audited."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from included.coproduction import services
from included.coproduction.models import RealLivingWageRate
from included.core import audit
from included.core.models import AuditEvent
from tests.factories import PartnershipMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_coordinator():
    user = PartnershipMemberFactory().user
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def test_a_coordinator_adds_next_years_rate_and_it_is_used_from_its_first_day(client, staff_coordinator):
    client.force_login(staff_coordinator)

    response = client.post(
        reverse("admin:coproduction_reallivingwagerate_add"),
        {"area": "uk", "hourly_rate": "14.10", "in_force_from": "2026-10-28"},
    )

    assert response.status_code == 302
    assert RealLivingWageRate.objects.in_force_on("uk", datetime.date(2026, 10, 27)).hourly_rate == Decimal("13.45")
    assert RealLivingWageRate.objects.in_force_on("uk", datetime.date(2026, 10, 28)).hourly_rate == Decimal("14.10")
    event = AuditEvent.objects.get(action="coproduction.living_wage_rate_added")
    assert event.actor == staff_coordinator


def test_a_coordinator_corrects_a_rate(client, staff_coordinator):
    rate = RealLivingWageRate.objects.get(area="london")
    client.force_login(staff_coordinator)

    client.post(
        reverse("admin:coproduction_reallivingwagerate_change", args=[rate.pk]),
        {"area": "london", "hourly_rate": "14.85", "in_force_from": "2025-10-01"},
    )

    rate.refresh_from_db()
    assert rate.hourly_rate == Decimal("14.85")
    assert AuditEvent.objects.filter(action="coproduction.living_wage_rate_changed").exists()


def test_staff_who_are_not_coordinators_cannot_see_the_rates(client):
    client.force_login(UserFactory(is_staff=True, with_two_step=True))

    assert client.get(reverse("admin:coproduction_reallivingwagerate_changelist")).status_code == 403


def test_a_coordinator_deletes_two_rates_at_once_and_each_is_audited(client, staff_coordinator):
    mistakes = [
        RealLivingWageRate.objects.create(
            area="uk", hourly_rate=Decimal("1.00"), in_force_from=datetime.date(2030, 1, 1)
        ),
        RealLivingWageRate.objects.create(
            area="uk", hourly_rate=Decimal("2.00"), in_force_from=datetime.date(2031, 1, 1)
        ),
    ]
    client.force_login(staff_coordinator)

    response = client.post(
        reverse("admin:coproduction_reallivingwagerate_changelist"),
        {"action": "delete_selected", "_selected_action": [rate.pk for rate in mistakes], "post": "yes"},
    )

    assert response.status_code == 302
    assert not RealLivingWageRate.objects.filter(pk__in=[rate.pk for rate in mistakes]).exists()
    events = AuditEvent.objects.filter(action="coproduction.living_wage_rate_deleted")
    assert sorted(event.object_id for event in events) == sorted(str(rate.pk) for rate in mistakes)
    assert {event.actor for event in events} == {staff_coordinator}


def test_deleting_rates_is_all_or_nothing(monkeypatch, staff_coordinator):
    rates = list(RealLivingWageRate.objects.all()[:2])
    pks = [rate.pk for rate in rates]
    record = audit.record

    def fail_on_the_second(action, **details):
        if AuditEvent.objects.filter(action=action).exists():
            raise RuntimeError("The audit trail is unavailable")
        return record(action, **details)

    monkeypatch.setattr(audit, "record", fail_on_the_second)

    with pytest.raises(RuntimeError):
        services.delete_living_wage_rates(rates, by=staff_coordinator)

    assert RealLivingWageRate.objects.filter(pk__in=pks).count() == 2
    assert not AuditEvent.objects.filter(action="coproduction.living_wage_rate_deleted").exists()
