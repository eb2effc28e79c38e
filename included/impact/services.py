"""Every change to impact records: each checks `access` first, changes the data in one transaction, and writes an
audit row."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from included.access.rules import (
    can_manage_reports,
    can_record_partnership_facts,
    can_record_social_mobility,
    can_write_report_section,
    require,
)
from included.core import audit

from .enums import ReportSection, ReportStatus
from .models import AnnualReport, PartnershipFact, SocialMobilityReturn


class ReportChanged(Exception):
    """Someone else saved the report since this person opened it."""


class ReportNotReady(Exception):
    """The report cannot be published: its PDF is missing, or was built from older words."""


def record_partnership_fact(partnership, *, kind, description, happened_on, evidence_url, amount=None, by):
    """Record something the partnership achieved, dated, with a link that shows it."""
    require(can_record_partnership_facts(by, partnership), "Only the partnership's coordinators can record this.")
    with transaction.atomic():
        fact = PartnershipFact.objects.create(
            partnership=partnership,
            kind=kind,
            description=description,
            happened_on=happened_on,
            evidence_url=evidence_url,
            amount=amount,
            recorded_by=by,
        )
        audit.record("impact.fact_recorded", actor=by, obj=fact, partnership=partnership, summary=str(fact))
    return fact


def delete_partnership_fact(fact, *, by):
    """Remove a fact recorded by mistake."""
    require(can_record_partnership_facts(by, fact.partnership), "Only the partnership's coordinators can do this.")
    with transaction.atomic():
        audit.record("impact.fact_deleted", actor=by, partnership=fact.partnership, summary=str(fact))
        fact.delete()


def record_social_mobility(assessment, *, professional, intermediate, working_class, other, collected_on, by):
    """Save an organisation's counts of its workforce by background for one cycle, replacing any saved before."""
    require(can_record_social_mobility(by, assessment), "Only your organisation's admins can do this.")
    with transaction.atomic():
        figures, _ = SocialMobilityReturn.objects.update_or_create(
            assessment=assessment,
            defaults={
                "professional": professional,
                "intermediate": intermediate,
                "working_class": working_class,
                "other": other,
                "collected_on": collected_on,
                "recorded_by": by,
            },
        )
        audit.record(
            "impact.social_mobility_recorded",
            actor=by,
            obj=figures,
            partnership=assessment.organisation.partnership,
            summary=f"Social mobility figures for cycle {assessment.number}",
        )
    return figures


def start_report(partnership, year, *, by):
    """The draft report for `year`: the one being written, or a new version (copying the words of the newest one,
    so a correction starts from what was published)."""
    require(can_manage_reports(by, partnership), "Only the partnership's coordinators can start a report.")
    with transaction.atomic():
        existing = AnnualReport.objects.for_partnership(partnership).filter(year=year).select_for_update()
        draft = existing.filter(status=ReportStatus.DRAFT).first()
        if draft is not None:
            return draft
        newest = existing.order_by("-number").first()
        try:
            with transaction.atomic():
                report = AnnualReport.objects.create(
                    partnership=partnership,
                    year=year,
                    number=newest.number + 1 if newest else 1,
                    introduction=newest.introduction if newest else "",
                    what_we_learnt=newest.what_we_learnt if newest else "",
                    what_we_saw=newest.what_we_saw if newest else "",
                )
        except IntegrityError:
            # Another coordinator started it at the same moment: theirs is the draft.
            return AnnualReport.objects.get(partnership=partnership, year=year, status=ReportStatus.DRAFT)
        audit.record("impact.report_started", actor=by, obj=report, partnership=partnership, summary=str(report))
    return report


def save_report_section(report, section, text, *, expected_version, by):
    """Save the words of one section of a draft report. Raises ReportChanged if someone saved it meanwhile."""
    section = ReportSection(section)
    require(can_write_report_section(by, report, section.value), "You cannot change this part of the report.")
    with transaction.atomic():
        # Locked, and asked again: the report may have been published since the page was opened.
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        require(can_write_report_section(by, locked, section.value), "A published report cannot be changed.")
        if locked.version != expected_version:
            raise ReportChanged
        locked.version += 1
        setattr(locked, section.value, text)
        locked.save(update_fields=[section.value, "version", "updated_at"])
        audit.record(
            "impact.report_section_saved",
            actor=by,
            obj=locked,
            partnership=locked.partnership,
            summary=f"{section.label} of {locked}",
        )
    return locked


def request_report_pdf(report, *, by):
    """Queue the building of the draft report's PDF, with the figures as they are now. Returns the task's id."""
    from .tasks import build_report_pdf

    require(can_manage_reports(by, report.partnership), "Only the partnership's coordinators can build the PDF.")
    require(not report.is_published, "A published report is fixed.")
    with transaction.atomic():
        result = build_report_pdf.enqueue(report.pk, report.version)
        AnnualReport.objects.filter(pk=report.pk).update(pdf_task_id=str(result.id))
        report.pdf_task_id = str(result.id)
        audit.record("impact.report_pdf_requested", actor=by, obj=report, partnership=report.partnership)
    return result.id


def publish_report(report, *, by):
    """Publish a draft whose PDF was built from its words as they are. From now on it never changes."""
    require(can_manage_reports(by, report.partnership), "Only the partnership's coordinators can publish a report.")
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        require(not locked.is_published, "This report is published already.")
        if not locked.pdf_is_current:
            raise ReportNotReady
        locked.status = ReportStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.published_by = by
        locked.save(update_fields=["status", "published_at", "published_by", "updated_at"])
        audit.record(
            "impact.report_published", actor=by, obj=locked, partnership=locked.partnership, summary=str(locked)
        )
    return locked
