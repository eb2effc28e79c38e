"""A member of the public finds the open data, reads the licence and the dictionary, and downloads a file, with
JavaScript on and off; axe checks every page."""

import csv
import io
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.steps import open_from_menu

from ..conftest import PUBLISHED_STATEMENT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_downloads_the_register_under_its_licence(page, visit, click_through, seeded):
    visit(reverse("assessments:register", kwargs={"partnership_slug": seeded.slug}))
    open_from_menu(page, click_through, "Open data")

    expect(page.locator("h1")).to_have_text("Open data")
    expect(page.locator("main")).to_contain_text("Open Government Licence v3.0")
    register = page.locator(".govuk-summary-card", has=page.get_by_role("heading", name="The public register"))
    expect(register).to_contain_text("Small: fewer than 1,000 rows")

    click_through(register.get_by_role("link", name="What each column of the public register means"))
    expect(page.locator("h1")).to_have_text("Data dictionary")
    expect(page.get_by_role("table", name="Columns of the public register")).to_contain_text("where_they_have_got_to")
    click_through(page.get_by_role("link", name="Back to open data"))

    register = page.locator(".govuk-summary-card", has=page.get_by_role("heading", name="The public register"))
    with page.expect_download() as download:
        register.get_by_role("link", name="The public register as a spreadsheet (CSV)").click()
    assert download.value.suggested_filename.startswith("riverside-register-")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert PUBLISHED_STATEMENT in {row["statement"] for row in rows}
