import datetime
from decimal import Decimal

import pytest

from included.coproduction.models import RealLivingWageRate
from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory

from .factories import ActivityFactory


@pytest.fixture(autouse=True)
def _living_wage_rates(request):
    """The October 2025 rates, as the data migration loads them.

    A test that commits to the database (a browser test) empties every table when it ends, migration data too,
    so each test that uses the database puts the rates back if they are missing.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        if "db" not in request.fixturenames:
            return
        request.getfixturevalue("db")
    for area, rate in (("uk", "13.45"), ("london", "14.80")):
        RealLivingWageRate.objects.get_or_create(
            area=area, in_force_from=datetime.date(2025, 10, 1), defaults={"hourly_rate": Decimal(rate)}
        )


@pytest.fixture
def member(db):
    """A member of an organisation, with their organisation and its partnership."""
    return OrganisationMemberFactory(member=True)


@pytest.fixture
def organisation(member):
    return member.organisation


@pytest.fixture
def partnership(organisation):
    return organisation.partnership


@pytest.fixture
def member_client(client, member):
    client.force_login(member.user)
    return client


@pytest.fixture
def activity(organisation):
    return ActivityFactory(organisation=organisation)


@pytest.fixture
def coordinator(partnership):
    return PartnershipMemberFactory(partnership=partnership).user


def org_kwargs(organisation):
    return {"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug}


def activity_kwargs(activity):
    return org_kwargs(activity.organisation) | {"activity_id": activity.pk}
