"""Each signed-in person's home is a to-do list for the roles they hold: what is waiting, how many, since when, and
a link to do it. Nothing says "overdue"; nobody sees what belongs to another organisation or partnership."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from included.access.enums import PartnershipRole
from included.access.models import PartnershipMember
from included.access.rules import access_in
from included.assessments import services
from included.assessments.enums import Verdict
from included.assessments.models import Review
from included.core.todo import FOR_REVIEWERS, ToDo, waiting_words
from included.www import todo
from tests.assessments.factories import AssessmentFactory, ReviewFactory, admin_of, make_reviewer
from tests.coproduction.factories import ActivityFactory, ContributionFactory, ResponseFactory
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipFactory, PartnershipMemberFactory
from tests.invitations.factories import InvitationFactory

pytestmark = pytest.mark.django_db

HOME = reverse("www:home")


@pytest.fixture
def partnership():
    return PartnershipFactory(name="Riverside Inclusion Partnership")


def home_of(client, person):
    client.force_login(person)
    response = client.get(HOME)
    assert response.status_code == 200
    assert "overdue" not in response.text.lower()
    return response.text


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def submitted_cycle(partnership, **extra):
    return AssessmentFactory(
        sign_up__organisation__partnership=partnership, sign_up__framework_version__items=2, submitted=True, **extra
    )


def finish_with_a_challenge(review):
    answers = list(review.assessment.items.with_framework())
    services.record_verdict(
        review, answers[0], verdict=Verdict.CHALLENGE, comment="Who did you ask?", by=review.reviewer
    )
    for answer in answers[1:]:
        services.record_verdict(review, answer, verdict=Verdict.AGREE, comment="", by=review.reviewer)
    services.complete_review(review, summary="", by=review.reviewer)
    return review.comments.get(verdict=Verdict.CHALLENGE)


class TestWaitingWords:
    def test_plain_words_for_how_long_something_has_waited(self):
        now = timezone.now()
        assert waiting_words(now, now) == "waiting since today"
        assert waiting_words(now - datetime.timedelta(days=1), now) == "waiting 1 day"
        assert waiting_words(now - datetime.timedelta(days=12), now) == "waiting 12 days"
        assert waiting_words(timezone.localdate(now) - datetime.timedelta(days=3), now) == "waiting 3 days"

    def test_a_thing_from_the_future_has_waited_no_time(self):
        now = timezone.now()
        assert waiting_words(now + datetime.timedelta(days=2), now) == "waiting since today"


class TestReviewers:
    def test_reviews_to_do_with_how_long_the_oldest_has_waited(self, client, partnership):
        reviewer = make_reviewer(partnership)
        oldest = ReviewFactory(assessment=submitted_cycle(partnership), reviewer=reviewer)
        Review.objects.filter(pk=oldest.pk).update(created_at=days_ago(12))
        ReviewFactory(assessment=submitted_cycle(partnership), reviewer=reviewer)
        ReviewFactory(assessment=submitted_cycle(partnership), reviewer=reviewer, completed=True)
        # Asked in another partnership: not part of this list.
        elsewhere = make_reviewer(PartnershipFactory())
        ReviewFactory(assessment=submitted_cycle(elsewhere.partnership_roles.get().partnership), reviewer=elsewhere)

        page = home_of(client, reviewer)
        assert "2 reviews to do" in page
        assert "Waiting 12 days" in page
        assert reverse("assessments:my_reviews", kwargs={"partnership_slug": partnership.slug}) in page

    def test_a_reviewer_with_nothing_to_do_is_told_so(self, client, partnership):
        reviewer = make_reviewer(partnership)
        ReviewFactory(assessment=submitted_cycle(partnership), reviewer=reviewer, completed=True)
        page = home_of(client, reviewer)
        assert "Nothing is waiting for you at the moment" in page
        assert "to do" not in page.split("What is waiting for you")[1].split("Where to go")[0]


class TestCoordinators:
    def test_a_submitted_cycle_with_no_reviewer_links_to_choosing_one(self, client, partnership):
        coordinator = PartnershipMemberFactory(partnership=partnership).user
        cycle = submitted_cycle(partnership)
        page = home_of(client, coordinator)
        assert "Choose reviewers for 1 submitted self-assessment" in page
        assert (
            reverse("assessments:assign", kwargs={"partnership_slug": partnership.slug, "assessment_id": cycle.pk})
            in page
        )

        ReviewFactory(assessment=cycle)
        assert "Choose reviewers" not in home_of(client, coordinator)

    def test_several_cycles_with_no_reviewer_link_to_the_overview(self, client, partnership):
        coordinator = PartnershipMemberFactory(partnership=partnership).user
        submitted_cycle(partnership)
        submitted_cycle(partnership)
        AssessmentFactory(sign_up__organisation__partnership=partnership)  # a draft: not the coordinator's to do
        page = home_of(client, coordinator)
        assert "Choose reviewers for 2 submitted self-assessments" in page
        assert reverse("assessments:overview", kwargs={"partnership_slug": partnership.slug}) + "#submitted" in page

    def test_invitations_not_accepted_and_those_that_ran_out_lately(self, client, partnership):
        coordinator = PartnershipMemberFactory(partnership=partnership).user
        old = InvitationFactory(partnership=partnership)
        type(old).objects.filter(pk=old.pk).update(created_at=days_ago(5))
        InvitationFactory(partnership=partnership)
        InvitationFactory(partnership=partnership, expired=True)
        InvitationFactory(partnership=partnership, accepted=True)
        InvitationFactory(partnership=partnership, withdrawn=True)
        InvitationFactory(partnership=partnership, expires_at=days_ago(400))
        InvitationFactory()  # another partnership's
        page = home_of(client, coordinator)
        assert "2 invitations not accepted yet" in page
        assert "1 invitation ran out without being used. You can send them again." in page
        assert "Waiting 5 days" in page

    def test_only_invitations_that_ran_out(self, client, partnership):
        coordinator = PartnershipMemberFactory(partnership=partnership).user
        InvitationFactory(partnership=partnership, expired=True)
        assert "1 invitation ran out without being used" in home_of(client, coordinator)

    def test_a_coordinator_of_another_partnership_sees_none_of_it(self, client, partnership):
        submitted_cycle(partnership)
        InvitationFactory(partnership=partnership)
        other = PartnershipMemberFactory(partnership=PartnershipFactory()).user
        page = home_of(client, other)
        assert "Choose reviewers" not in page
        assert "invitation" not in page.split("What is waiting for you")[1].split("Where to go")[0]


class TestOrganisations:
    def test_a_draft_to_finish_with_how_far_it_has_got(self, client, partnership):
        cycle = AssessmentFactory(sign_up__organisation__partnership=partnership, sign_up__framework_version__items=3)
        admin = admin_of(cycle.organisation)
        first = cycle.items.with_framework().first()
        services.save_item(first, {"rating": 2}, expected_version=first.version, by=admin)
        page = home_of(client, admin)
        framework = cycle.sign_up.framework_version.framework.name
        assert f"Finish your self-assessment against {framework}" in page
        assert "Cycle 1: 1 of 3 items rated." in page

        for answer in cycle.items.all():
            services.save_item(answer, {"rating": 3}, expected_version=answer.version, by=admin)
        page = home_of(client, admin)
        assert "Cycle 1: every item is rated. Check your answers, then submit." in page
        kwargs = {
            "partnership_slug": partnership.slug,
            "organisation_slug": cycle.organisation.slug,
            "assessment_id": cycle.pk,
        }
        assert reverse("assessments:submit", kwargs=kwargs) in page

        services.submit_assessment(cycle, by=admin)
        assert "Finish your self-assessment" not in home_of(client, admin)

    def test_challenges_to_answer_link_to_the_answers_page_and_go_once_answered(self, client, partnership):
        review = ReviewFactory(assessment=submitted_cycle(partnership))
        comment = finish_with_a_challenge(review)
        Review.objects.filter(pk=review.pk).update(completed_at=days_ago(3))
        member = OrganisationMemberFactory(organisation=review.assessment.organisation, member=True).user
        # A challenge in a review not finished yet is not shown to the organisation.
        unfinished = ReviewFactory(assessment=review.assessment)
        services.record_verdict(
            unfinished,
            review.assessment.items.with_framework().first(),
            verdict=Verdict.CHALLENGE,
            comment="Not sure",
            by=unfinished.reviewer,
        )

        page = home_of(client, member)
        assert "Answer 1 challenge from reviewers" in page
        assert "Waiting 3 days" in page
        organisation = review.assessment.organisation
        respond = reverse(
            "assessments:respond",
            kwargs={
                "partnership_slug": partnership.slug,
                "organisation_slug": organisation.slug,
                "assessment_id": review.assessment.pk,
            },
        )
        assert respond in page

        services.respond_to_comment(comment, response="We asked our peer group.", by=member)
        assert "Answer 1 challenge" not in home_of(client, member)

    def test_things_people_said_with_no_response(self, client, partnership):
        member = OrganisationMemberFactory(organisation__partnership=partnership, member=True)
        activity = ActivityFactory(organisation=member.organisation, held_on=timezone.localdate())
        ContributionFactory(activity=activity, given_on=timezone.localdate() - datetime.timedelta(days=20))
        ContributionFactory(activity=activity)
        ResponseFactory(contribution=ContributionFactory(activity=activity))
        page = home_of(client, member.user)
        assert "Say what you did with 2 things people told you" in page
        assert "Waiting 20 days" in page
        kwargs = {"partnership_slug": partnership.slug, "organisation_slug": member.organisation.slug}
        assert reverse("coproduction:activity", kwargs=kwargs | {"activity_id": activity.pk}) in page

        ContributionFactory(activity=ActivityFactory(organisation=member.organisation))
        page = home_of(client, member.user)
        assert "Say what you did with 3 things people told you" in page
        assert reverse("coproduction:activities", kwargs=kwargs) in page

    def test_another_organisations_things_never_show(self, client, partnership):
        cycle = AssessmentFactory(sign_up__organisation__partnership=partnership)
        ContributionFactory(activity=ActivityFactory(organisation=cycle.organisation))
        review = ReviewFactory(assessment=submitted_cycle(partnership))
        finish_with_a_challenge(review)
        outsider = OrganisationMemberFactory(organisation__partnership=partnership).user
        page = home_of(client, outsider)
        assert "Nothing is waiting for you at the moment" in page
        assert cycle.organisation.name not in page.split("What is waiting for you")[1]

    def test_the_organisation_home_shows_only_that_organisations_list(self, client, partnership):
        person = make_reviewer(partnership)
        PartnershipMember.objects.create(partnership=partnership, user=person, role=PartnershipRole.COORDINATOR)
        first = OrganisationMemberFactory(user=person, organisation__partnership=partnership)
        second = OrganisationMemberFactory(user=person, organisation__partnership=partnership)
        ContributionFactory(activity=ActivityFactory(organisation=first.organisation))
        ContributionFactory(activity=ActivityFactory(organisation=second.organisation))
        ReviewFactory(assessment=submitted_cycle(partnership), reviewer=person)
        submitted_cycle(partnership)

        page = home_of(client, person)
        assert page.count("Say what you did with 1 thing people told you") == 2
        assert "1 review to do" in page
        assert "Choose reviewers" in page

        client.force_login(person)
        url = reverse(
            "www:organisation_home",
            kwargs={"partnership_slug": partnership.slug, "organisation_slug": first.organisation.slug},
        )
        org_page = client.get(url).text
        assert org_page.count("Say what you did with 1 thing people told you") == 1
        assert "review to do" not in org_page
        assert "Choose reviewers" not in org_page

    def test_an_organisation_home_of_another_organisation_is_not_found(self, client, partnership):
        outsider = OrganisationMemberFactory(organisation__partnership=partnership).user
        other = OrganisationFactory(partnership=partnership)
        client.force_login(outsider)
        url = reverse(
            "www:organisation_home", kwargs={"partnership_slug": partnership.slug, "organisation_slug": other.slug}
        )
        assert client.get(url).status_code == 404


class TestProviders:
    def test_each_app_declares_its_provider_on_its_app_config(self):
        names = {f"{provider.__module__}.{provider.__name__}" for provider in todo.declared_providers()}
        assert {
            "included.assessments.todo.to_do",
            "included.coproduction.todo.to_do",
            "included.invitations.todo.to_do",
            "included.joining.todo.to_do",
        } <= names

    def test_a_new_apps_provider_is_gathered_with_the_rest(self, monkeypatch, partnership):
        """A new app adds its part with one more provider, and nothing else changes."""
        reviewer = make_reviewer(partnership)

        def requests_to_join(user, access):
            return [ToDo(group=FOR_REVIEWERS, label="3 requests to join", url="/somewhere/", count=3, order=1)]

        monkeypatch.setattr(todo, "declared_providers", lambda: [requests_to_join])
        groups = todo.to_do_for(reviewer, access_in(reviewer, partnership))
        assert [entry["to_do"].label for group in groups for entry in group["items"]] == ["3 requests to join"]


def build_world(partnership, person, size):
    """`size` of everything that can wait for a person who is a coordinator, a reviewer and in two organisations."""
    organisations = [OrganisationMemberFactory(user=person, organisation__partnership=partnership).organisation]
    organisations.append(OrganisationMemberFactory(user=person, organisation__partnership=partnership).organisation)
    for number in range(size):
        organisation = organisations[number % 2]
        AssessmentFactory(sign_up__organisation=organisation, sign_up__framework_version__items=2)
        ContributionFactory(activity=ActivityFactory(organisation=organisation))
        ReviewFactory(assessment=submitted_cycle(partnership), reviewer=person)
        submitted_cycle(partnership)
        InvitationFactory(partnership=partnership)
        InvitationFactory(partnership=partnership, expired=True)
        review = ReviewFactory(
            assessment=AssessmentFactory(
                sign_up__organisation=organisation, sign_up__framework_version__items=2, submitted=True
            )
        )
        finish_with_a_challenge(review)
    return organisations


def test_the_home_pages_run_as_many_queries_at_two_sizes(client, partnership):
    person = make_reviewer(partnership)
    PartnershipMember.objects.create(partnership=partnership, user=person, role=PartnershipRole.COORDINATOR)
    organisations = build_world(partnership, person, 1)
    client.force_login(person)
    org_home = reverse(
        "www:organisation_home",
        kwargs={"partnership_slug": partnership.slug, "organisation_slug": organisations[0].slug},
    )
    counts = []
    for size in (1, 4):
        if size > 1:
            build_world(partnership, person, size)
        measured = []
        for url in (HOME, org_home):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            measured.append(len(queries))
        counts.append(measured)
        page = client.get(HOME).text
        assert "reviews to do" in page or "review to do" in page
    assert counts[0] == counts[1], counts
    assert counts[0][0] <= 20
