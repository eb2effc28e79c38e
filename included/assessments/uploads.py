"""Evidence files are checked by what is inside them, never by their name.

We accept a short list of everyday formats. Office files are zip archives, so we look at the archive's list of
names (never unpacking it) to tell a Word or OpenDocument file from any other zip.
"""

import mimetypes
import zipfile
from pathlib import PurePosixPath

from django import forms

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
PNG = "image/png"
JPEG = "image/jpeg"
TEXT = "text/plain"

WRONG_TYPE = "The file must be a PDF, Word, OpenDocument, text, CSV, PNG or JPEG file."
MAX_ZIP_ENTRIES = 2000

# The name endings each type may have. A name that ends otherwise is given the first.
ENDINGS = {
    PDF: (".pdf",),
    DOCX: (".docx",),
    ODT: (".odt",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
    TEXT: (".txt", ".csv"),
}


def _office_type(uploaded):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
            if len(names) > MAX_ZIP_ENTRIES:
                return None
            if "word/document.xml" in names:
                return DOCX
            is_small_mimetype = "mimetype" in names and archive.getinfo("mimetype").file_size < 100
            if is_small_mimetype and archive.read("mimetype").strip() == ODT.encode():
                return ODT
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    finally:
        uploaded.seek(0)
    return None


def _looks_like_text(head):
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A character of several bytes may be cut at the end of the sample.
        return error.start >= len(head) - 3
    return True


def check_evidence_file(uploaded, max_bytes):
    """Return the file's real content type, or raise a ValidationError that says what to do."""
    if uploaded.size == 0:
        raise forms.ValidationError("The file is empty. Choose a file with something in it.")
    if uploaded.size > max_bytes:
        raise forms.ValidationError(f"The file must be smaller than {max_bytes // (1024 * 1024)} MB.")
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        office = _office_type(uploaded)
        if office:
            return office
        raise forms.ValidationError(WRONG_TYPE)
    if _looks_like_text(head):
        return TEXT
    raise forms.ValidationError(WRONG_TYPE)


def ending_for(content_type, name=""):
    """The name ending for a file of this type: the one `name` has if it fits the type, else the usual one."""
    endings = ENDINGS.get(content_type) or tuple(filter(None, [mimetypes.guess_extension(content_type or "")]))
    ending = PurePosixPath(name).suffix.lower()
    if ending in endings:
        return ending
    return endings[0] if endings else ""


def download_name(original_name, content_type):
    """The name an evidence file is downloaded under: the person's own name, with one ending, for its real type.

    The ending comes from what is inside the file, never from the name it was sent with, so `x.jpg.html` holding
    text downloads as `x-jpg.txt`: nothing on the reader's computer opens it as a web page or an image.
    """
    name = PurePosixPath(original_name.replace("\\", "/")).name
    stem = name[: -len(PurePosixPath(name).suffix)] if PurePosixPath(name).suffix else name
    stem = "".join(character for character in stem if character.isprintable())
    stem = " ".join(stem.replace(".", "-").split()).strip(" -")[:150] or "evidence"
    return stem + ending_for(content_type, name)
