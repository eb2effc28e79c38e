"""Data for the impact tests: organisations with submitted self-assessment cycles, rated as a test needs."""

import datetime

import factory

from included.assessments.models import AssessmentItem
from included.impact import services
from included.impact.enums import FactKind
from included.impact.figures import report_figures
from included.impact.models import AnnualReport, PartnershipFact
from included.organisations.enums import Sector, Size
from tests.assessments.factories import AssessmentFactory, SignUpFactory
from tests.factories import OrganisationFactory, PartnershipFactory


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


def impact_reports(partnership, coordinator):
    """A draft report for 2025 with a PDF, and a published one for 2024: made through the services, with the
    PDF's bytes put in place of WeasyPrint's few seconds of work."""
    published = services.start_report(partnership, 2024, by=coordinator)
    _with_pdf(published)
    published = services.publish_report(published, by=coordinator)
    draft = services.start_report(partnership, 2025, by=coordinator)
    _with_pdf(draft)
    draft.refresh_from_db()
    return draft, published


def _with_pdf(report):
    AnnualReport.objects.filter(pk=report.pk).update(
        pdf=b"%PDF-1.7",
        pdf_version=report.version,
        pdf_built_at=report.created_at,
        figures=report_figures(report.partnership, report.year),
    )


class PartnershipFactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipFact

    partnership = factory.SubFactory(PartnershipFactory)
    kind = FactKind.LOCAL_PLAN
    description = "The council's plan for jobs names the framework."
    happened_on = datetime.date(2026, 2, 10)
    evidence_url = "https://example.org/plan-for-jobs"
