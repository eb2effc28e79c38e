"""Annual reports: written by coordinators and reviewers, built as a tagged PDF in the task queue, published once."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from included.impact import services
from included.impact.models import AnnualReport
from tests.assessments.factories import coordinator_of, make_reviewer
from tests.factories import FrameworkVersionFactory, PartnershipFactory

from .factories import rated_organisation

pytestmark = pytest.mark.django_db


def written_report(partnership, year):
    coordinator = coordinator_of(partnership)
    report = services.start_report(partnership, year, by=coordinator)
    report = services.save_report_section(
        report, "introduction", "This is our first year together.", expected_version=report.version, by=coordinator
    )
    return report, coordinator


def test_the_pdf_is_tagged_with_its_language_title_and_headline_figures(django_capture_on_commit_callbacks):
    partnership = PartnershipFactory(name="Riverside Inclusion Partnership")
    version = FrameworkVersionFactory(items=2)
    for _ in range(6):
        _, cycle = rated_organisation(partnership, version, ratings=(4,))
    report, coordinator = written_report(partnership, cycle.submitted_at.year)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_report_pdf(report, by=coordinator)
    report.refresh_from_db()
    assert report.pdf_is_current

    pdf = PdfReader(io.BytesIO(bytes(report.pdf)))
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert pdf.metadata.title == f"Riverside Inclusion Partnership: annual report {report.year}"
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "This is our first year together." in text
    assert "6 organisations rated themselves." in text
    assert "Organisations signed up to a framework" in text


def test_a_published_report_never_changes_and_a_new_version_starts_from_it():
    partnership = PartnershipFactory()
    report, coordinator = written_report(partnership, 2026)
    services.request_report_pdf(report, by=coordinator)
    report.refresh_from_db()
    published = services.publish_report(report, by=coordinator)
    assert published.is_published

    with pytest.raises(PermissionDenied):
        services.save_report_section(
            published, "introduction", "Changed", expected_version=published.version, by=coordinator
        )
    published.refresh_from_db()
    assert published.introduction == "This is our first year together."

    second = services.start_report(partnership, 2026, by=coordinator)
    assert second.number == 2 and second.introduction == published.introduction
    assert not second.is_published


def test_a_report_is_published_only_with_a_pdf_of_its_words_as_they_are():
    partnership = PartnershipFactory()
    report, coordinator = written_report(partnership, 2026)
    with pytest.raises(services.ReportNotReady):
        services.publish_report(report, by=coordinator)
    services.request_report_pdf(report, by=coordinator)
    report.refresh_from_db()
    services.save_report_section(report, "what_we_learnt", "More.", expected_version=report.version, by=coordinator)
    report.refresh_from_db()
    with pytest.raises(services.ReportNotReady):
        services.publish_report(report, by=coordinator)


def test_two_people_saving_a_section_are_told(client):
    partnership = PartnershipFactory()
    report, coordinator = written_report(partnership, 2026)
    client.force_login(coordinator)
    address = reverse(
        "impact:edit_section",
        kwargs={"partnership_slug": partnership.slug, "report_id": report.pk, "section": "introduction"},
    )
    page = client.post(address, {"text": "My words", "version": report.version - 1})
    assert page.status_code == 200
    assert "We have not saved your changes yet" in page.text and "My words" in page.text


def test_the_public_reads_a_published_report_and_its_pdf(client):
    partnership = PartnershipFactory()
    report, coordinator = written_report(partnership, 2026)
    pdf_address = reverse("impact:report_pdf", kwargs={"partnership_slug": partnership.slug, "report_id": report.pk})
    page_address = reverse("impact:annual_report", kwargs={"partnership_slug": partnership.slug, "year": 2026})
    services.request_report_pdf(report, by=coordinator)
    assert client.get(pdf_address).status_code == 302  # a draft's PDF: sign in first
    assert client.get(page_address).status_code == 404

    services.publish_report(AnnualReport.objects.get(pk=report.pk), by=coordinator)
    page = client.get(page_address)
    assert page.status_code == 200 and "This is our first year together." in page.text
    pdf = client.get(pdf_address)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_reviewers_write_what_they_saw_through_the_page(client):
    partnership = PartnershipFactory()
    report, _ = written_report(partnership, 2026)
    reviewer = make_reviewer(partnership)
    client.force_login(reviewer)
    kwargs = {"partnership_slug": partnership.slug, "report_id": report.pk}
    overview = client.get(reverse("impact:report", kwargs=kwargs)).text
    assert 'Write<span class="govuk-visually-hidden"> what we saw' in overview
    refused = client.get(reverse("impact:edit_section", kwargs=kwargs | {"section": "introduction"}))
    assert refused.status_code == 403
    saved = client.post(
        reverse("impact:edit_section", kwargs=kwargs | {"section": "what_we_saw"}),
        {"text": "People felt heard.", "version": report.version},
    )
    assert saved.status_code == 302
    report.refresh_from_db()
    assert report.what_we_saw == "People felt heard."
