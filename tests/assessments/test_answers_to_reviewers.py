"""A reviewer reads the organisation's answers to their own challenges, on the review they gave and when they
review the next cycle. Nobody else outside the organisation and its coordinators reads them."""

import pytest
from django.urls import reverse

from included.access import rules
from included.assessments import services
from included.assessments.enums import Verdict
from tests.factories import OrganisationMemberFactory, PartnershipFactory, PartnershipMemberFactory

from .factories import AssessmentFactory, ReviewFactory, admin_of, make_reviewer, rate_every_item

pytestmark = pytest.mark.django_db

CHALLENGE = "Nobody I spoke to had heard of your job club."
ANSWER = "We have put posters in the library and the job centre."


def challenge_first_and_finish(review, comment=CHALLENGE):
    answers = list(review.assessment.items.with_framework())
    services.record_verdict(review, answers[0], verdict=Verdict.CHALLENGE, comment=comment, by=review.reviewer)
    for answer in answers[1:]:
        services.record_verdict(review, answer, verdict=Verdict.AGREE, comment="", by=review.reviewer)
    services.complete_review(review, summary="", by=review.reviewer)
    return review.comments.get(assessment_item=answers[0])


def answer(comment, text=ANSWER):
    return services.respond_to_comment(comment, response=text, by=admin_of(comment.review.assessment.organisation))


def verdict_url(review, answer):
    return reverse(
        "assessments:verdict",
        kwargs={
            "partnership_slug": review.assessment.organisation.partnership.slug,
            "review_id": review.pk,
            "item_id": answer.pk,
        },
    )


def review_url(review):
    return reverse(
        "assessments:review",
        kwargs={"partnership_slug": review.assessment.organisation.partnership.slug, "review_id": review.pk},
    )


@pytest.fixture
def answered_review():
    review = ReviewFactory(assessment__sign_up__framework_version__items=3)
    answer(challenge_first_and_finish(review))
    return review


class TestTheReviewerReadsTheAnswers:
    def test_the_reviewer_reads_the_answer_on_their_finished_review(self, client, answered_review):
        client.force_login(answered_review.reviewer)
        page = client.get(review_url(answered_review))
        assert page.status_code == 200
        assert "Their answer to you" in page.text
        assert ANSWER in page.text

    def test_a_challenge_not_answered_yet_says_so(self, client):
        review = ReviewFactory(assessment__sign_up__framework_version__items=3)
        challenge_first_and_finish(review)
        client.force_login(review.reviewer)
        page = client.get(review_url(review)).text
        assert "They have not answered yet." in page

    def test_my_reviews_counts_the_answers(self, client, answered_review):
        client.force_login(answered_review.reviewer)
        partnership = answered_review.assessment.organisation.partnership
        page = client.get(reverse("assessments:my_reviews", kwargs={"partnership_slug": partnership.slug})).text
        assert "They have answered 1 of your 1 challenge." in page

    def test_reviewing_the_next_cycle_shows_what_was_said_and_answered_last_time(self, client, answered_review):
        first_cycle = answered_review.assessment
        next_cycle = services.start_assessment(first_cycle.sign_up, by=admin_of(first_cycle.organisation))
        rate_every_item(next_cycle)
        services.submit_assessment(next_cycle, by=admin_of(first_cycle.organisation))
        next_review = ReviewFactory(assessment=next_cycle, reviewer=answered_review.reviewer)
        services.declare_conflict(next_review, has_conflict=False, by=next_review.reviewer)

        client.force_login(answered_review.reviewer)
        page = client.get(review_url(next_review)).text
        assert "What you said in cycle 1" in page
        assert CHALLENGE in page
        assert ANSWER in page

        first_item, second_item = list(next_cycle.items.with_framework())[:2]
        verdict = client.get(verdict_url(next_review, first_item)).text
        assert "What you said before" in verdict
        assert CHALLENGE in verdict
        assert ANSWER in verdict
        assert ANSWER not in client.get(verdict_url(next_review, second_item)).text

    def test_another_reviewer_of_the_next_cycle_does_not_see_what_the_first_said(self, client, answered_review):
        first_cycle = answered_review.assessment
        next_cycle = services.start_assessment(first_cycle.sign_up, by=admin_of(first_cycle.organisation))
        rate_every_item(next_cycle)
        services.submit_assessment(next_cycle, by=admin_of(first_cycle.organisation))
        someone_else = ReviewFactory(assessment=next_cycle)
        client.force_login(someone_else.reviewer)
        first_item = next_cycle.items.with_framework().first()
        for page in (client.get(review_url(someone_else)).text, client.get(verdict_url(someone_else, first_item)).text):
            assert CHALLENGE not in page
            assert ANSWER not in page

    def test_the_organisation_is_told_who_can_read_its_answers(self, client):
        review = ReviewFactory(assessment__sign_up__framework_version__items=3)
        comment = challenge_first_and_finish(review)
        cycle = review.assessment
        client.force_login(admin_of(cycle.organisation))
        url = reverse(
            "assessments:respond",
            kwargs={
                "partnership_slug": cycle.organisation.partnership.slug,
                "organisation_slug": cycle.organisation.slug,
                "assessment_id": cycle.pk,
            },
        )
        response = client.post(
            url,
            {f"challenge-{comment.pk}-response": ANSWER, f"challenge-{comment.pk}-version": comment.version},
            follow=True,
        )
        assert "Each reviewer can read your answers to their own challenges" in response.text
        client.force_login(review.reviewer)
        assert ANSWER in client.get(review_url(review)).text


