"""A partnership with something in every dataset, and things that must never be published beside them."""

import datetime

import pytest
from django.utils import timezone

from included.assessments import services as assessment_services
from included.assessments.models import SignUp
from tests.assessments.factories import AssessmentFactory, SignUpFactory, admin_of, coordinator_of, rate_every_item
from tests.coproduction.factories import ActivityFactory, ContributionFactory
from tests.factories import FrameworkFactory, FrameworkVersionFactory, OrganisationFactory, PartnershipFactory

PUBLISHED_STATEMENT = "We hire people from the estate and pay the Real Living Wage."
DRAFT_STATEMENT = "SECRET-DRAFT-STATEMENT waiting for a coordinator."
WAITING_NAME = "Waiting SECRET-WAITING Ltd"
DRAFT_EVIDENCE = "SECRET-DRAFT-EVIDENCE of what we did"
ARCHIVED_NAME = "Archived Widgets SECRET-ARCHIVED"
PRIVATE_WORDS = "SECRET-PRIVATE-CONTRIBUTION"
OTHER_PARTNERSHIP_NAME = "SECRET-OTHER-PARTNERSHIP Bakery"
OTHER_FRAMEWORK = "SECRET-OTHER-FRAMEWORK"
LEAD_NAME = "SECRET-LEAD Priya"
# Every word above that must never be published.
SECRETS = ["SECRET-"]


def make_register(partnership, count):
    framework = FrameworkVersionFactory(framework=FrameworkFactory(partnership=partnership))
    for n in range(count):
        organisation = OrganisationFactory(partnership=partnership, name=f"Member {n:03d}")
        SignUpFactory(organisation=organisation, framework_version=framework, lead_name=LEAD_NAME)
    return framework


@pytest.fixture
def partnership():
    return PartnershipFactory(name="Riverside Inclusion Partnership", slug="riverside")


@pytest.fixture
def seeded(partnership):
    """Public data, and beside it everything that must stay out: a changed statement waiting for approval, a new
    one never approved, an archived organisation, a draft self-assessment's evidence, a private contribution,
    another partnership's organisation and framework."""
    framework = make_register(partnership, 2)
    # Two members sent in a self-assessment, so the impact figures have something to show (all of it hidden: two
    # organisations are fewer than the partnership's k).
    for sign_up in SignUp.objects.filter(framework_version=framework):
        AssessmentFactory(sign_up=sign_up, submitted=True)
    partnership.statements_need_approval = True
    partnership.save(update_fields=["statements_need_approval"])
    coordinator = coordinator_of(partnership)

    approved = OrganisationFactory(partnership=partnership, name="Approved Bakery")
    sign_up = SignUpFactory(organisation=approved, framework_version=framework, statement=PUBLISHED_STATEMENT)
    assessment_services.approve_statement(sign_up, by=coordinator, expected_version=sign_up.version)
    sign_up.refresh_from_db()
    assessment_services.update_statement(
        sign_up, lead_name=LEAD_NAME, lead_role="", statement=DRAFT_STATEMENT, by=admin_of(approved)
    )
    draft = AssessmentFactory(sign_up=sign_up)
    rate_every_item(draft, evidence=DRAFT_EVIDENCE)

    waiting = OrganisationFactory(partnership=partnership, name=WAITING_NAME)
    SignUpFactory(organisation=waiting, framework_version=framework, statement=DRAFT_STATEMENT)

    archived = OrganisationFactory(partnership=partnership, name=ARCHIVED_NAME)
    archived_sign_up = SignUpFactory(organisation=archived, framework_version=framework, statement="SECRET-ARCHIVED")
    assessment_services.approve_statement(archived_sign_up, by=coordinator, expected_version=archived_sign_up.version)
    archived.archived_at = timezone.now()
    archived.save(update_fields=["archived_at"])

    for day in range(6):
        activity = ActivityFactory(
            organisation=approved, held_on=datetime.date(2025, 3, 1) + datetime.timedelta(days=day)
        )
        ContributionFactory(activity=activity)
    ContributionFactory(activity=activity, private=True, text=PRIVATE_WORDS)
    ActivityFactory(organisation=archived, participants=3, held_on=datetime.date(2024, 5, 1))

    other = PartnershipFactory(name="Other partnership", slug="elsewhere")
    other_framework = FrameworkVersionFactory(framework=FrameworkFactory(partnership=other, name=OTHER_FRAMEWORK))
    SignUpFactory(
        organisation=OrganisationFactory(partnership=other, name=OTHER_PARTNERSHIP_NAME),
        framework_version=other_framework,
    )
    return partnership


def make_rated(partnership, version, count, **ratings):
    """Organisations with a submitted self-assessment cycle, for the impact figures (one framework version, so the
    figures grow in rows, not in tables)."""
    from tests.impact.factories import rated_organisation

    return [rated_organisation(partnership, version, **ratings)[0] for _ in range(count)]
