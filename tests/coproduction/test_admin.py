"""Coordinators keep the Real Living Wage rates up to date in the admin; every change is audited."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from included.coproduction.models import RealLivingWageRate
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
    client.force_login(UserFactory(is_staff=True))

    assert client.get(reverse("admin:coproduction_reallivingwagerate_changelist")).status_code == 403
