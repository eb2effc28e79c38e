"""Data for the impact tests: organisations with submitted self-assessment cycles, rated as a test needs."""

from included.assessments.models import AssessmentItem
from included.organisations.enums import Sector, Size
from tests.assessments.factories import AssessmentFactory, SignUpFactory
from tests.factories import OrganisationFactory


def rated_organisation(partnership, version, *, ratings=(3,), sector=Sector.EMPLOYER, size=Size.SMALL, target=None):
    """An organisation with one submitted cycle per entry of `ratings`: each entry is the rating of every item in
    that cycle, oldest first."""
    organisation = OrganisationFactory(partnership=partnership, sector=sector, size=size)
    sign_up = SignUpFactory(organisation=organisation, framework_version=version)
    cycle = None
    for rating in ratings:
        cycle = AssessmentFactory(sign_up=sign_up, submitted=True)
        AssessmentItem.objects.filter(assessment=cycle).update(rating=rating, target=target)
    return organisation, cycle
