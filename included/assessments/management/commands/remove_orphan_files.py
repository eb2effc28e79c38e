"""Find evidence files that no row points to, and evidence rows whose file is missing.

Evidence files are written just before their rows are committed (see assessments.services), so a process killed
in between leaves a file with no row: personal details nobody can see or delete in Included. This finds them and,
with --delete, deletes them. A row whose file is missing is only reported, never deleted: the file may come back
from a backup, and the row says who uploaded what, and when.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from included.assessments.models import EVIDENCE_FOLDER, EvidenceFile


class Command(BaseCommand):
    help = "List evidence files that no row points to, and rows whose file is missing. --delete removes the files."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete the files no row points to.")
        parser.add_argument(
            "--older-than",
            type=int,
            default=60,
            metavar="MINUTES",
            help="Only count a file as an orphan once it is this many minutes old, so an upload that is still "
            "being saved is left alone (default: 60).",
        )

    def handle(self, *args, delete=False, older_than=60, **options):
        storage = EvidenceFile._meta.get_field("file").storage
        known = set(EvidenceFile.objects.values_list("file", flat=True))
        cutoff = timezone.now() - datetime.timedelta(minutes=older_than)
        orphans = [
            name
            for name in _stored_files(storage, EVIDENCE_FOLDER)
            if name not in known and _older(storage, name, cutoff)
        ]
        missing = _rows_without_files(storage)

        for name in orphans:
            if delete:
                storage.delete(name)
                self.stdout.write(f"Deleted {name}: no evidence row points to it.")
            else:
                self.stdout.write(f"No evidence row points to {name}.")
        for evidence in missing:
            cycle = evidence.assessment_item.assessment
            self.stdout.write(
                f"Evidence file {evidence.pk} ({evidence.original_name!r}, {cycle.organisation}, cycle {cycle.number}) "
                f"has no stored file: {evidence.file.name}. Restore it from a backup, or ask them to add it again."
            )
        if not orphans and not missing:
            self.stdout.write("Every evidence file has its row, and every row has its file.")
        elif orphans and not delete:
            self.stdout.write("Nothing was deleted. Run again with --delete to delete the files no row points to.")


def _stored_files(storage, folder):
    """Every file in the folder and the folders inside it."""
    if not storage.exists(folder):
        return
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}"
    for inner in sorted(folders):
        yield from _stored_files(storage, f"{folder}/{inner}")


def _older(storage, name, cutoff):
    try:
        return storage.get_modified_time(name) < cutoff
    except FileNotFoundError:
        return False


def _rows_without_files(storage):
    rows = EvidenceFile.objects.select_related("assessment_item__assessment__organisation").order_by("pk")
    return [evidence for evidence in rows.iterator(chunk_size=500) if not storage.exists(evidence.file.name)]
