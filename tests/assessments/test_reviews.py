"""Lived-experience review: a coordinator chooses reviewers, a reviewer agrees with or challenges each rating,
and the organisation responds. Each page is only for the people it is meant for."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from included.assessments import services
from included.assessments.enums import AssessmentStatus, ReviewStatus, Verdict
from included.assessments.models import Review, ReviewComment
from included.assessments.review_forms import COMMENT_MAX, RESPONSE_MAX, SUMMARY_MAX, VerdictForm
from tests.factories import (
    FrameworkVersionFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)
from tests.helpers import read_download

from .factories import (
    AssessmentFactory,
    ReviewCommentFactory,
    ReviewFactory,
    SignUpFactory,
    admin_of,
    make_reviewer,
    rate_every_item,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('hello')</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(&#x27;hello&#x27;)&lt;/script&gt;"


@pytest.fixture
def partnership():
    return PartnershipFactory(name="Riverside Inclusion Partnership")


@pytest.fixture
def organisation(partnership):
    return OrganisationFactory(partnership=partnership, name="Bright Futures Bakery")


@pytest.fixture
def member(organisation):
    return OrganisationMemberFactory(organisation=organisation, member=True).user


@pytest.fixture
def coordinator(partnership):
    return PartnershipMemberFactory(partnership=partnership).user


@pytest.fixture
def reviewer(partnership):
    return make_reviewer(partnership, name="Sam Okafor")


@pytest.fixture
def cycle(organisation):
    """A submitted cycle of three items, with evidence on each."""
    return AssessmentFactory(sign_up__organisation=organisation, sign_up__framework_version__items=3, submitted=True)


@pytest.fixture
def review(cycle, reviewer, coordinator):
    """A review the reviewer may start: they have said they have no conflict of interest."""
    review = ReviewFactory(assessment=cycle, reviewer=reviewer, assigned_by=coordinator)
    services.declare_conflict(review, has_conflict=False, by=reviewer)
    return review


def p(partnership, **extra):
    return {"partnership_slug": partnership.slug, **extra}


def answers_of(cycle):
    return list(cycle.items.with_framework())


def verdict_url(review, answer):
    return reverse("assessments:verdict", kwargs=p(review.partnership, review_id=review.pk, item_id=answer.pk))


def respond_url(cycle):
    organisation = cycle.organisation
    return reverse(
        "assessments:respond",
        kwargs=p(organisation.partnership, organisation_slug=organisation.slug, assessment_id=cycle.pk),
    )


def every_private_url(review):
    cycle = review.assessment
    partnership = cycle.organisation.partnership
    first = answers_of(cycle)[0]
    return [
        reverse("assessments:overview", kwargs=p(partnership)),
        reverse("assessments:submitted", kwargs=p(partnership, assessment_id=cycle.pk)),
        reverse("assessments:assign", kwargs=p(partnership, assessment_id=cycle.pk)),
        reverse("assessments:my_reviews", kwargs=p(partnership)),
        reverse("assessments:review", kwargs=p(partnership, review_id=review.pk)),
        verdict_url(review, first),
        reverse("assessments:complete_review", kwargs=p(partnership, review_id=review.pk)),
        respond_url(cycle),
    ]


def finish_with_a_challenge(
    review, comment="Nobody I know was asked about this.", summary="Good start. Ask more people."
):
    """Agree with every rating except the first, which is challenged, then finish."""
    answers = answers_of(review.assessment)
    services.record_verdict(review, answers[0], verdict=Verdict.CHALLENGE, comment=comment, by=review.reviewer)
    for answer in answers[1:]:
        services.record_verdict(review, answer, verdict=Verdict.AGREE, comment="", by=review.reviewer)
    services.complete_review(review, summary=summary, by=review.reviewer)
    return ReviewComment.objects.get(review=review, assessment_item=answers[0])


class TestWhoMaySeeWhat:
    def test_signed_out_people_are_asked_to_sign_in_for_every_review_page(self, client, review):
        for url in every_private_url(review):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("account_login")), url

    def test_only_coordinators_see_the_overview_and_choose_reviewers(self, client, review, member, reviewer):
        partnership = review.partnership
        overview = reverse("assessments:overview", kwargs=p(partnership))
        assign = reverse("assessments:assign", kwargs=p(partnership, assessment_id=review.assessment_id))
        for person in (member, reviewer):
            client.force_login(person)
            assert client.get(overview).status_code == 403
            assert client.get(assign).status_code == 403
            assert client.post(assign, {"reviewers": [reviewer.pk]}).status_code == 403
        assert Review.objects.count() == 1

    def test_a_coordinator_of_another_partnership_sees_nothing_here(self, client, review):
        elsewhere = PartnershipMemberFactory().user
        client.force_login(elsewhere)
        partnership = review.partnership

        assert client.get(reverse("assessments:overview", kwargs=p(partnership))).status_code == 403
        submitted = reverse("assessments:submitted", kwargs=p(partnership, assessment_id=review.assessment_id))
        assert client.get(submitted).status_code == 404
        assert client.get(reverse("assessments:review", kwargs=p(partnership, review_id=review.pk))).status_code == 404

    def test_a_coordinator_cannot_reach_a_cycle_through_their_own_partnerships_address(self, client, review):
        other = PartnershipMemberFactory()
        client.force_login(other.user)
        mine = p(other.partnership, assessment_id=review.assessment_id)

        assert client.get(reverse("assessments:submitted", kwargs=mine)).status_code == 404
        assert client.get(reverse("assessments:assign", kwargs=mine)).status_code == 404

    def test_a_submitted_cycle_is_not_found_by_people_not_asked_to_see_it(self, client, review, member, partnership):
        url = reverse("assessments:submitted", kwargs=p(partnership, assessment_id=review.assessment_id))
        outsider = OrganisationMemberFactory(organisation__partnership=partnership).user
        other_reviewer = make_reviewer(partnership)
        for person in (outsider, other_reviewer, member):
            client.force_login(person)
            assert client.get(url).status_code == 404

    def test_coordinators_never_open_a_draft(self, client, coordinator, organisation, partnership):
        draft = AssessmentFactory(sign_up__organisation=organisation)
        rate_every_item(draft, evidence="Our draft evidence, not ready to share")
        client.force_login(coordinator)

        response = client.get(reverse("assessments:submitted", kwargs=p(partnership, assessment_id=draft.pk)))
        assert response.status_code == 404
        assert (
            client.get(reverse("assessments:assign", kwargs=p(partnership, assessment_id=draft.pk))).status_code == 404
        )
        overview = client.get(reverse("assessments:overview", kwargs=p(partnership)))
        assert "Bright Futures Bakery" in overview.text
        assert "Our draft evidence" not in overview.text

    def test_a_reviewer_cannot_open_or_change_someone_elses_review(self, client, review, partnership):
        other_reviewer = make_reviewer(partnership)
        client.force_login(other_reviewer)
        first = answers_of(review.assessment)[0]

        for url in every_private_url(review)[4:7]:
            assert client.get(url).status_code == 404, url
        response = client.post(verdict_url(review, first), {"verdict": "challenge", "comment": "Not mine to say"})
        assert response.status_code == 404
        assert not ReviewComment.objects.exists()

    def test_only_the_reviewer_opens_their_review_not_the_coordinator_or_the_organisation(
        self, client, review, coordinator, member
    ):
        url = reverse("assessments:review", kwargs=p(review.partnership, review_id=review.pk))
        for person in (coordinator, member):
            client.force_login(person)
            assert client.get(url).status_code == 404

    def test_a_review_is_not_found_through_another_partnerships_address(self, client, review):
        elsewhere = PartnershipFactory()
        PartnershipMemberFactory(partnership=elsewhere, user=review.reviewer, reviewer=True)
        client.force_login(review.reviewer)

        url = reverse("assessments:review", kwargs=p(elsewhere, review_id=review.pk))
        assert client.get(url).status_code == 404

    def test_my_reviews_is_only_for_reviewers(self, client, coordinator, member, partnership):
        url = reverse("assessments:my_reviews", kwargs=p(partnership))
        for person in (coordinator, member):
            client.force_login(person)
            assert client.get(url).status_code == 403

    def test_only_members_of_the_organisation_read_and_answer_the_reviews(
        self, client, review, coordinator, partnership
    ):
        comment = finish_with_a_challenge(review)
        outsider = OrganisationMemberFactory(organisation__partnership=partnership).user
        for person in (outsider, coordinator, review.reviewer):
            client.force_login(person)
            assert client.get(respond_url(review.assessment)).status_code == 404
            data = {f"challenge-{comment.pk}-response": "Not ours to answer"}
            assert client.post(respond_url(review.assessment), data).status_code == 404
        comment.refresh_from_db()
        assert comment.response == ""

    def test_a_member_cannot_reach_another_organisations_cycle_through_their_own_address(
        self, client, review, partnership
    ):
        outsider = OrganisationMemberFactory(organisation__partnership=partnership)
        client.force_login(outsider.user)
        url = reverse(
            "assessments:respond",
            kwargs=p(partnership, organisation_slug=outsider.organisation.slug, assessment_id=review.assessment_id),
        )
        assert client.get(url).status_code == 404


class TestTheWholeReview:
    def test_from_choosing_reviewers_to_the_public_register(self, client, cycle, coordinator, reviewer, member):
        partnership = cycle.organisation.partnership
        answers = answers_of(cycle)

        # The coordinator chooses a reviewer.
        client.force_login(coordinator)
        assign = reverse("assessments:assign", kwargs=p(partnership, assessment_id=cycle.pk))
        page = client.get(assign)
        assert "Sam Okafor" in page.text
        response = client.post(assign, {"reviewers": [reviewer.pk]})
        assert response.status_code == 302
        review = Review.objects.get(assessment=cycle, reviewer=reviewer)
        cycle.refresh_from_db()
        assert cycle.status == AssessmentStatus.IN_REVIEW
        submitted = client.get(response.url)
        assert "You asked Sam Okafor to review this self-assessment." in submitted.text

        # The reviewer finds it waiting.
        client.force_login(reviewer)
        mine = client.get(reverse("assessments:my_reviews", kwargs=p(partnership)))
        assert "Bright Futures Bakery" in mine.text
        assert "Not started" in mine.text
        page = client.get(reverse("assessments:review", kwargs=p(partnership, review_id=review.pk)))
        assert "We asked the people who use our service" in page.text
        assert "You have given your view on 0 of 3 items." in page.text

        # Before starting, the reviewer says they have no conflict of interest.
        assert "Before you start" in page.text
        client.post(
            reverse("assessments:declare_conflict", kwargs=p(partnership, review_id=review.pk)), {"has_conflict": "no"}
        )

        # Agree with the first rating, and go on to the next.
        response = client.post(verdict_url(review, answers[0]), {"verdict": "agree", "comment": "", "next": "1"})
        assert response.url == verdict_url(review, answers[1])

        # A challenge with no reason is refused, plainly, and nothing is saved.
        response = client.post(verdict_url(review, answers[1]), {"verdict": "challenge", "comment": "  ", "next": "1"})
        assert response.status_code == 200
        assert "Say why you challenge this rating" in response.text
        assert response.text.count("<h1") == 1
        assert not ReviewComment.objects.filter(assessment_item=answers[1]).exists()

        response = client.post(
            verdict_url(review, answers[1]),
            {"verdict": "challenge", "comment": "The panel met once. That is not yet level 3.", "next": "1"},
        )
        assert response.url == verdict_url(review, answers[2])
        response = client.post(verdict_url(review, answers[2]), {"verdict": "agree", "comment": "Good", "next": "1"})
        complete = reverse("assessments:complete_review", kwargs=p(partnership, review_id=review.pk))
        assert response.url == complete

        # Check and finish.
        page = client.get(complete)
        assert "You challenged this rating" in page.text
        response = client.post(complete, {"summary": "A good start."})
        assert response.status_code == 302
        review.refresh_from_db()
        cycle.refresh_from_db()
        assert review.status == ReviewStatus.COMPLETED
        assert cycle.status == AssessmentStatus.REVIEWED
        assert "Thank you. Your review of Bright Futures Bakery is finished." in client.get(response.url).text

        # The organisation reads the challenge and responds.
        client.force_login(member)
        page = client.get(respond_url(cycle))
        assert "The panel met once. That is not yet level 3." in page.text
        assert "A good start." in page.text
        challenge = ReviewComment.objects.get(review=review, verdict=Verdict.CHALLENGE)
        response = client.post(
            respond_url(cycle),
            {
                f"challenge-{challenge.pk}-version": "1",
                f"challenge-{challenge.pk}-response": "Fair. We will meet monthly from May.",
            },
        )
        assert response.status_code == 302
        challenge.refresh_from_db()
        assert challenge.response == "Fair. We will meet monthly from May."
        assert challenge.responded_by == member

        # The public register shows the outcome with the date.
        client.logout()
        register = client.get(reverse("assessments:register", kwargs=p(partnership)))
        reviewed_on = timezone.localdate(review.completed_at)
        assert "Reviewed by people with lived experience" in register.text
        assert f"Last reviewed on {reviewed_on:%-d %B %Y}." in register.text

    def test_finishing_too_soon_lists_what_is_missing(self, client, review):
        first, second, third = answers_of(review.assessment)
        services.record_verdict(review, first, verdict=Verdict.AGREE, comment="", by=review.reviewer)
        client.force_login(review.reviewer)
        url = reverse("assessments:complete_review", kwargs=p(review.partnership, review_id=review.pk))

        response = client.post(url, {"summary": "Typed before I noticed"})

        assert response.status_code == 400
        assert "Give your view on every item first. You have done 1 of 3." in response.text
        assert f"Give your view on {second.item.number}. {second.item.title}" in response.text
        assert f"Give your view on {third.item.number}. {third.item.title}" in response.text
        assert "Typed before I noticed" in response.text
        assert response.text.startswith("<!DOCTYPE html>")
        assert "<title>Error:" in response.text
        review.refresh_from_db()
        assert review.status == ReviewStatus.IN_PROGRESS

    def test_a_finished_review_cannot_change(self, client, review):
        finish_with_a_challenge(review)
        client.force_login(review.reviewer)
        first = answers_of(review.assessment)[0]

        response = client.post(verdict_url(review, first), {"verdict": "agree", "comment": ""})
        assert response.status_code == 302
        assert ReviewComment.objects.get(review=review, assessment_item=first).verdict == Verdict.CHALLENGE
        page = client.get(reverse("assessments:review", kwargs=p(review.partnership, review_id=review.pk)))
        assert "You finished this review on" in page.text
        assert "Change your view" not in page.text

    def test_a_reviewer_changes_their_view_before_finishing(self, client, review):
        first = answers_of(review.assessment)[0]
        ReviewCommentFactory(review=review, assessment_item=first, challenge=True)
        client.force_login(review.reviewer)

        page = client.get(verdict_url(review, first))
        assert "Nobody I spoke to had heard of this." in page.text
        client.post(verdict_url(review, first), {"verdict": "agree", "comment": "I checked. It is true."})

        comment = ReviewComment.objects.get(review=review, assessment_item=first)
        assert comment.verdict == Verdict.AGREE
        assert comment.comment == "I checked. It is true."

    def test_the_organisation_sees_a_review_only_once_it_is_finished(self, client, review, member):
        first = answers_of(review.assessment)[0]
        services.record_verdict(review, first, verdict=Verdict.CHALLENGE, comment="Still thinking", by=review.reviewer)
        client.force_login(member)

        page = client.get(respond_url(review.assessment))

        assert "No reviewer has finished yet." in page.text
        assert "Still thinking" not in page.text

    def test_the_reviewer_downloads_the_organisations_evidence_files(self, client, organisation, partnership):
        draft = AssessmentFactory(sign_up__organisation=organisation, rated=True)
        answer = answers_of(draft)[0]
        evidence = services.add_evidence_file(
            answer,
            SimpleUploadedFile("panel-notes.txt", b"Notes from our panel."),
            content_type="text/plain",
            by=admin_of(organisation),
        )
        services.submit_assessment(draft, by=admin_of(organisation))
        review = ReviewFactory(assessment=draft)
        client.force_login(review.reviewer)

        page = client.get(reverse("assessments:review", kwargs=p(partnership, review_id=review.pk)))
        download = reverse("assessments:download_evidence", kwargs=p(partnership, file_id=evidence.pk))
        assert download in page.text
        response = client.get(download)
        assert response.status_code == 200
        assert read_download(response) == b"Notes from our panel."

        client.force_login(make_reviewer(partnership))
        assert client.get(download).status_code == 404

    def test_reviewers_do_not_read_each_others_comments_but_the_coordinator_does(
        self, client, cycle, coordinator, partnership
    ):
        first_review = ReviewFactory(assessment=cycle)
        second_review = ReviewFactory(assessment=cycle)
        finish_with_a_challenge(first_review, comment="Ask the people you serve")
        url = reverse("assessments:submitted", kwargs=p(partnership, assessment_id=cycle.pk))

        client.force_login(second_review.reviewer)
        page = client.get(url)
        assert page.status_code == 200
        assert "Ask the people you serve" not in page.text
        assert "Go to your review" in page.text

        client.force_login(coordinator)
        assert "Ask the people you serve" in client.get(url).text

    def test_my_reviews_lists_waiting_then_finished(self, client, reviewer, partnership):
        waiting = ReviewFactory(reviewer=reviewer, assessment__sign_up__organisation__partnership=partnership)
        finished = ReviewFactory(
            reviewer=reviewer, assessment__sign_up__organisation__partnership=partnership, completed=True
        )
        ReviewFactory(assessment__sign_up__organisation__partnership=partnership)
        client.force_login(reviewer)

        page = client.get(reverse("assessments:my_reviews", kwargs=p(partnership))).text

        waiting_name = waiting.assessment.organisation.name
        finished_name = finished.assessment.organisation.name
        assert page.index(waiting_name) < page.index("Finished") < page.index(finished_name)
        assert page.count("Bright Futures Bakery") == 2


class TestChoosingReviewers:
    def test_reviewers_from_the_organisation_and_those_already_asked_are_not_offered(
        self, client, cycle, coordinator, reviewer, partnership, organisation
    ):
        insider = make_reviewer(partnership, name="Jo Insider")
        OrganisationMemberFactory(organisation=organisation, user=insider)
        ReviewFactory(assessment=cycle, reviewer=reviewer)
        make_reviewer(PartnershipFactory(), name="Lee Elsewhere")
        client.force_login(coordinator)

        page = client.get(reverse("assessments:assign", kwargs=p(partnership, assessment_id=cycle.pk))).text

        assert "Jo Insider" not in page
        assert "Lee Elsewhere" not in page
        assert "Sam Okafor: not started" in page
        assert "Nobody else can review this" in page

    @pytest.mark.parametrize(
        "data, message",
        [
            ({}, "Choose at least one reviewer"),
            ({"reviewers": ["not-a-number"]}, "Choose reviewers from the list"),
            ({"reviewers": ["999999"]}, "Choose reviewers from the list"),
            ({"reviewers": [SCRIPT]}, "Choose reviewers from the list"),
        ],
    )
    def test_wrong_choices_are_refused_plainly(self, client, cycle, coordinator, reviewer, data, message):
        client.force_login(coordinator)

        response = client.post(
            reverse("assessments:assign", kwargs=p(cycle.organisation.partnership, assessment_id=cycle.pk)), data
        )

        assert response.status_code == 200
        assert message in response.text
        assert SCRIPT not in response.text
        assert "<title>Error:" in response.text
        assert not Review.objects.exists()

    def test_someone_who_is_not_a_reviewer_cannot_be_chosen(self, client, cycle, coordinator, member):
        client.force_login(coordinator)
        url = reverse("assessments:assign", kwargs=p(cycle.organisation.partnership, assessment_id=cycle.pk))

        response = client.post(url, {"reviewers": [member.pk, coordinator.pk]})

        assert "Choose reviewers from the list" in response.text
        assert not Review.objects.exists()

    def test_several_reviewers_are_asked_at_once(self, client, cycle, coordinator, reviewer, partnership):
        second = make_reviewer(partnership, name="Ade Bello")
        client.force_login(coordinator)

        client.post(
            reverse("assessments:assign", kwargs=p(partnership, assessment_id=cycle.pk)),
            {"reviewers": [reviewer.pk, second.pk]},
        )

        assert set(Review.objects.values_list("reviewer__name", flat=True)) == {"Sam Okafor", "Ade Bello"}


@settings(max_examples=200, deadline=None)
@given(verdict=st.one_of(st.sampled_from(["agree", "challenge", ""]), st.text()), comment=st.text(max_size=2100))
def test_the_verdict_form_answers_any_input_with_a_result_or_a_clear_error(verdict, comment):
    form = VerdictForm({"verdict": verdict, "comment": comment})

    if form.is_valid():
        assert form.cleaned_data["verdict"] in Verdict.values
        if form.cleaned_data["verdict"] == Verdict.CHALLENGE:
            assert form.cleaned_data["comment"].strip()
    else:
        assert all(message for messages in form.errors.values() for message in messages)


class TestHostileInput:
    @pytest.mark.parametrize(
        "data, message",
        [
            ({}, "Say if you agree with this rating or challenge it"),
            ({"verdict": "maybe"}, "Choose one of the answers listed"),
            ({"verdict": SCRIPT}, "Choose one of the answers listed"),
            ({"verdict": "agree", "comment": "x" * (COMMENT_MAX + 1)}, f"{COMMENT_MAX} characters or fewer"),
            ({"verdict": "challenge", "comment": "Bad\x00byte"}, "Null characters are not allowed."),
        ],
    )
    def test_a_verdict_with_wrong_input_is_refused_and_what_was_typed_is_kept(self, client, review, data, message):
        client.force_login(review.reviewer)

        response = client.post(verdict_url(review, answers_of(review.assessment)[0]), data)

        assert response.status_code == 200
        assert message in response.text
        assert SCRIPT not in response.text
        if data.get("comment", "").startswith("x"):
            assert data["comment"] in response.text
        assert not ReviewComment.objects.exists()

    def test_a_script_in_a_comment_is_shown_as_text_everywhere(self, client, review, coordinator, member):
        finish_with_a_challenge(review, comment=SCRIPT, summary=f"Overall {SCRIPT}")
        pages = [
            (review.reviewer, reverse("assessments:review", kwargs=p(review.partnership, review_id=review.pk))),
            (
                coordinator,
                reverse("assessments:submitted", kwargs=p(review.partnership, assessment_id=review.assessment_id)),
            ),
            (member, respond_url(review.assessment)),
        ]
        for person, url in pages:
            client.force_login(person)
            page = client.get(url).text
            assert SCRIPT not in page, url
            assert ESCAPED_SCRIPT in page, url
            if person != review.reviewer:
                assert f"Overall {ESCAPED_SCRIPT}" in page, url

    def test_an_unknown_item_is_not_found(self, client, review):
        other = AssessmentFactory(submitted=True)
        client.force_login(review.reviewer)

        url = verdict_url(review, answers_of(other)[0])

        assert client.get(url).status_code == 404
        assert client.post(url, {"verdict": "agree"}).status_code == 404

    def test_a_huge_overall_comment_is_refused_and_kept(self, client, review):
        for answer in answers_of(review.assessment):
            services.record_verdict(review, answer, verdict=Verdict.AGREE, comment="", by=review.reviewer)
        client.force_login(review.reviewer)
        summary = "y" * (SUMMARY_MAX + 1)

        response = client.post(
            reverse("assessments:complete_review", kwargs=p(review.partnership, review_id=review.pk)),
            {"summary": summary},
        )

        assert response.status_code == 200
        assert f"{SUMMARY_MAX} characters or fewer" in response.text
        assert summary in response.text
        review.refresh_from_db()
        assert review.status != ReviewStatus.COMPLETED

    def test_a_huge_response_is_refused_and_every_typed_response_is_kept(self, client, cycle, member):
        first_review, second_review = ReviewFactory(assessment=cycle), ReviewFactory(assessment=cycle)
        first = finish_with_a_challenge(first_review)
        second = finish_with_a_challenge(second_review)
        client.force_login(member)
        huge = "z" * (RESPONSE_MAX + 1)

        response = client.post(
            respond_url(cycle),
            {
                f"challenge-{first.pk}-version": "1",
                f"challenge-{first.pk}-response": f"We will do better {SCRIPT}",
                f"challenge-{second.pk}-version": "1",
                f"challenge-{second.pk}-response": huge,
            },
        )

        assert response.status_code == 200
        assert f"{RESPONSE_MAX} characters or fewer" in response.text
        assert huge in response.text
        assert "We will do better &lt;script&gt;" in response.text
        assert "<title>Error:" in response.text
        assert not ReviewComment.objects.exclude(response="").exists()

    def test_saving_no_response_at_all_asks_for_one(self, client, review, member):
        comment = finish_with_a_challenge(review)
        client.force_login(member)

        response = client.post(respond_url(review.assessment), {f"challenge-{comment.pk}-version": "1"})

        assert response.status_code == 200
        assert "Write a response to at least one challenge before you save" in response.text

    def test_a_response_cannot_be_emptied(self, client, review, member):
        comment = finish_with_a_challenge(review)
        services.respond_to_comment(comment, response="We agree.", by=member)
        client.force_login(member)

        response = client.post(
            respond_url(review.assessment),
            {f"challenge-{comment.pk}-version": str(comment.version), f"challenge-{comment.pk}-response": "   "},
        )

        assert "Your response cannot be empty" in response.text
        comment.refresh_from_db()
        assert comment.response == "We agree."

    def test_two_people_answering_a_challenge_at_once_see_both_versions(self, client, cycle, member, organisation):
        first = finish_with_a_challenge(ReviewFactory(assessment=cycle))
        second = finish_with_a_challenge(ReviewFactory(assessment=cycle))
        colleague = OrganisationMemberFactory(organisation=organisation, member=True).user
        client.force_login(member)
        page = client.get(respond_url(cycle)).text
        assert f'name="challenge-{first.pk}-version" value="1"' in page
        services.respond_to_comment(first, response="Their answer.", by=colleague)
        mine = {
            f"challenge-{first.pk}-version": "1",
            f"challenge-{first.pk}-response": "My answer.",
            f"challenge-{second.pk}-version": "1",
            f"challenge-{second.pk}-response": "My other answer.",
        }

        response = client.post(respond_url(cycle), mine)

        assert response.status_code == 409
        # As the page writes it: a made-up name may hold an apostrophe, which HTML escapes.
        assert f"{escape(colleague.name)} saved this response" in response.text
        assert "We have not saved your changes yet" in response.text
        assert "Their answer." in response.text
        assert "My answer." in response.text
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.response, second.response) == ("Their answer.", "")
        # Saving again from the conflict page is a knowing choice, and it goes through.
        response = client.post(respond_url(cycle), mine | {f"challenge-{first.pk}-version": str(first.version)})
        assert response.status_code == 302
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.response, second.response) == ("My answer.", "My other answer.")


def test_the_review_page_query_count_does_not_grow_with_items(client, partnership):
    counts = []
    for items in (2, 9):
        version = FrameworkVersionFactory(items=items)
        organisation = OrganisationFactory(partnership=partnership)
        cycle = AssessmentFactory(
            sign_up=SignUpFactory(organisation=organisation, framework_version=version), submitted=True
        )
        review = ReviewFactory(assessment=cycle, agreed=True)
        client.force_login(review.reviewer)
        url = reverse("assessments:review", kwargs=p(partnership, review_id=review.pk))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_days_waiting_are_counted_from_when_the_reviewer_was_asked(client, review, coordinator):
    Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - datetime.timedelta(days=6, hours=2))
    client.force_login(coordinator)

    page = client.get(reverse("assessments:overview", kwargs=p(review.partnership))).text

    assert "Sam Okafor" in page
    assert 'data-label="Days waiting">6</td>' in page
