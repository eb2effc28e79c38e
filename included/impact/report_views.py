"""Annual partnership reports: coordinators start and publish them, coordinators and lived-experience reviewers
write their sections, the PDF is built in the task queue, and anyone reads the published ones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone

from included.access.requests import access_for
from included.access.rules import can_write_report_section, require
from included.core.decorators import kept_for_each_person, same_for_everyone_signed_out
from included.core.versions import saved_version
from included.partnerships.lookups import partnership_from_slug

from . import dashboard, documents, figures, services
from .enums import ReportSection
from .forms import ReportSectionForm, StartReportForm
from .models import AnnualReport
from .tasks import build_report_pdf

SECTION_WRITERS = {
    ReportSection.INTRODUCTION: "coordinators",
    ReportSection.WHAT_WE_LEARNT: "coordinators",
    ReportSection.WHAT_WE_SAW: "lived-experience reviewers",
}


def _writer_access(request, partnership):
    """Coordinators and lived-experience reviewers work on reports; anyone else is refused."""
    access = access_for(request, partnership)
    require(access.is_coordinator or access.is_reviewer, "Only coordinators and reviewers can work on reports.")
    return access


def _years(partnership):
    this_year = timezone.localdate().year
    return sorted({this_year, this_year - 1, *dashboard.years_with_cycles(partnership)}, reverse=True)


def reports(request, partnership_slug):
    """The partnership's reports, drafts and published, and (for coordinators) starting one for a year."""
    partnership = partnership_from_slug(partnership_slug)
    access = _writer_access(request, partnership)
    form = StartReportForm(request.POST or None, years=_years(partnership))
    if request.method == "POST":
        require(access.is_coordinator, "Only the partnership's coordinators can start a report.")
        if form.is_valid():
            report = services.start_report(partnership, form.cleaned_data["year"], by=request.user)
            return redirect("impact:report", partnership_slug=partnership.slug, report_id=report.pk)
    return render(
        request,
        "impact/reports.html",
        {
            "partnership": partnership,
            "form": form if access.is_coordinator else None,
            "reports": AnnualReport.objects.for_partnership(partnership).order_by("-year", "-number"),
        },
    )


def _report_for_writer(request, partnership_slug, report_id):
    partnership = partnership_from_slug(partnership_slug)
    access = _writer_access(request, partnership)
    report = get_object_or_404(
        AnnualReport.objects.select_related("partnership"), pk=report_id, partnership=partnership
    )
    return partnership, access, report


def _pdf_state(report):
    """Where the PDF is: "current", "building", "failed", "out_of_date" or "none"."""
    if report.is_published or report.pdf_is_current:
        return "current"
    if report.pdf_task_id:
        try:
            result = build_report_pdf.get_result(report.pdf_task_id)
        except (TaskResultDoesNotExist, NotImplementedError):
            result = None
        if result is not None and result.status in ("READY", "RUNNING"):
            return "building"
        if result is not None and result.status == "FAILED":
            return "failed"
    return "out_of_date" if report.pdf_built_at else "none"


@kept_for_each_person
def report(request, partnership_slug, report_id):
    """A report being written (or a published one): its sections, its PDF, and the figures it will show."""
    partnership, access, report = _report_for_writer(request, partnership_slug, report_id)
    preview = report.figures if report.is_published else figures.cached_report_figures(partnership, report.year)
    sections = [
        {
            "key": section.value,
            "label": section.label,
            "text": report.section_text(section.value),
            "writers": SECTION_WRITERS[section],
            "can_write": can_write_report_section(request.user, report, section.value),
        }
        for section in ReportSection
    ]
    return render(
        request,
        "impact/report.html",
        {
            "partnership": partnership,
            "report": report,
            "is_coordinator": access.is_coordinator,
            "sections": sections,
            "pdf_state": _pdf_state(report),
            "preview": documents.report_context(report, preview),
        },
    )


def edit_section(request, partnership_slug, report_id, section):
    """Write one section of a draft report, with plain-language advice beside it."""
    partnership, _, report = _report_for_writer(request, partnership_slug, report_id)
    try:
        section = ReportSection(section)
    except ValueError:
        raise Http404("No such section") from None
    require(can_write_report_section(request.user, report, section.value), "You cannot change this part of the report.")
    initial = {"text": report.section_text(section.value), "version": report.version}
    form = ReportSectionForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.save_report_section(
                report,
                section.value,
                form.cleaned_data["text"],
                expected_version=form.expected_version,
                by=request.user,
            )
        except services.ReportChanged:
            report.refresh_from_db()
            conflict = saved_version(
                form,
                {"text": report.section_text(section.value)},
                what=f"the {section.label.lower()}",
                at=report.updated_at,
            )
        else:
            messages.success(request, f"Saved the {section.label.lower()}.")
            return redirect("impact:report", partnership_slug=partnership.slug, report_id=report.pk)
    return render(
        request,
        "impact/section.html",
        {
            "partnership": partnership,
            "report": report,
            "section": section,
            "form": form,
            "conflict": conflict,
            "text_key": f"impact.report:{report.pk}:{section.value}",
        },
    )


def build_pdf(request, partnership_slug, report_id):
    partnership, access, report = _report_for_writer(request, partnership_slug, report_id)
    require(access.is_coordinator, "Only the partnership's coordinators can build the PDF.")
    if request.method == "POST":
        services.request_report_pdf(report, by=request.user)
        messages.success(request, "We are making the PDF. This page says when it is ready.")
    return redirect("impact:report", partnership_slug=partnership.slug, report_id=report.pk)


def publish(request, partnership_slug, report_id):
    partnership, access, report = _report_for_writer(request, partnership_slug, report_id)
    require(access.is_coordinator, "Only the partnership's coordinators can publish a report.")
    if request.method == "POST":
        try:
            services.publish_report(report, by=request.user)
        except services.ReportNotReady:
            messages.error(request, "Make the PDF again first: the words changed since it was made.")
            return redirect("impact:report", partnership_slug=partnership.slug, report_id=report.pk)
        messages.success(request, "Published. Anyone can now read the report and download its PDF.")
        return redirect("impact:annual_report", partnership_slug=partnership.slug, year=report.year)
    return redirect("impact:report", partnership_slug=partnership.slug, report_id=report.pk)


@login_not_required
@same_for_everyone_signed_out
def annual_report(request, partnership_slug, year):
    """The newest published version of a year's report, for anyone."""
    partnership = partnership_from_slug(partnership_slug)
    report = AnnualReport.objects.for_partnership(partnership).published().filter(year=year).order_by("-number").first()
    if report is None:
        raise Http404("No report published for this year")
    context = documents.report_context(report, report.figures)
    return render(request, "impact/annual_report.html", {"partnership": partnership, **context})


@login_not_required
def report_pdf(request, partnership_slug, report_id):
    """A report's PDF: anyone's once published; a draft's only for its coordinators."""
    partnership = partnership_from_slug(partnership_slug)
    report = get_object_or_404(AnnualReport.objects.defer("figures"), pk=report_id, partnership=partnership)
    if not report.is_published:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access_for(request, partnership).is_coordinator:
            raise Http404("No such report")
    if report.pdf is None:
        raise Http404("No PDF yet")
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{partnership.slug}-report-{report.year}-v{report.number}.pdf"'
    )
    return response
