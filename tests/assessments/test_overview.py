"""The coordinators' partnership overview: who signed up, where each cycle is, reviews waiting, and which sectors
take part (EMIF checklist point 9). Coordinators see no draft's content, and the page stays quick as it grows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from included.assessments import services
from included.assessments.enums import Verdict
from included.assessments.models import Review
from included.assessments.overview import reviewed_cycles, reviews_waiting, sector_coverage, signatories
from included.organisations.enums import Sector
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipFactory, PartnershipMemberFactory

from .factories import AssessmentFactory, ReviewFactory, SignUpFactory, admin_of, make_reviewer, rate_every_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return PartnershipFactory(name="Riverside Inclusion Partnership")


@pytest.fixture
def coordinator(partnership):
    return PartnershipMemberFactory(partnership=partnership).user


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def overview_url(partnership):
    return reverse("assessments:overview", kwargs={"partnership_slug": partnership.slug})


def organisation(partnership, name, sector=Sector.EMPLOYER):
    return OrganisationFactory(partnership=partnership, name=name, sector=sector)


def section(page, heading_id):
    """The part of the page under one h2, so a test can say what appears where."""
    start = page.index(f'id="{heading_id}"')
    end = page.find('<h2 class="govuk-heading-m"', start + 1)
    return page[start : end if end != -1 else len(page)]


class TestTheOverview:
    def test_a_coordinator_sees_who_signed_up_with_framework_and_date(self, coordinator_client, partnership):
        sign_up = SignUpFactory(organisation=organisation(partnership, "Bright Futures Bakery"))
        organisation(partnership, "Not Yet Signed Ltd")

        page = section(coordinator_client.get(overview_url(partnership)).text, "signatories")

        assert "Bright Futures Bakery" in page
        assert sign_up.framework_version.framework.name in page
        assert f"{timezone.localdate(sign_up.signed_at):%-d %B %Y}" in page
        assert "Not Yet Signed Ltd" not in page

    def test_cycles_in_progress_show_who_and_which_framework_but_never_what_a_draft_says(
        self, coordinator_client, partnership
    ):
        draft = AssessmentFactory(sign_up__organisation=organisation(partnership, "Canal Side Group"))
        rate_every_item(draft, evidence="Our half-written draft evidence")

        response = coordinator_client.get(overview_url(partnership))

        in_progress = section(response.text, "in-progress")
        assert "Canal Side Group" in in_progress
        assert draft.framework_version.framework.name in in_progress
        assert "Our half-written draft evidence" not in response.text
        assert (
            reverse("assessments:submitted", kwargs={"partnership_slug": partnership.slug, "assessment_id": draft.pk})
            not in response.text
        )

    def test_submitted_cycles_show_their_review_state_and_link_to_the_cycle(self, coordinator_client, partnership):
        waiting = AssessmentFactory(sign_up__organisation=organisation(partnership, "Alder Care"), submitted=True)
        under_review = AssessmentFactory(
            sign_up__organisation=organisation(partnership, "Beech Bakery"), submitted=True
        )
        ReviewFactory(assessment=under_review, completed=True)
        ReviewFactory(assessment=under_review)
        done = AssessmentFactory(sign_up__organisation=organisation(partnership, "Cedar College"), submitted=True)
        ReviewFactory(assessment=done, completed=True)

        page = section(coordinator_client.get(overview_url(partnership)).text, "submitted")

        def row(name):
            return page[page.index(name) :].split("</tr>")[0]

        assert "Needs reviewers" in row("Alder Care")
        assert "Being reviewed" in row("Beech Bakery")
        assert "1 of 2 reviews finished" in row("Beech Bakery")
        assert "Reviewed" in row("Cedar College")
        assert "1 of 1 review finished" in row("Cedar College")
        for cycle in (waiting, under_review, done):
            assert (
                reverse(
                    "assessments:submitted", kwargs={"partnership_slug": partnership.slug, "assessment_id": cycle.pk}
                )
                in page
            )

    def test_reviews_waiting_show_the_reviewer_and_how_long_they_have_waited(self, coordinator_client, partnership):
        cycle = AssessmentFactory(sign_up__organisation=organisation(partnership, "Alder Care"), submitted=True)
        review = ReviewFactory(assessment=cycle, reviewer=make_reviewer(partnership, name="Sam Okafor"))
        Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - datetime.timedelta(days=12))
        ReviewFactory(assessment=cycle, reviewer=make_reviewer(partnership, name="Finished Person"), completed=True)

        page = section(coordinator_client.get(overview_url(partnership)).text, "waiting")

        assert "Sam Okafor" in page
        assert ">12</td>" in page
        assert "Finished Person" not in page

    def test_sector_coverage_counts_members_and_sign_ups_and_names_the_missing_sectors(
        self, coordinator_client, partnership
    ):
        SignUpFactory(organisation=organisation(partnership, "Alder Care", Sector.VCSE))
        organisation(partnership, "Beech Bakery", Sector.EMPLOYER)
        SignUpFactory(organisation=organisation(partnership, "Cedar Bakery", Sector.EMPLOYER))
        SignUpFactory(organisation=organisation(partnership, "Hilltop Council", Sector.PUBLIC_BODY), withdrawn=True)

        page = section(coordinator_client.get(overview_url(partnership)).text, "sectors")

        assert "No member from these sectors: Education or research, Funder or commissioner, Community group." in page
        employer_row = page[page.index(">Employer") :].split("</tr>")[0]
        assert [cell.split(">", 1)[1].split("<")[0] for cell in employer_row.split("<td")[1:]] == ["2", "1"]
        council_row = page[page.index(">Local authority or public body") :].split("</tr>")[0]
        assert [cell.split(">", 1)[1].split("<")[0] for cell in council_row.split("<td")[1:]] == ["1", "0"]
        assert page.count("No member</strong>") == 3

    def test_every_sector_covered_is_said_plainly(self, coordinator_client, partnership):
        for sector in Sector:
            organisation(partnership, f"A {sector.label} member", sector)

        page = coordinator_client.get(overview_url(partnership)).text

        assert "Every sector has at least one member organisation." in page
        assert "No member</strong>" not in page

    def test_nothing_from_another_partnership_appears(self, coordinator_client, partnership):
        elsewhere = PartnershipFactory()
        cycle = AssessmentFactory(sign_up__organisation=organisation(elsewhere, "Somewhere Else Trust"), submitted=True)
        ReviewFactory(assessment=cycle, reviewer=make_reviewer(elsewhere, name="Elsewhere Reviewer"))
        AssessmentFactory(sign_up__organisation=organisation(elsewhere, "Other Draft Ltd"))

        page = coordinator_client.get(overview_url(partnership)).text

        for name in ("Somewhere Else Trust", "Elsewhere Reviewer", "Other Draft Ltd"):
            assert name not in page
        assert page.count("<h1") == 1

    def test_an_empty_partnership_says_so_on_each_part(self, coordinator_client, partnership):
        page = coordinator_client.get(overview_url(partnership)).text

        assert "No one has signed up to a framework yet." in page
        assert "None is in progress now." in page
        assert "None has been sent in yet." in page
        assert "No review is waiting." in page

    def test_people_who_are_not_coordinators_are_refused(self, client, partnership):
        member = OrganisationMemberFactory(organisation=organisation(partnership, "Alder Care")).user
        reviewer = make_reviewer(partnership)
        for person in (member, reviewer, PartnershipMemberFactory().user):
            client.force_login(person)
            assert client.get(overview_url(partnership)).status_code == 403
        client.logout()
        assert client.get(overview_url(partnership)).url.startswith(reverse("account_login"))

    def test_the_overview_only_answers_reading(self, coordinator_client, partnership):
        assert coordinator_client.post(overview_url(partnership)).status_code == 405


class TestTheCounting:
    def test_sector_coverage_lists_every_sector_in_order_with_zeros(self, partnership):
        SignUpFactory(organisation=organisation(partnership, "Alder Care", Sector.VCSE))

        coverage = sector_coverage(partnership)

        assert [row.sector for row in coverage] == list(Sector.values)
        assert {row.sector: (row.members, row.signatories) for row in coverage if row.members} == {"vcse": (1, 1)}

    def test_an_organisation_signed_up_to_two_frameworks_counts_once(self, partnership):
        alder = organisation(partnership, "Alder Care", Sector.VCSE)
        SignUpFactory(organisation=alder)
        SignUpFactory(organisation=alder)

        vcse = next(row for row in sector_coverage(partnership) if row.sector == Sector.VCSE)

        assert (vcse.members, vcse.signatories) == (1, 1)
        assert len(list(signatories(partnership))) == 2

    def test_days_waiting_never_go_below_zero(self, partnership):
        review = ReviewFactory(assessment__sign_up__organisation=organisation(partnership, "Alder Care"))

        waiting = reviews_waiting(partnership, now=review.created_at - datetime.timedelta(minutes=5))

        assert [r.days_waiting for r in waiting] == [0]

    def test_each_rating_counts_once_however_many_reviewers(self, partnership):
        cycle = AssessmentFactory(sign_up__organisation=organisation(partnership, "Alder Care"), submitted=True)
        first, second, third = cycle.items.with_framework()
        reviews = [ReviewFactory(assessment=cycle) for _ in range(3)]
        # Everyone challenges the first; one of three challenges the second; all agree on the third.
        for number, review in enumerate(reviews):
            services.record_verdict(
                review, first, verdict=Verdict.CHALLENGE, comment="Who took part?", by=review.reviewer
            )
            verdict = Verdict.CHALLENGE if number == 0 else Verdict.AGREE
            services.record_verdict(review, second, verdict=verdict, comment="Not yet", by=review.reviewer)
            services.record_verdict(review, third, verdict=Verdict.AGREE, comment="", by=review.reviewer)
            services.complete_review(review, summary="", by=review.reviewer)
        # The organisation answers the first reviewer's two challenges only.
        for comment in reviews[0].comments.filter(verdict=Verdict.CHALLENGE):
            services.respond_to_comment(comment, response="We will ask more people.", by=admin_of(cycle.organisation))

        (counted,) = reviewed_cycles([cycle.sign_up])

        assert (counted.reviewer_count, counted.agreed, counted.challenged) == (3, 1, 2)
        # The second rating's only challenge has an answer; the first still has two without one.
        assert counted.answered == 1

    def test_a_rating_is_answered_once_every_challenge_has_a_response(self, partnership):
        cycle = AssessmentFactory(sign_up__organisation=organisation(partnership, "Alder Care"), submitted=True)
        first = cycle.items.with_framework().first()
        review = ReviewFactory(assessment=cycle, agreed=True)
        services.record_verdict(review, first, verdict=Verdict.CHALLENGE, comment="Who took part?", by=review.reviewer)
        services.complete_review(review, summary="", by=review.reviewer)
        services.respond_to_comment(
            review.comments.get(assessment_item=first), response="Six people.", by=admin_of(cycle.organisation)
        )

        (counted,) = reviewed_cycles([cycle.sign_up])

        assert (counted.reviewer_count, counted.agreed, counted.challenged, counted.answered) == (1, 2, 1, 1)


def _overview_queries(client, partnership):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(overview_url(partnership)).status_code == 200
    return len(queries)


def test_the_overview_query_count_does_not_grow_with_organisations(coordinator_client, partnership):
    sectors = list(Sector)

    def add(count):
        start = partnership.organisations.count()
        for number in range(start, start + count):
            member = organisation(partnership, f"Organisation {number}", sectors[number % len(sectors)])
            sign_up = SignUpFactory(organisation=member)
            if number % 3 == 0:
                AssessmentFactory(sign_up=sign_up)
            elif number % 3 == 1:
                ReviewFactory(assessment=AssessmentFactory(sign_up=sign_up, submitted=True))
            else:
                ReviewFactory(assessment=AssessmentFactory(sign_up=sign_up, submitted=True), completed=True)

    # The first visit after signing in also saves the session; measure the visits after it.
    coordinator_client.get(overview_url(partnership))
    add(2)
    few = _overview_queries(coordinator_client, partnership)
    add(8)
    many = _overview_queries(coordinator_client, partnership)

    assert few == many
    # Session and sign-in checks, the person's roles and navigation, then one query for each part of the page.
    assert many <= 13


class TestTheOverviewKeptInTheCache:
    """Without a search, the lists every coordinator sees alike are kept in the partnership's cache
    (included/core/public_cache.py): each change shows at once, and reviews waiting are always read afresh."""

    def test_a_new_sign_up_and_a_submission_show_at_once(
        self, coordinator_client, partnership, django_capture_on_commit_callbacks
    ):
        SignUpFactory(organisation=organisation(partnership, "Alder Care"))
        assert "Birch Bakery" not in coordinator_client.get(overview_url(partnership)).text

        with django_capture_on_commit_callbacks(execute=True):
            cycle = AssessmentFactory(sign_up__organisation=organisation(partnership, "Birch Bakery"), submitted=True)
        page = coordinator_client.get(overview_url(partnership)).text
        assert "Birch Bakery" in section(page, "signatories")
        assert "Needs reviewers" in section(page, "submitted")

        with django_capture_on_commit_callbacks(execute=True):
            ReviewFactory(assessment=cycle)
        assert "Being reviewed" in section(coordinator_client.get(overview_url(partnership)).text, "submitted")

    def test_a_reviewers_new_name_shows_in_reviews_waiting_at_once(self, coordinator_client, partnership):
        review = ReviewFactory(
            assessment=AssessmentFactory(sign_up__organisation=organisation(partnership, "Alder Care"), submitted=True)
        )
        coordinator_client.get(overview_url(partnership))

        review.reviewer.name = "Dee Marshall-Owen"
        review.reviewer.save(update_fields=["name"])

        assert "Dee Marshall-Owen" in section(coordinator_client.get(overview_url(partnership)).text, "waiting")

    def test_each_list_kept_in_the_cache_links_to_its_pages_from_any_address(self, coordinator_client, partnership):
        for number in range(30):
            SignUpFactory(organisation=organisation(partnership, f"Member {number:02}"))
        coordinator_client.get(overview_url(partnership) + "?sign_ups_page=2")

        response = coordinator_client.get(overview_url(partnership) + "?sign_ups_page=2&waiting_page=3")

        sign_ups = response.context["sign_ups"]
        assert sign_ups.number == 2
        assert sign_ups.previous_url == "?sign_ups_page=1&waiting_page=3#signatories"
        assert "Member 29" in section(response.text, "signatories")

    def test_a_search_is_never_answered_from_the_cache(self, coordinator_client, partnership):
        SignUpFactory(organisation=organisation(partnership, "Alder Care"))
        SignUpFactory(organisation=organisation(partnership, "Birch Bakery"))
        coordinator_client.get(overview_url(partnership))

        page = section(coordinator_client.get(overview_url(partnership) + "?name=birch").text, "signatories")

        assert "Birch Bakery" in page
        assert "Alder Care" not in page
