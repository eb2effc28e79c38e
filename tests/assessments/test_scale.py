"""The rating scale comes from the framework version: its own level names show wherever levels are offered or
explained, on the item form, the reviewer's page and the progress chart."""

import pytest
from django.urls import reverse

from .factories import AssessmentFactory, ReviewFactory, admin_of

pytestmark = pytest.mark.django_db

SCALE = [{"level": n, "name": f"Rung {n}", "descriptor": f"What rung {n} means."} for n in range(1, 6)]


def org_kwargs(cycle):
    return {"partnership_slug": cycle.organisation.partnership.slug, "organisation_slug": cycle.organisation.slug}


def test_the_item_form_offers_the_frameworks_own_levels(client):
    cycle = AssessmentFactory(sign_up__framework_version__scale=SCALE)
    answer = cycle.items.with_framework().first()
    client.force_login(admin_of(cycle.organisation))

    page = client.get(
        reverse("assessments:item", kwargs=org_kwargs(cycle) | {"assessment_id": cycle.pk, "item_id": answer.pk})
    ).text

    for level in SCALE:
        assert f"{level['level']} – {level['name']}: {level['descriptor']}" in page


def test_the_reviewer_is_told_the_scale_in_the_frameworks_words(client):
    review = ReviewFactory(assessment__sign_up__framework_version__scale=SCALE)
    client.force_login(review.reviewer)

    page = client.get(
        reverse("assessments:review", kwargs={"partnership_slug": review.partnership.slug, "review_id": review.pk})
    ).text

    assert "from 1 (rung 1) to 5 (rung 5)" in page


def test_the_progress_chart_marks_every_level_of_the_scale(client):
    cycle = AssessmentFactory(sign_up__framework_version__scale=SCALE, submitted=True)
    client.force_login(admin_of(cycle.organisation))

    page = client.get(reverse("assessments:progress", kwargs=org_kwargs(cycle) | {"sign_up_id": cycle.sign_up_id})).text

    assert "from 1 (Rung 1) to 5 (Rung 5)" in page
    chart = page.split('<figure class="included-chart"')[1].split("</figure>")[0]
    for level in range(0, 6):
        assert f'text-anchor="middle" fill="#0b0c0c">{level}</text>' in chart
