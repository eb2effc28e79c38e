"""Impact, end to end in a real browser: a coordinator opens the dashboard, filters by sector, opens an item's
heatmaps, writes the report's introduction, makes the PDF and publishes; the public reads the report. Every page on
the way is checked with axe, with JavaScript on and off.
"""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from included.impact.models import AnnualReport
from included.organisations.enums import Sector
from tests.factories import FrameworkVersionFactory, PartnershipMemberFactory
from tests.impact.factories import rated_organisation

from .steps import open_from_menu, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_reports_the_year_and_the_public_reads_it(page, visit, click_through, sign_in):
    coordinator = PartnershipMemberFactory()
    partnership = coordinator.partnership
    version = FrameworkVersionFactory(items=2)
    for _ in range(5):
        rated_organisation(partnership, version, ratings=(2, 3), target=3)
    for _ in range(3):
        rated_organisation(partnership, version, ratings=(4,), sector=Sector.VCSE)
    year = timezone.localdate().year

    sign_in(coordinator.user)
    open_from_menu(page, click_through, "Impact")
    expect(page.locator("h1")).to_have_text("How the partnership is doing")
    expect(page.locator("main")).to_contain_text("8 organisations have rated themselves.")

    page.get_by_label("Sector").select_option(Sector.EMPLOYER.value)
    click_through(page.get_by_role("button", name="Show figures"))
    expect(page.locator("main")).to_contain_text("5 organisations have rated themselves.")

    click_through(page.get_by_role("link", name="1. Checklist point 1"))
    expect(page.locator("h1")).to_have_text("1. Checklist point 1")
    heatmap = page.get_by_role("table", name="1. Checklist point 1: latest ratings by sector")
    expect(heatmap).to_contain_text("(100%)")

    click_through(page.get_by_role("link", name="Back to all items"))
    click_through(page.get_by_role("link", name="Annual reports").first)
    page.get_by_label("Which year is the report about?").select_option(str(year))
    click_through(page.get_by_role("button", name="Start the report"))
    expect(page.locator("h1")).to_have_text(f"Report for {year}")

    click_through(page.get_by_role("link", name="Write introduction"))
    page.get_by_label("Your words").fill("Our first year: eight organisations looked hard at how they include people.")
    click_through(page.get_by_role("button", name="Save"))
    expect(page.locator("main")).to_contain_text("Saved the introduction.")

    click_through(page.get_by_role("button", name="Make the PDF"))
    expect(page.locator("main")).to_contain_text("The PDF is ready")
    click_through(page.get_by_role("button", name="Publish the report"))
    expect(page.locator("main")).to_contain_text("Published.")
    report = AnnualReport.objects.get(partnership=partnership)
    assert report.is_published and bytes(report.pdf).startswith(b"%PDF")

    sign_out(page, click_through)
    visit(reverse("impact:dashboard", kwargs={"partnership_slug": partnership.slug}))
    click_through(page.get_by_role("link", name=f"Report for {year}"))
    expect(page.locator("h1")).to_have_text(f"Annual report {year}")
    expect(page.locator("main")).to_contain_text("Our first year: eight organisations")
    expect(page.get_by_role("link", name="Download the report as a PDF")).to_be_visible()
