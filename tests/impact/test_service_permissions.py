"""Each impact service refuses someone without the right, and changes nothing when it does."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from included.impact import services
from included.impact.enums import FactKind
from included.impact.models import AnnualReport, PartnershipFact, SocialMobilityReturn
from tests.assessments.factories import AssessmentFactory, admin_of, coordinator_of, make_reviewer
from tests.factories import OrganisationMemberFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

FACT = {
    "kind": FactKind.LOCAL_PLAN,
    "description": "The council's economic plan names the framework.",
    "happened_on": datetime.date(2026, 3, 1),
    "evidence_url": "https://example.org/plan",
}
COUNTS = {"professional": 10, "intermediate": 5, "working_class": 8, "other": 2}


def test_only_coordinators_record_partnership_facts():
    partnership = PartnershipFactory()
    for outsider in (UserFactory(), make_reviewer(partnership)):
        with pytest.raises(PermissionDenied):
            services.record_partnership_fact(partnership, by=outsider, **FACT)
    assert not PartnershipFact.objects.exists()
    fact = services.record_partnership_fact(partnership, by=coordinator_of(partnership), **FACT)
    with pytest.raises(PermissionDenied):
        services.delete_partnership_fact(fact, by=make_reviewer(partnership, email="r2@example.org"))
    assert PartnershipFact.objects.count() == 1


def test_only_the_organisations_admins_record_its_social_mobility():
    cycle = AssessmentFactory(submitted=True)
    plain_member = OrganisationMemberFactory(organisation=cycle.organisation, member=True).user
    for outsider in (plain_member, coordinator_of(cycle.organisation.partnership)):
        with pytest.raises(PermissionDenied):
            services.record_social_mobility(cycle, collected_on=datetime.date(2026, 1, 5), by=outsider, **COUNTS)
    assert not SocialMobilityReturn.objects.exists()
    figures = services.record_social_mobility(
        cycle, collected_on=datetime.date(2026, 1, 5), by=admin_of(cycle.organisation), **COUNTS
    )
    assert figures.total == 25


def test_a_draft_cycle_takes_no_social_mobility_figures():
    draft = AssessmentFactory()
    with pytest.raises(PermissionDenied):
        services.record_social_mobility(
            draft, collected_on=datetime.date(2026, 1, 5), by=admin_of(draft.organisation), **COUNTS
        )


def test_only_coordinators_start_build_and_publish_reports():
    partnership = PartnershipFactory()
    reviewer = make_reviewer(partnership)
    with pytest.raises(PermissionDenied):
        services.start_report(partnership, 2026, by=reviewer)
    assert not AnnualReport.objects.exists()
    report = services.start_report(partnership, 2026, by=coordinator_of(partnership))
    with pytest.raises(PermissionDenied):
        services.request_report_pdf(report, by=reviewer)
    with pytest.raises(PermissionDenied):
        services.publish_report(report, by=reviewer)
    report.refresh_from_db()
    assert not report.is_published and not report.pdf_task_id


def test_each_section_has_its_own_writers():
    partnership = PartnershipFactory()
    coordinator = coordinator_of(partnership)
    reviewer = make_reviewer(partnership)
    report = services.start_report(partnership, 2026, by=coordinator)
    with pytest.raises(PermissionDenied):
        services.save_report_section(report, "what_we_saw", "We saw", expected_version=report.version, by=coordinator)
    with pytest.raises(PermissionDenied):
        services.save_report_section(report, "introduction", "Hello", expected_version=report.version, by=reviewer)
    report = services.save_report_section(
        report, "what_we_saw", "People were listened to.", expected_version=report.version, by=reviewer
    )
    assert report.what_we_saw == "People were listened to."
    assert report.introduction == ""
