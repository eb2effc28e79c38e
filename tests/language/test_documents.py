import zipfile

import pytest

from included.language import documents
from included.language.documents import DocumentError, detect_kind, extract_text

from .documents import docx_bytes, odt_bytes, pdf_bytes, with_declared_size, zip_bytes


def test_a_word_document_gives_its_paragraphs_and_tables():
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("We will utilise our stakeholders.")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "A cell in a table."
    buffer = io.BytesIO()
    document.save(buffer)
    text = extract_text(buffer.getvalue(), "Plan.DOCX")
    assert text == "We will utilise our stakeholders.\n\nA cell in a table."


def test_an_opendocument_file_gives_its_headings_and_paragraphs():
    assert extract_text(odt_bytes("About us", "We help people."), "about.odt") == "About us\n\nWe help people."


def test_a_pdf_gives_its_text():
    text = extract_text(pdf_bytes("We will utilise our stakeholders.", "Second line."), "plan.pdf")
    assert "We will utilise our stakeholders." in text
    assert "Second line." in text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Plain words.\r\nNew line.", "Plain words.\nNew line."),
        ("\ufeffWith a byte order mark.".encode(), "With a byte order mark."),
        ("Café from Windows.".encode("cp1252"), "Café from Windows."),
        ("Saved as UTF-16.".encode("utf-16"), "Saved as UTF-16."),
    ],
)
def test_text_files_in_common_encodings_are_read(data, expected):
    assert extract_text(data, "notes.txt") == expected


def test_the_kind_of_file_is_read_from_its_bytes():
    assert detect_kind(docx_bytes("x")) == "docx"
    assert detect_kind(odt_bytes("x")) == "odt"
    assert detect_kind(pdf_bytes("x")) == "pdf"
    assert detect_kind(b"hello") == "txt"
    assert detect_kind(b"\x89PNG\r\n\x1a\n\x00\x00") is None
    assert detect_kind(zip_bytes({"readme.md": "not a document"})) is None


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (pdf_bytes("x"), "plan.docx", "says it is a Word document (.docx), but it is not"),
        (docx_bytes("x"), "plan.pdf", "says it is a PDF, but it is not"),
        (docx_bytes("x"), "plan.odt", "says it is an OpenDocument text file (.odt), but it is not"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "picture.txt", "says it is a plain text file (.txt), but it is not"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc", "must be a .docx, .odt, .pdf or .txt"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.docx", "Older Word documents (.doc)"),
        (b"MZ\x90\x00\x03", "virus.exe", "must be a .docx, .odt, .pdf or .txt"),
        (b"hello", "", "must be a .docx, .odt, .pdf or .txt"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused(data, name, message):
    with pytest.raises(DocumentError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        extract_text(data, name)


def test_a_spreadsheet_renamed_odt_is_refused():
    data = zip_bytes(
        {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"},
        compression=zipfile.ZIP_STORED,
    )
    with pytest.raises(DocumentError, match="but it is not"):
        extract_text(data, "sheet.odt")


def bomb(size=60 * 1024 * 1024):
    return zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": b"<d>" + b" " * size + b"</d>"})


def test_a_zip_bomb_is_refused_from_its_table_of_contents_before_anything_is_unpacked(monkeypatch):
    data = bomb()
    assert len(data) < 200 * 1024

    def never_unpack(*args, **kwargs):
        raise AssertionError("unpacked a part of a zip bomb")

    monkeypatch.setattr(zipfile.ZipFile, "open", never_unpack)
    with pytest.raises(DocumentError, match="too big once opened"):
        extract_text(data, "bomb.docx")


def test_a_part_packed_far_tighter_than_any_document_is_refused():
    data = bomb(size=20 * 1024 * 1024)  # under the total limit, but squeezed about a thousand times
    with pytest.raises(DocumentError, match="packed in a way real documents never are"):
        extract_text(data, "squeezed.docx")


def test_a_zip_with_thousands_of_parts_is_refused():
    parts = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<d/>"}
    parts.update({f"word/media/{number}.bin": "" for number in range(2_001)})
    with pytest.raises(DocumentError, match="too many parts"):
        extract_text(zip_bytes(parts), "many.docx")


def test_a_zip_that_lies_about_a_part_size_is_never_read_past_the_limit(monkeypatch):
    monkeypatch.setattr(documents, "MAX_TEXT_PART_BYTES", 10_000)
    monkeypatch.setattr(documents, "MAX_COMPRESSION_RATIO", 10**9)
    body = b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>" + b" " * 50_000
    data = with_declared_size(
        zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": body + b"</w:document>"}),
        "word/document.xml",
        100,
    )
    with pytest.raises(DocumentError, match="damaged"):
        extract_text(data, "liar.docx")


def test_xml_that_expands_itself_is_refused():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
    )
    data = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": laughs})
    with pytest.raises(DocumentError, match="damaged"):
        extract_text(data, "laughs.docx")


def test_xml_that_reaches_for_outside_files_is_refused():
    external = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>"
    )
    data = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": external})
    with pytest.raises(DocumentError, match="damaged"):
        extract_text(data, "external.docx")


def test_a_damaged_file_gets_a_message_the_person_can_act_on():
    data = docx_bytes("We help people.")
    with pytest.raises(DocumentError, match="but it is not|damaged"):
        extract_text(data[: len(data) // 2], "half.docx")
    with pytest.raises(DocumentError, match="could not read this PDF"):
        extract_text(b"%PDF-1.4\n garbage that is not a pdf", "broken.pdf")


def test_a_pdf_with_a_password_asks_for_it_to_be_removed():
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes("Secret words."))).pages:
        writer.add_page(page)
    writer.encrypt("a password")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(DocumentError, match="protected with a password"):
        extract_text(buffer.getvalue(), "locked.pdf")


def test_a_file_with_no_words_says_so():
    with pytest.raises(DocumentError, match="could not find any words"):
        extract_text(b"   \n\n  ", "empty.txt")
    with pytest.raises(DocumentError, match="could not find any words"):
        extract_text(docx_bytes(""), "empty.docx")


def test_a_document_with_too_much_text_is_refused():
    with pytest.raises(DocumentError, match="more than 200,000 characters"):
        extract_text(b"word " * 50_000, "long.txt")
