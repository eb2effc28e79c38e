"""An evidence file downloads under the person's own name, with one ending, for the type found inside it."""

import pytest

from included.assessments.uploads import DOCX, JPEG, PDF, TEXT, download_name


@pytest.mark.parametrize(
    ("original", "content_type", "sent_as"),
    [
        ("plan.pdf", PDF, "plan.pdf"),
        ("x.jpg.html", TEXT, "x-jpg.txt"),
        ("report.final.v2.docx", DOCX, "report-final-v2.docx"),
        ("photo.jpeg.exe", JPEG, "photo-jpeg.jpg"),
        ("C:\\Users\\ana\\Desktop\\notes.txt", TEXT, "notes.txt"),
        ("../../secret.pdf", PDF, "secret.pdf"),
        (".html", TEXT, "html.txt"),
        ("...", PDF, "evidence.pdf"),
        ("bad\x00name\nhere.pdf", PDF, "badnamehere.pdf"),
        ("  spaced   out  .pdf", PDF, "spaced out.pdf"),
        ("old letter.doc", "application/msword", "old letter.doc"),
        ("mystery.bin", "application/x-unknown", "mystery"),
    ],
)
def test_the_download_name_has_one_ending_that_fits_what_is_inside(original, content_type, sent_as):
    assert download_name(original, content_type) == sent_as
