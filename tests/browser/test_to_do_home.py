"""The home page as a to-do list, in a real browser with JavaScript on and off; axe checks every page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from included.access.enums import PartnershipRole
from included.access.models import PartnershipMember
from included.assessments import services
from included.assessments.enums import Verdict
from tests.assessments.factories import AssessmentFactory, ReviewFactory, make_reviewer
from tests.coproduction.factories import ActivityFactory, ContributionFactory
from tests.factories import OrganisationMemberFactory, PartnershipFactory
from tests.invitations.factories import InvitationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_with_every_role_sees_what_waits_and_goes_to_it(page, sign_in, visit, click_through):
    partnership = PartnershipFactory(name="Riverside Inclusion Partnership")
    person = make_reviewer(partnership, name="Jo Ellis")
    PartnershipMember.objects.create(partnership=partnership, user=person, role=PartnershipRole.COORDINATOR)
    membership = OrganisationMemberFactory(user=person, organisation__partnership=partnership)
    organisation = membership.organisation
    AssessmentFactory(sign_up__organisation=organisation, sign_up__framework_version__items=2)
    ContributionFactory(activity=ActivityFactory(organisation=organisation))
    review = ReviewFactory(
        assessment=AssessmentFactory(
            sign_up__organisation__partnership=partnership, sign_up__framework_version__items=2, submitted=True
        ),
        reviewer=person,
    )
    AssessmentFactory(
        sign_up__organisation__partnership=partnership, sign_up__framework_version__items=2, submitted=True
    )
    InvitationFactory(partnership=partnership)
    challenged = ReviewFactory(
        assessment=AssessmentFactory(
            sign_up__organisation=organisation, sign_up__framework_version__items=2, submitted=True
        )
    )
    for number, answer in enumerate(challenged.assessment.items.with_framework()):
        verdict = Verdict.CHALLENGE if number == 0 else Verdict.AGREE
        services.record_verdict(
            challenged,
            answer,
            verdict=verdict,
            comment="Who did you ask?" if number == 0 else "",
            by=challenged.reviewer,
        )
    services.complete_review(challenged, summary="", by=challenged.reviewer)

    sign_in(person)
    visit(reverse("www:home"))
    waiting = page.locator("main")
    expect(waiting.get_by_role("heading", name=organisation.name)).to_be_visible()
    expect(waiting.get_by_role("link", name="Answer 1 challenge from reviewers")).to_be_visible()
    expect(waiting.get_by_role("link", name="Say what you did with 1 thing people told you")).to_be_visible()
    expect(waiting.get_by_role("link", name="1 review to do")).to_be_visible()
    expect(waiting.get_by_role("link", name="Choose reviewers for 1 submitted self-assessment")).to_be_visible()
    expect(waiting.get_by_role("link", name="1 invitation not accepted yet")).to_be_visible()
    expect(waiting).to_contain_text("Waiting since today")
    expect(waiting).not_to_contain_text("overdue")

    click_through(waiting.get_by_role("link", name="1 review to do"))
    expect(page.locator("h1")).to_have_text("Your reviews")
    expect(page.get_by_role("link", name=review.assessment.organisation.name)).to_be_visible()

    visit(
        reverse(
            "www:organisation_home",
            kwargs={"partnership_slug": partnership.slug, "organisation_slug": organisation.slug},
        )
    )
    expect(page.get_by_role("link", name="Answer 1 challenge from reviewers")).to_be_visible()
    expect(page.get_by_role("link", name="1 review to do")).to_have_count(0)
    click_through(page.get_by_role("link", name="Answer 1 challenge from reviewers"))
    expect(page.locator("main")).to_contain_text("Who did you ask?")