class TestNobodyElseReadsThem:
    def test_another_reviewer_of_the_same_cycle_does_not_read_the_answer(self, client, answered_review):
        other = ReviewFactory(assessment=answered_review.assessment, agreed=True)
        services.complete_review(other, summary="", by=other.reviewer)
        assert not rules.can_read_responses(other.reviewer, answered_review)
        client.force_login(other.reviewer)
        assert ANSWER not in client.get(review_url(other)).text
        assert client.get(review_url(answered_review)).status_code == 404

    def test_a_reviewer_not_on_that_cycle_does_not_read_it(self, client, answered_review):
        stranger = make_reviewer(answered_review.assessment.organisation.partnership)
        assert not rules.can_read_responses(stranger, answered_review)
        client.force_login(stranger)
        assert client.get(review_url(answered_review)).status_code == 404

    def test_nobody_from_another_partnership_reads_it(self, client, answered_review):
        elsewhere = PartnershipFactory()
        coordinator = PartnershipMemberFactory(partnership=elsewhere).user
        reviewer = make_reviewer(elsewhere)
        for person in (coordinator, reviewer):
            assert not rules.can_read_responses(person, answered_review)
            client.force_login(person)
            assert client.get(review_url(answered_review)).status_code == 404
            other_address = reverse(
                "assessments:review", kwargs={"partnership_slug": elsewhere.slug, "review_id": answered_review.pk}
            )
            assert client.get(other_address).status_code == 404

    def test_a_reviewer_who_no_longer_reviews_for_the_partnership_does_not_read_it(self, answered_review):
        partnership = answered_review.assessment.organisation.partnership
        answered_review.reviewer.partnership_roles.filter(partnership=partnership).delete()
        assert not rules.can_read_responses(answered_review.reviewer, answered_review)

    def test_the_organisation_and_its_coordinators_read_it_and_other_organisations_do_not(self, answered_review):
        organisation = answered_review.assessment.organisation
        assert rules.can_read_responses(admin_of(organisation), answered_review)
        coordinator = PartnershipMemberFactory(partnership=organisation.partnership).user
        assert rules.can_read_responses(coordinator, answered_review)
        outsider = OrganisationMemberFactory(organisation__partnership=organisation.partnership).user
        assert not rules.can_read_responses(outsider, answered_review)
        assert not rules.can_read_responses(None, answered_review)

    def test_earlier_answers_of_another_organisation_never_show(self, client, answered_review):
        """The same reviewer reviewing a different organisation's cycle sees nothing from the first one."""
        partnership = answered_review.assessment.organisation.partnership
        other_cycle = AssessmentFactory(
            sign_up__organisation__partnership=partnership, sign_up__framework_version__items=3, submitted=True
        )
        other_review = ReviewFactory(assessment=other_cycle, reviewer=answered_review.reviewer)
        client.force_login(answered_review.reviewer)
        page = client.get(review_url(other_review)).text
        assert ANSWER not in page
        assert "What you said in cycle" not in page
