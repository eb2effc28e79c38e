"""A reviewer reads the organisation's answers to their challenges, on the finished review and when reviewing the
next cycle, in a real browser with JavaScript on and off; axe checks every page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from included.assessments import services
from included.assessments.enums import Verdict
from tests.assessments.factories import ReviewFactory, admin_of, rate_every_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHALLENGE = "Nobody I spoke to had heard of your job club."
ANSWER = "We have put posters in the library and the job centre."


def test_a_reviewer_reads_the_answer_now_and_next_time(page, sign_in, visit, click_through):
    review = ReviewFactory(assessment__sign_up__framework_version__items=2)
    first_cycle = review.assessment
    organisation = first_cycle.organisation
    answers = list(first_cycle.items.with_framework())
    comment = services.record_verdict(
        review, answers[0], verdict=Verdict.CHALLENGE, comment=CHALLENGE, by=review.reviewer
    )
    services.record_verdict(review, answers[1], verdict=Verdict.AGREE, comment="", by=review.reviewer)
    services.complete_review(review, summary="", by=review.reviewer)
    services.respond_to_comment(comment, response=ANSWER, by=admin_of(organisation))
    next_cycle = services.start_assessment(first_cycle.sign_up, by=admin_of(organisation))
    rate_every_item(next_cycle)
    services.submit_assessment(next_cycle, by=admin_of(organisation))
    next_review = ReviewFactory(assessment=next_cycle, reviewer=review.reviewer)
    services.declare_conflict(next_review, has_conflict=False, by=review.reviewer)

    sign_in(review.reviewer)
    visit(reverse("assessments:my_reviews", kwargs={"partnership_slug": organisation.partnership.slug}))
    expect(page.locator("main")).to_contain_text("They have answered 1 of your 1 challenge.")
    finished = page.locator("#finished ~ ul")
    click_through(finished.get_by_role("link", name=f"{organisation.name}, ", exact=False))
    expect(page.locator("main")).to_contain_text("Their answer to you")
    expect(page.locator("main")).to_contain_text(ANSWER)

    visit(reverse("assessments:my_reviews", kwargs={"partnership_slug": organisation.partnership.slug}))
    click_through(page.locator(".govuk-task-list").get_by_role("link", name=organisation.name))
    expect(page.locator("main")).to_contain_text("What you said in cycle 1")
    click_through(page.get_by_role("link", name="Start"))
    expect(page.get_by_role("heading", name="What you said before")).to_be_visible()
    expect(page.locator("main")).to_contain_text(ANSWER)
