"""The public register: anyone, signed in or not, sees who signed up and how far each has got, and nothing private."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from included.assessments import public_views, services
from included.assessments.enums import Verdict
from included.assessments.models import Review
from included.organisations.enums import Sector
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipFactory

from .factories import AssessmentFactory, ReviewFactory, SignUpFactory, admin_of, rate_every_item

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('hello')</script>"


@pytest.fixture
def partnership():
    return PartnershipFactory(name="Riverside Inclusion Partnership", area="Riverside")


def london(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


def register_url(partnership, query=""):
    return reverse("assessments:register", kwargs={"partnership_slug": partnership.slug}) + query


def commitment_url(organisation):
    return reverse(
        "assessments:commitment",
        kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
    )


def signed_up(partnership, name, sector=Sector.EMPLOYER, **sign_up_fields):
    organisation = OrganisationFactory(partnership=partnership, name=name, sector=sector)
    return SignUpFactory(organisation=organisation, **sign_up_fields)


def reviewed(sign_up, *, challenge_comment="Who did you ask?", response="We asked six people."):
    """A cycle reviewed by two people: both agree with every rating but the first, which one challenges."""
    cycle = AssessmentFactory(sign_up=sign_up, submitted=True)
    first = cycle.items.with_framework().first()
    challenger = ReviewFactory(assessment=cycle)
    services.record_verdict(
        challenger, first, verdict=Verdict.CHALLENGE, comment=challenge_comment, by=challenger.reviewer
    )
    for answer in cycle.items.exclude(pk=first.pk):
        services.record_verdict(challenger, answer, verdict=Verdict.AGREE, comment="", by=challenger.reviewer)
    ReviewFactory(assessment=cycle, completed=True)
    services.complete_review(challenger, summary="Overall, honest and clear.", by=challenger.reviewer)
    if response:
        services.respond_to_comment(
            challenger.comments.get(assessment_item=first), response=response, by=admin_of(cycle.organisation)
        )
    cycle.refresh_from_db()
    return cycle


class TestTheRegister:
    def test_anyone_can_read_who_signed_up_and_how_far_each_has_got(self, client, partnership):
        only_signed = signed_up(partnership, "Hilltop Council", Sector.PUBLIC_BODY, statement="We open doors.")
        submitted = signed_up(partnership, "Bright Futures Bakery")
        AssessmentFactory(sign_up=submitted, submitted=True)
        done = signed_up(partnership, "Canal Side Community Group", Sector.COMMUNITY_GROUP)
        cycle = reviewed(done)

        response = client.get(register_url(partnership))

        assert response.status_code == 200
        page = response.text
        assert page.count("<h1") == 1
        assert "Hilltop Council" in page
        assert "Local authority or public body" in page
        assert "We open doors." in page
        assert only_signed.framework_version.framework.name in page
        assert f"{timezone.localdate(only_signed.signed_at):%-d %B %Y}" in page
        assert page.index("Bright Futures Bakery") < page.index("Canal Side") < page.index("Hilltop Council")
        assert page.count("Signed up</strong>") == 1
        assert page.count("Waiting for review</strong>") == 1
        assert page.count("Reviewed</strong>") == 1
        assert page.count("Reviewed by people with lived experience") == 1
        assert f"Last reviewed on {timezone.localdate(cycle.reviewed_at):%-d %B %Y}." in page

    def test_the_date_is_of_the_latest_review_of_the_latest_reviewed_cycle(self, client, partnership):
        sign_up = signed_up(partnership, "Bright Futures Bakery")
        first, second = reviewed(sign_up), reviewed(sign_up)
        Review.objects.filter(assessment=first).update(completed_at=london(2026, 3, 20))
        earlier, later = second.reviews.order_by("pk")
        Review.objects.filter(pk=earlier.pk).update(completed_at=london(2025, 6, 2))
        Review.objects.filter(pk=later.pk).update(completed_at=london(2025, 6, 9, hour=0, minute=30))
        AssessmentFactory(sign_up=sign_up, submitted=True)

        page = client.get(register_url(partnership)).text

        # Just after midnight on 9 June in London, while it is still 8 June in UTC.
        assert "Last reviewed on 9 June 2025." in page

    def test_other_partnerships_and_organisations_not_signed_up_are_not_listed(self, client, partnership):
        signed_up(partnership, "Bright Futures Bakery")
        signed_up(PartnershipFactory(), "Somewhere Else Trust")
        OrganisationFactory(partnership=partnership, name="Not Signed Up Yet")

        page = client.get(register_url(partnership)).text

        assert "Bright Futures Bakery" in page
        assert "Somewhere Else Trust" not in page
        assert "Not Signed Up Yet" not in page
        assert "1 commitment." in page

    def test_an_organisation_that_left_is_listed_with_the_date_it_left_and_without_its_statement(
        self, client, partnership
    ):
        signed_up(partnership, "Bright Futures Bakery")
        gone = signed_up(partnership, "Gone Away Ltd", withdrawn=True)

        page = client.get(register_url(partnership)).text

        assert "Gone Away Ltd" in page
        assert f"Withdrew on {timezone.localdate(gone.withdrawn_at):%-d %B %Y}" in page
        assert gone.statement not in page
        assert "2 commitments. 1 of them left." in page

    def test_the_register_can_be_filtered_by_sector_without_javascript(self, client, partnership):
        signed_up(partnership, "Bright Futures Bakery", Sector.EMPLOYER)
        signed_up(partnership, "Hilltop Council", Sector.PUBLIC_BODY)

        page = client.get(register_url(partnership, "?sector=public_body")).text

        assert "Hilltop Council" in page
        assert "Bright Futures Bakery" not in page
        assert '<option value="public_body" selected>' in page
        assert "Show every sector" in page

    def test_a_sector_with_nobody_signed_up_says_so(self, client, partnership):
        signed_up(partnership, "Bright Futures Bakery", Sector.EMPLOYER)

        page = client.get(register_url(partnership, "?sector=funder")).text

        assert "No organisation in this sector has signed up yet." in page

    @pytest.mark.parametrize("value", ["nonsense", SCRIPT, "x" * 5000])
    def test_a_wrong_sector_is_explained_and_everyone_is_still_shown(self, client, partnership, value):
        signed_up(partnership, "Bright Futures Bakery")

        response = client.get(register_url(partnership), {"sector": value})

        assert response.status_code == 200
        assert "Choose a sector from the list" in response.text
        assert "<title>Error:" in response.text
        assert "Bright Futures Bakery" in response.text
        assert SCRIPT not in response.text

    def test_a_statement_with_a_script_is_shown_as_text(self, client, partnership):
        signed_up(partnership, "Bright Futures Bakery", statement=f"We welcome everyone. {SCRIPT}")

        for url in (register_url(partnership), commitment_url(partnership.organisations.get())):
            page = client.get(url).text
            assert SCRIPT not in page
            assert "&lt;script&gt;" in page

    def test_a_long_register_is_split_into_pages(self, client, partnership, monkeypatch):
        monkeypatch.setattr(public_views, "PAGE_SIZE", 2)
        for name in ("Alder Care", "Beech Bakery", "Cedar College"):
            signed_up(partnership, name)

        first = client.get(register_url(partnership)).text
        second = client.get(register_url(partnership, "?page=2")).text
        nonsense = client.get(register_url(partnership, "?page=abc"))

        assert "Alder Care" in first and "Cedar College" not in first
        assert "Cedar College" in second and "Alder Care" not in second
        assert "Page 2 of 2." in second
        assert nonsense.status_code == 200

    def test_the_register_of_an_unknown_partnership_is_not_found(self, client):
        assert client.get(reverse("assessments:register", kwargs={"partnership_slug": "nowhere"})).status_code == 404

    def test_the_register_only_answers_reading(self, client, partnership):
        assert client.post(register_url(partnership), {"sector": "employer"}).status_code == 405


class TestNothingPrivateIsPublished:
    def test_no_draft_evidence_action_comment_or_response_appears_on_public_pages(self, client, partnership):
        sign_up = signed_up(partnership, "Bright Futures Bakery")
        cycle = reviewed(sign_up, challenge_comment="Reviewer's private challenge", response="Our private response")
        answer = cycle.items.with_framework().first()
        draft = AssessmentFactory(sign_up=sign_up)
        rate_every_item(draft, evidence="Draft evidence nobody should see yet")
        draft_answer = draft.items.with_framework().first()
        services.add_action(
            draft_answer, what="A draft action about hiring", who="Ana", due=None, by=admin_of(draft.organisation)
        )
        assert "We asked the people who use our service" in answer.evidence

        for url in (register_url(partnership), commitment_url(sign_up.organisation)):
            page = client.get(url).text
            for private in (
                "Draft evidence nobody should see yet",
                "We asked the people who use our service",
                "A draft action about hiring",
                "Reviewer's private challenge",
                "Reviewer&#x27;s private challenge",
                "Our private response",
                "Overall, honest and clear.",
                "/evidence/",
            ):
                assert private not in page, (url, private)

    def test_a_member_of_the_organisation_signed_in_sees_only_the_public_page_too(self, client, partnership):
        sign_up = signed_up(partnership, "Bright Futures Bakery")
        reviewed(sign_up, challenge_comment="Reviewer's private challenge")
        client.force_login(OrganisationMemberFactory(organisation=sign_up.organisation).user)

        page = client.get(commitment_url(sign_up.organisation)).text

        assert "private challenge" not in page
        assert "We asked the people who use our service" not in page


class TestACommitment:
    def test_an_organisations_page_shows_its_commitment_and_review_counts(self, client, partnership):
        sign_up = signed_up(partnership, "Bright Futures Bakery", lead_name="Priya Shah", statement="Work for all.")
        cycle = reviewed(sign_up)

        response = client.get(commitment_url(sign_up.organisation))

        page = response.text
        assert response.status_code == 200
        assert page.count("<h1") == 1
        assert "Bright Futures Bakery" in page
        assert "Priya Shah" in page
        assert "Work for all." in page
        assert sign_up.framework_version.framework.name in page
        row = page[page.index('<th scope="row" class="govuk-table__header">Cycle 1</th>') :].split("</tr>")[0]
        cells = [cell.split(">", 1)[1].split("<")[0] for cell in row.split("<td")[1:]]
        day = f"{timezone.localdate(cycle.submitted_at):%-d %B %Y}"
        # Submitted, reviewed, reviewers, ratings agreed, ratings challenged, challenges answered.
        assert cells == [day, f"{timezone.localdate(cycle.reviewed_at):%-d %B %Y}", "2", "2", "1", "1 of 1"]

    def test_an_unanswered_challenge_is_counted_as_not_answered(self, client, partnership):
        sign_up = signed_up(partnership, "Bright Futures Bakery")
        reviewed(sign_up, response="")

        page = client.get(commitment_url(sign_up.organisation)).text

        assert "0 of 1" in page

    def test_a_cycle_under_review_is_not_counted_yet(self, client, partnership):
        sign_up = signed_up(partnership, "Bright Futures Bakery")
        ReviewFactory(assessment=AssessmentFactory(sign_up=sign_up, submitted=True), agreed=True)

        page = client.get(commitment_url(sign_up.organisation)).text

        assert "Waiting for review</strong>" in page
        assert "Self-assessments reviewed by people with lived experience" not in page

    def test_an_organisation_that_has_not_signed_up_has_no_public_page(self, client, partnership):
        organisation = OrganisationFactory(partnership=partnership)

        assert client.get(commitment_url(organisation)).status_code == 404

    def test_the_page_of_an_organisation_that_left_says_when(self, client, partnership):
        gone = signed_up(partnership, "Gone Away Ltd", withdrawn=True)

        page = client.get(commitment_url(gone.organisation)).text

        assert "Withdrew on" in page
        assert gone.statement not in page

    def test_an_organisation_is_not_found_through_another_partnership(self, client, partnership):
        sign_up = signed_up(partnership, "Bright Futures Bakery")
        elsewhere = PartnershipFactory()
        url = reverse(
            "assessments:commitment",
            kwargs={"partnership_slug": elsewhere.slug, "organisation_slug": sign_up.organisation.slug},
        )

        assert client.get(url).status_code == 404


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_register_query_count_does_not_grow_with_signatories(
    client, partnership, django_capture_on_commit_callbacks
):
    def add(count):
        # Committed, as in real use: the cached register is cleared, so both counts are of a page built afresh.
        with django_capture_on_commit_callbacks(execute=True):
            _add(count)

    def _add(count):
        for number in range(count):
            sign_up = signed_up(partnership, f"Organisation {partnership.organisations.count()} {number}")
            if number % 3 == 1:
                AssessmentFactory(sign_up=sign_up, submitted=True)
            elif number % 3 == 2:
                reviewed(sign_up)

    add(3)
    few = _queries_for(client, register_url(partnership))
    add(9)
    many = _queries_for(client, register_url(partnership))

    assert few == many
    assert many <= 5


def test_the_commitment_query_count_does_not_grow_with_cycles(client, partnership, django_capture_on_commit_callbacks):
    sign_up = signed_up(partnership, "Bright Futures Bakery")
    reviewed(sign_up)
    few = _queries_for(client, commitment_url(sign_up.organisation))
    # Committed, as in real use: the cached page is cleared, so both counts are of a page built afresh.
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            reviewed(sign_up)
    many = _queries_for(client, commitment_url(sign_up.organisation))

    assert few == many
