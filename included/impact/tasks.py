"""Background work: building an annual report's PDF, which takes a few seconds, in the task worker.

The task gets only ids and looks everything up again when it runs. It builds from the words as they were when it
was asked for (`version`): if they changed since, it does nothing, because the person who changed them is shown
that the PDF is out of date and builds it again. Running it twice writes the same PDF twice, nothing more.
"""

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from . import documents
from .enums import ReportStatus
from .figures import report_figures
from .models import AnnualReport


@task
def build_report_pdf(report_id, version):
    report = AnnualReport.objects.select_related("partnership").filter(pk=report_id).first()
    if report is None:
        return "report gone"
    if report.is_published or report.version != version:
        return "words changed since"
    figures = report_figures(report.partnership, report.year)
    document = documents.report_pdf(report, figures)
    with transaction.atomic():
        changed = AnnualReport.objects.filter(pk=report.pk, version=version, status=ReportStatus.DRAFT).update(
            pdf=document, pdf_version=version, figures=figures, pdf_built_at=timezone.now()
        )
    return "built" if changed else "words changed since"
