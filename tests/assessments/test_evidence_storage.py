"""Evidence files and their rows stay together: a failed save leaves neither, and a command finds what a crash left.

Evidence can hold personal details, so a file that no row points to is a file nobody can see, download or delete
from Included: it must not be left behind.
"""

import datetime
import os
from io import StringIO
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError, connection, transaction

from included.assessments import services
from included.assessments.models import EvidenceFile

from .factories import AssessmentFactory, admin_of


def stored_evidence():
    """Every file under evidence/ in the storage, however deep."""
    found = []

    def walk(path):
        if not default_storage.exists(path):
            return
        folders, files = default_storage.listdir(path)
        found.extend(f"{path}/{name}" for name in files)
        for folder in folders:
            walk(f"{path}/{folder}")

    walk("evidence")
    return sorted(found)


def a_file():
    return SimpleUploadedFile("notes.txt", b"Names and phone numbers of the panel.")


@pytest.fixture
def draft(db):
    return AssessmentFactory()


def first_answer(cycle):
    return cycle.items.with_framework().first()


class TestASaveThatFailsLeavesNothing:
    pytestmark = pytest.mark.django_db(transaction=True)

    def fail_to_commit(self):
        return mock.patch.object(connection, "commit", side_effect=OperationalError("The database went away."))

    def test_a_file_added_when_the_commit_fails_is_not_kept(self, draft):
        answer = first_answer(draft)
        with self.fail_to_commit(), pytest.raises(OperationalError):
            services.add_evidence_file(answer, a_file(), content_type="text/plain", by=admin_of(draft.organisation))
        assert not EvidenceFile.objects.exists()
        assert stored_evidence() == []

    def test_a_file_saved_with_an_item_when_the_commit_fails_is_not_kept(self, draft):
        answer = first_answer(draft)
        with self.fail_to_commit(), pytest.raises(OperationalError):
            services.save_item(
                answer,
                {"evidence": "See the file."},
                expected_version=answer.version,
                by=admin_of(draft.organisation),
                evidence_file=a_file(),
                content_type="text/plain",
            )
        assert not EvidenceFile.objects.exists()
        assert stored_evidence() == []
        answer.refresh_from_db()
        assert answer.evidence == ""

    def test_a_file_cannot_be_added_inside_a_longer_transaction(self, draft):
        """Only the outermost transaction knows whether the row is committed, so only it may write the file."""
        answer = first_answer(draft)
        with transaction.atomic(), pytest.raises(RuntimeError):
            services.add_evidence_file(answer, a_file(), content_type="text/plain", by=admin_of(draft.organisation))
        assert stored_evidence() == []

    def test_a_file_added_normally_is_kept_with_its_row(self, draft):
        answer = first_answer(draft)
        evidence = services.add_evidence_file(
            answer, a_file(), content_type="text/plain", by=admin_of(draft.organisation)
        )
        assert stored_evidence() == [evidence.file.name]


class TestRemoveOrphanFiles:
    pytestmark = pytest.mark.django_db

    @pytest.fixture
    def kept(self, draft):
        return services.add_evidence_file(
            first_answer(draft), a_file(), content_type="text/plain", by=admin_of(draft.organisation)
        )

    def orphan(self, name="evidence/2026/01/0123456789abcdef.txt", age=datetime.timedelta(hours=3)):
        """A file left by a crash: stored, but its row was never committed."""
        name = default_storage.save(name, SimpleUploadedFile("left.txt", b"A crash left me here."))
        when = (datetime.datetime.now() - age).timestamp()
        os.utime(default_storage.path(name), (when, when))
        return name

    def lost(self, draft):
        """A row whose file is gone (a restore that missed it, say)."""
        evidence = services.add_evidence_file(
            first_answer(draft), a_file(), content_type="text/plain", by=admin_of(draft.organisation)
        )
        default_storage.delete(evidence.file.name)
        return evidence

    def run(self, *arguments):
        out = StringIO()
        call_command("remove_orphan_files", *arguments, stdout=out)
        return out.getvalue()

    def test_a_dry_run_lists_orphan_files_and_rows_without_files_and_changes_nothing(self, draft, kept):
        orphan = self.orphan()
        lost = self.lost(draft)

        report = self.run()

        assert orphan in report
        assert kept.file.name not in report
        assert lost.file.name in report
        assert "Nothing was deleted" in report
        assert sorted(stored_evidence()) == sorted([kept.file.name, orphan])
        assert EvidenceFile.objects.count() == 2

    def test_delete_removes_orphan_files_only(self, draft, kept):
        orphan = self.orphan()
        lost = self.lost(draft)

        report = self.run("--delete")

        assert f"Deleted {orphan}" in report
        assert stored_evidence() == [kept.file.name]
        # A row whose file is missing is reported, never deleted: the file may come back from a backup.
        assert EvidenceFile.objects.filter(pk=lost.pk).exists()
        assert lost.file.name in report

    def test_a_file_saved_moments_ago_is_left_alone(self, kept):
        """An upload whose row is not committed yet looks like an orphan for a moment."""
        fresh = self.orphan(name="evidence/2026/01/fedcba9876543210.pdf", age=datetime.timedelta(minutes=1))

        self.run("--delete")

        assert fresh in stored_evidence()

    def test_with_nothing_wrong_it_says_so(self, kept):
        report = self.run("--delete")
        assert "Every evidence file has its row, and every row has its file." in report
        assert stored_evidence() == [kept.file.name]
