"""Reviewers are looked after: they declare any conflict of interest before starting, they can be away from new
reviews without saying why, and they are thanked and told what their review did once the organisation answers."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from included.assessments import services
from included.assessments.enums import Verdict
from included.assessments.models import ConflictDeclaration, ReviewComment, ReviewerAway
from included.core.personal_data import collect, erase
from tests.factories import OrganisationFactory, PartnershipFactory, PartnershipMemberFactory, UserFactory

from .factories import AssessmentFactory, ReviewFactory, make_reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return PartnershipFactory()


@pytest.fixture
def coordinator(partnership):
    return PartnershipMemberFactory(partnership=partnership).user


@pytest.fixture
def reviewer(partnership):
    return make_reviewer(partnership, name="Sam Okafor")


@pytest.fixture
def cycle(partnership):
    organisation = OrganisationFactory(partnership=partnership, name="Bright Futures Bakery")
    return AssessmentFactory(sign_up__organisation=organisation, sign_up__framework_version__items=2, submitted=True)


@pytest.fixture
def review(cycle, reviewer, coordinator):
    return ReviewFactory(assessment=cycle, reviewer=reviewer, assigned_by=coordinator)


def _url(name, review, **extra):
    return reverse(name, kwargs={"partnership_slug": review.partnership.slug, "review_id": review.pk, **extra})


def test_a_reviewer_declares_before_starting_and_cannot_start_without(client, review, reviewer):
    client.force_login(reviewer)
    first = review.assessment.items.with_framework().first()
    page = client.get(_url("assessments:review", review)).content.decode()
    assert "Before you start" in page
    assert client.get(_url("assessments:verdict", review, item_id=first.pk)).status_code == 302
    client.post(_url("assessments:declare_conflict", review), {"has_conflict": "no"})
    assert ConflictDeclaration.objects.get(review=review).has_conflict is False
    assert client.get(_url("assessments:verdict", review, item_id=first.pk)).status_code == 200


def test_a_conflicted_reviewer_cannot_start_and_the_coordinator_sees_it(client, review, reviewer, coordinator):
    client.force_login(reviewer)
    client.post(
        _url("assessments:declare_conflict", review), {"has_conflict": "yes", "details": "My sister works there."}
    )
    first = review.assessment.items.with_framework().first()
    assert client.get(_url("assessments:verdict", review, item_id=first.pk)).status_code == 302
    with pytest.raises(ValidationError):
        services.record_verdict(review, first, verdict=Verdict.AGREE, comment="", by=reviewer)
    assert not ReviewComment.objects.exists()
    client.force_login(coordinator)
    page = client.get(
        reverse("coproduction:reviewer", kwargs={"partnership_slug": review.partnership.slug, "user_id": reviewer.pk})
    ).content.decode()
    assert "Declared" in page
    assert "My sister works there." in page


def test_only_the_reviewer_declares_and_not_after_starting(review, reviewer, coordinator):
    with pytest.raises(PermissionDenied):
        services.declare_conflict(review, has_conflict=False, by=coordinator)
    services.declare_conflict(review, has_conflict=False, by=reviewer)
    first = review.assessment.items.with_framework().first()
    services.record_verdict(review, first, verdict=Verdict.AGREE, comment="", by=reviewer)
    with pytest.raises(ValidationError):
        services.declare_conflict(review, has_conflict=True, details="Changed my mind", by=reviewer)


def test_a_reviewer_away_is_not_offered_for_new_reviews(client, partnership, reviewer, coordinator, cycle):
    assert reviewer in cycle.reviewers_to_ask()
    client.force_login(reviewer)
    response = client.post(
        reverse("assessments:availability", kwargs={"partnership_slug": partnership.slug}),
        {"until_0": "1", "until_1": "1", "until_2": str(timezone.localdate().year + 1)},
    )
    assert response.status_code == 302
    assert reviewer not in cycle.reviewers_to_ask()
    with pytest.raises(ValidationError):
        services.assign_reviewer(cycle, reviewer, by=coordinator)
    page = client.get(reverse("assessments:availability", kwargs={"partnership_slug": partnership.slug})).content
    assert b"You are not available for new reviews until 1 January" in page
    assert b"reason" not in page.lower() or b"do not need to say why" in page
    client.post(reverse("assessments:availability", kwargs={"partnership_slug": partnership.slug}), {"available": "1"})
    assert reviewer in cycle.reviewers_to_ask()


def test_an_away_date_in_the_past_no_longer_holds_anyone_back(partnership, reviewer, cycle):
    services.set_away(reviewer, partnership, timezone.localdate() - datetime.timedelta(days=1), by=reviewer)
    assert reviewer in cycle.reviewers_to_ask()


def test_only_the_reviewer_sets_their_own_availability(partnership, reviewer, coordinator):
    until = timezone.localdate() + datetime.timedelta(days=30)
    with pytest.raises(PermissionDenied):
        services.set_away(reviewer, partnership, until, by=coordinator)
    with pytest.raises(PermissionDenied):
        services.clear_away(reviewer, partnership, by=coordinator)
    with pytest.raises(PermissionDenied):
        services.set_away(UserFactory(), partnership, until, by=UserFactory())
    assert not ReviewerAway.objects.exists()


def test_the_reviewer_is_thanked_and_told_what_their_review_did_once_answered(client, review, reviewer, cycle):
    services.declare_conflict(review, has_conflict=False, by=reviewer)
    first, second = cycle.items.with_framework()
    challenge = services.record_verdict(review, first, verdict=Verdict.CHALLENGE, comment="Who asked?", by=reviewer)
    services.record_verdict(review, second, verdict=Verdict.AGREE, comment="", by=reviewer)
    services.complete_review(review, summary="", by=reviewer)
    client.force_login(reviewer)
    assert "what your review did" not in client.get(_url("assessments:review", review)).content.decode()
    admin = cycle.organisation.memberships.create(user=UserFactory(), role="admin").user
    services.respond_to_comment(challenge, response="We now ask our panel first.", by=admin)
    page = client.get(_url("assessments:review", review)).content.decode()
    assert "Thank you: here is what your review did" in page
    assert "You agreed with 1 rating and challenged 1." in page
    assert "Bright Futures Bakery has answered every challenge you made." in page


def test_the_download_has_the_choices_and_erasure_removes_the_words(partnership, review, reviewer):
    services.declare_conflict(review, has_conflict=True, details="I used to work there", by=reviewer)
    services.set_away(reviewer, partnership, timezone.localdate() + datetime.timedelta(days=9), by=reviewer)
    data = collect(reviewer)
    assert data["conflicts_of_interest_you_declared"][0]["what_it_is"] == "I used to work there"
    assert data["when_you_can_review"][0]["partnership"] == partnership.name
    erase(reviewer)
    assert not ReviewerAway.objects.exists()
    assert ConflictDeclaration.objects.get().details == ""
