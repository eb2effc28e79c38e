"""Take the words out of an uploaded document, safely.

We decide what a file is from its bytes, never from its name or the browser's word for it, and the name must
agree. Word and OpenDocument files are zip archives: we read the archive's table of contents first and refuse
anything that would unpack to too much (a "zip bomb") before a single part is unpacked. Then we read only the
part that holds the text, with defusedxml, which refuses the XML tricks that expand a small file into a huge one.
PDFs are read with pypdf, which limits how far any one stream may expand. Plain Python: no Django here.
"""

import io
import unicodedata
import warnings
import zipfile

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

MAX_TEXT_CHARACTERS = 200_000
MAX_ZIP_ENTRIES = 2_000
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # the whole archive, as its table of contents declares it
MAX_TEXT_PART_BYTES = 20 * 1024 * 1024  # the one part we unpack
MAX_COMPRESSION_RATIO = 100  # real documents compress about 5 to 20 times; bombs by thousands
MAX_PDF_PAGES = 500

EXTENSIONS = {".docx": "docx", ".odt": "odt", ".pdf": "pdf", ".txt": "txt"}
KIND_NAMES = {
    "docx": "a Word document (.docx)",
    "odt": "an OpenDocument text file (.odt)",
    "pdf": "a PDF",
    "txt": "a plain text file (.txt)",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
WORD_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NAMESPACE = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class DocumentError(ValueError):
    """The file cannot be checked. The message says why, in words the person can act on."""


def extract_text(data, filename):
    """The words in the document, as plain text with a blank line between paragraphs."""
    expected = _kind_from_name(filename)
    actual = detect_kind(data)
    if actual == "doc":
        raise DocumentError("Older Word documents (.doc) cannot be checked. Save it as .docx, then try again.")
    if actual != expected:
        raise DocumentError(
            f"The file's name says it is {KIND_NAMES[expected]}, but it is not. "
            "Choose a .docx, .odt, .pdf or .txt file."
        )
    text = {"docx": _docx_text, "odt": _odt_text, "pdf": _pdf_text, "txt": _plain_text}[actual](data)
    if len(text) > MAX_TEXT_CHARACTERS * 2:
        raise DocumentError(
            f"The document has more than {MAX_TEXT_CHARACTERS:,} characters. Check it a part at a time."
        )
    text = _tidy(text)
    if len(text) > MAX_TEXT_CHARACTERS:
        raise DocumentError(
            f"The document has more than {MAX_TEXT_CHARACTERS:,} characters. Check it a part at a time."
        )
    if not any(character.isalnum() for character in text):
        raise DocumentError(
            "We could not find any words in this file. If it is a scan or a picture of text, "
            "copy the words into the box instead."
        )
    return text


def detect_kind(data):
    """What the bytes are: "docx", "odt", "pdf", "txt", "doc" for an older Word file, or None."""
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(OLE_SIGNATURE):
        return "doc"
    if _decode_text(data[:65536], sample=True) is not None:
        return "txt"
    return None


def _kind_from_name(filename):
    name = (filename or "").lower()
    for extension, kind in EXTENSIONS.items():
        if name.endswith(extension):
            return kind
    raise DocumentError("The file must be a .docx, .odt, .pdf or .txt file.")


def _zip_kind(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return "docx"
            if "mimetype" in names and "content.xml" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 100 and info.compress_type == zipfile.ZIP_STORED:
                    with archive.open(info) as handle:
                        if handle.read(100).strip() == ODT_MIMETYPE:
                            return "odt"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError):
        return None
    return None


def _safe_part(data, part_name):
    """The bytes of one part of a zip archive, after checking the whole archive could not be a zip bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise DocumentError("The file is damaged. Save it again, then try again.") from error
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise DocumentError("The file has too many parts inside it to be a normal document.")
        declared = sum(info.file_size for info in infos)
        if declared > MAX_UNPACKED_BYTES:
            raise DocumentError("The file would be too big once opened. Check a shorter document.")
        for info in infos:
            if info.file_size > 1024 * 1024 and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                raise DocumentError("The file is packed in a way real documents never are, so we did not open it.")
        info = archive.getinfo(part_name)
        if info.file_size > MAX_TEXT_PART_BYTES:
            raise DocumentError("The document's text is too big to check. Check a shorter document.")
        try:
            with archive.open(info) as handle:
                # Never trust the declared size alone: read one byte past the limit to know if it lied.
                content = handle.read(MAX_TEXT_PART_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as error:
            raise DocumentError("The file is damaged. Save it again, then try again.") from error
        if len(content) > MAX_TEXT_PART_BYTES:
            raise DocumentError("The document's text is too big to check. Check a shorter document.")
        return content


def _parse_xml(content):
    try:
        return ElementTree.fromstring(content)
    except (DefusedXmlException, ElementTree.ParseError, ValueError) as error:
        raise DocumentError("The file is damaged. Save it again, then try again.") from error


def _docx_text(data):
    root = _parse_xml(_safe_part(data, "word/document.xml"))
    paragraphs = []
    for paragraph in root.iter(f"{WORD_NAMESPACE}p"):
        pieces = []
        for element in paragraph.iter():
            tag = element.tag
            if tag == f"{WORD_NAMESPACE}t" and element.text:
                pieces.append(element.text)
            elif tag == f"{WORD_NAMESPACE}tab":
                pieces.append("\t")
            elif tag in (f"{WORD_NAMESPACE}br", f"{WORD_NAMESPACE}cr"):
                pieces.append("\n")
        paragraphs.append("".join(pieces))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph.strip())


def _odt_text(data):
    root = _parse_xml(_safe_part(data, "content.xml"))
    blocks = []
    for element in root.iter():
        if element.tag in (f"{TEXT_NAMESPACE}p", f"{TEXT_NAMESPACE}h"):
            blocks.append(_odt_inline_text(element))
    return "\n\n".join(block for block in blocks if block.strip())


def _odt_inline_text(element):
    """Text of one paragraph or heading, with OpenDocument's spaces, tabs and line breaks put back.
    Paragraphs inside it (in a note, say) are skipped here: the outer loop reaches them itself."""
    pieces = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == f"{TEXT_NAMESPACE}s":
            count = child.get(f"{TEXT_NAMESPACE}c", "1")
            pieces.append(" " * min(int(count) if count.isdigit() else 1, 100))
        elif tag == f"{TEXT_NAMESPACE}tab":
            pieces.append("\t")
        elif tag == f"{TEXT_NAMESPACE}line-break":
            pieces.append("\n")
        elif tag not in (f"{TEXT_NAMESPACE}p", f"{TEXT_NAMESPACE}h", f"{TEXT_NAMESPACE}note"):
            pieces.append(_odt_inline_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _pdf_text(data):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    pages = []
    length = 0
    try:
        with warnings.catch_warnings():
            # pypdf warns about small faults in many real PDFs; they do not stop us reading the words.
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError("The PDF is protected with a password. Remove the password, then try again.")
            if len(reader.pages) > MAX_PDF_PAGES:
                raise DocumentError(f"The PDF has more than {MAX_PDF_PAGES} pages. Check it a part at a time.")
            for page in reader.pages:
                text = page.extract_text() or ""
                length += len(text)
                if length > MAX_TEXT_CHARACTERS:
                    raise DocumentError(
                        f"The document has more than {MAX_TEXT_CHARACTERS:,} characters. Check it a part at a time."
                    )
                pages.append(text)
    except DocumentError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, OSError, RecursionError, AttributeError) as error:
        raise DocumentError("We could not read this PDF. Save it again as a PDF, then try again.") from error
    return "\n\n".join(pages)


def _plain_text(data):
    text = _decode_text(data)
    if text is None:
        raise DocumentError("The file is not plain text. Choose a .docx, .odt, .pdf or .txt file.")
    return text


def _decode_text(data, *, sample=False):
    """The text, if the bytes are text in a common encoding; None if they look like anything else.
    A sample may end part-way through a character, so its last few bytes are let off."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data[: len(data) // 2 * 2].decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        if b"\x00" in data:
            return None
        try:
            text = data.decode("utf-8-sig", errors="strict")
        except UnicodeDecodeError as error:
            if sample and error.start >= len(data) - 3:
                return _decode_text(data[: error.start])
            # Older Windows programs save text as Windows-1252; every byte but five means something in it.
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                return None
    start = text[:65536]
    controls = sum(1 for character in start if unicodedata.category(character) == "Cc" and character not in "\t\n\r\f")
    if start and controls / len(start) > 0.01:
        return None
    return text


def _tidy(text):
    """Windows line endings become plain ones; odd invisible characters go."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    return "".join(character for character in text if character in "\t\n" or unicodedata.category(character) != "Cc")
