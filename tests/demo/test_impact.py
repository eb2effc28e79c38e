"""The demo partnership shows the impact pages working: figures on the dashboard, facts, social mobility, a report."""

import pytest
from django.urls import reverse

from included.demo.partnership import load_demo
from included.impact.models import AnnualReport, PartnershipFact, SocialMobilityReturn

pytestmark = pytest.mark.django_db


def test_the_demo_dashboard_has_figures_and_says_why_some_are_hidden(client):
    partnership = load_demo()
    assert partnership.suppression_k == 3
    assert PartnershipFact.objects.filter(partnership=partnership).count() == 3
    assert SocialMobilityReturn.objects.for_partnership(partnership).exists()
    report = AnnualReport.objects.get(partnership=partnership)
    assert report.introduction and report.what_we_saw and not report.is_published

    page = client.get(reverse("impact:dashboard", kwargs={"partnership_slug": partnership.slug})).text
    assert "organisations have rated themselves." in page
    assert "We never show a number about fewer than 3 groups or people." in page
    assert "The framework adopted in a local plan or strategy" in page
