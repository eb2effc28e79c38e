"""Reviewers are paid: coordinators record each review's time and pay, the measures count it against the Real
Living Wage, and the reviewers page shows each reviewer's load."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from included.coproduction import measures, reports, services
from included.coproduction.enums import Recognition, WageArea
from included.coproduction.models import RealLivingWageRate, ReviewPayment
from included.core.personal_data import collect, erase
from tests.assessments.factories import AssessmentFactory, ReviewFactory, make_reviewer
from tests.factories import OrganisationFactory, PartnershipFactory, PartnershipMemberFactory

pytestmark = pytest.mark.django_db

RATE = Decimal("12.60")


@pytest.fixture
def partnership():
    RealLivingWageRate.objects.get_or_create(
        area=WageArea.UK, in_force_from=datetime.date(2020, 1, 1), defaults={"hourly_rate": RATE}
    )
    return PartnershipFactory()


@pytest.fixture
def coordinator(partnership):
    return PartnershipMemberFactory(partnership=partnership).user


def _reviews(partnership, coordinator, count, reviewer=None):
    reviews = []
    for _ in range(count):
        organisation = OrganisationFactory(partnership=partnership)
        cycle = AssessmentFactory(
            sign_up__organisation=organisation, sign_up__framework_version__items=1, submitted=True
        )
        reviews.append(
            ReviewFactory(assessment=cycle, reviewer=reviewer or make_reviewer(partnership), assigned_by=coordinator)
        )
    return reviews


def _pay(review, coordinator, rate, hours="2", day=None):
    return services.record_review_time(
        review,
        given_on=day or timezone.localdate(),
        hours_given=Decimal(hours),
        recognition=Recognition.PAID_HOURLY,
        hourly_rate=Decimal(rate),
        wage_area=WageArea.UK,
        by=coordinator,
    )


def test_pay_below_the_real_living_wage_shows_in_the_measures(client, partnership, coordinator):
    rate = measures.rate_in_force(reports.living_wage_rates(), WageArea.UK, timezone.localdate())
    reviews = _reviews(partnership, coordinator, 5)
    for review in reviews[:4]:
        _pay(review, coordinator, str(rate))
    _pay(reviews[4], coordinator, str(rate - Decimal("0.01")))
    client.force_login(coordinator)
    page = client.get(reverse("coproduction:partnership_measures", kwargs={"partnership_slug": partnership.slug}))
    text = page.content.decode()
    assert "Lived-experience reviewers&#x27; time and pay" in text or "Lived-experience reviewers' time and pay" in text
    section = text.split("reviewers-time-and-pay", 1)[1].split("by-organisation", 1)[0]
    assert "1 review paid below the Real Living Wage" in section, section
    assert "80% (4 of 5)" in text


def test_the_figures_are_not_shown_for_fewer_than_five_reviews(client, partnership, coordinator):
    (review,) = _reviews(partnership, coordinator, 1)
    _pay(review, coordinator, "9.00")
    client.force_login(coordinator)
    text = client.get(
        reverse("coproduction:partnership_measures", kwargs={"partnership_slug": partnership.slug})
    ).content.decode()
    assert "Not shown: fewer than 5 reviews" in text
    assert "paid below" not in text


def test_the_measure_compares_each_review_with_the_rate_of_its_day():
    rates = [
        measures.RateFacts(area="uk", hourly_rate=Decimal("12.00"), in_force_from=datetime.date(2024, 4, 1)),
        measures.RateFacts(area="uk", hourly_rate=Decimal("13.00"), in_force_from=datetime.date(2025, 4, 1)),
    ]
    reviews = [
        measures.ReviewFacts(datetime.date(2024, 6, 1), Decimal("2"), Recognition.PAID_HOURLY, Decimal("12.50")),
        measures.ReviewFacts(datetime.date(2025, 6, 1), Decimal("2"), Recognition.PAID_HOURLY, Decimal("12.50")),
        measures.ReviewFacts(datetime.date(2025, 6, 1), Decimal("3"), Recognition.VOUCHERS, voucher_value=Decimal(20)),
        measures.ReviewFacts(datetime.date(2025, 6, 1), Decimal("1"), Recognition.UNPAID),
        measures.ReviewFacts(datetime.date(2025, 6, 1), Decimal("1"), Recognition.EXPENSES_ONLY),
    ]
    figures = measures.reviewers_time_and_pay(reviews, rates)
    assert figures.below_living_wage == 1
    assert figures.hours_given == Decimal("9")
    assert figures.paid == Decimal("70.00")


def test_only_coordinators_record_time_and_never_for_their_own_review(partnership, coordinator):
    (review,) = _reviews(partnership, coordinator, 1)
    details = {"given_on": timezone.localdate(), "hours_given": Decimal(2), "recognition": Recognition.UNPAID}
    with pytest.raises(PermissionDenied):
        services.record_review_time(review, **details, by=review.reviewer)
    other_coordinator = PartnershipMemberFactory().user
    with pytest.raises(PermissionDenied):
        services.record_review_time(review, **details, by=other_coordinator)
    assert not ReviewPayment.objects.exists()


def test_the_form_refuses_missing_pay_and_keeps_what_was_typed(client, partnership, coordinator):
    (review,) = _reviews(partnership, coordinator, 1)
    client.force_login(coordinator)
    url = reverse("coproduction:review_time", kwargs={"partnership_slug": partnership.slug, "review_id": review.pk})
    response = client.post(
        url,
        {
            "given_on_0": "2",
            "given_on_1": "3",
            "given_on_2": "2026",
            "hours_given": "0",
            "recognition": "paid_hourly",
            "wage_area": "uk",
        },
    )
    text = response.content.decode()
    assert "Enter the hours they gave, more than 0" in text
    assert "Enter how much they were paid an hour" in text
    assert not ReviewPayment.objects.exists()


def test_the_load_page_shows_reviews_open_and_hours_this_month(client, partnership, coordinator):
    reviewer = make_reviewer(partnership, name="Alex Reviewer")
    reviews = _reviews(partnership, coordinator, 3, reviewer=reviewer)
    _pay(reviews[0], coordinator, "13.00", hours="2.5")
    _pay(reviews[1], coordinator, "13.00", hours="4", day=timezone.localdate() - datetime.timedelta(days=62))
    client.force_login(coordinator)
    response = client.get(reverse("coproduction:reviewers", kwargs={"partnership_slug": partnership.slug}))
    row = response.content.decode().split("Alex Reviewer", 1)[1].split("</tr>", 1)[0]
    assert 'data-label="Reviews open">3<' in row
    assert ">2.5<" in row


def test_the_load_page_takes_the_same_queries_however_many_reviewers(client, partnership, coordinator):
    def count():
        client.force_login(coordinator)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("coproduction:reviewers", kwargs={"partnership_slug": partnership.slug}))
            assert response.status_code == 200
        return len(queries)

    _reviews(partnership, coordinator, 1)
    count()  # the first request of a session reads more (the session, two-step verification)
    few = count()
    _reviews(partnership, coordinator, 6)
    assert count() == few


def test_the_reviewer_downloads_their_time_and_pay(partnership, coordinator):
    (review,) = _reviews(partnership, coordinator, 1)
    _pay(review, coordinator, "13.00")
    assert collect(review.reviewer)["time_and_pay_for_your_reviews"][0]["hours_given"] == Decimal("2")
    erase(coordinator)
    assert ReviewPayment.objects.get().recorded_by is None
