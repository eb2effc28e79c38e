import io
import re
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from included.language.models import WordListEntry
from included.language.uploads import upload_was_too_big
from tests.factories import PartnershipFactory, PartnershipMemberFactory

from .documents import docx_bytes

pytestmark = pytest.mark.django_db

CHECK_URL = reverse("language:check")


def upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_anyone_can_open_the_word_checker_without_signing_in(client):
    response = client.get(CHECK_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert "Check your words" in content
    assert 'for="id_text"' in content and 'for="id_document"' in content and 'for="id_easy_read"' in content
    assert "What we found" not in content


def test_checking_pasted_words_shows_scores_and_marks_each_suggestion_in_place(client):
    response = client.post(CHECK_URL, {"text": "We will utilise the new system in order to help people."})
    assert response.status_code == 200
    content = response.content.decode()
    assert "What we found" in content
    assert "11 years." in content
    assert '<mark class="language-mark language-mark--plain_words" data-flag="1">utilise</mark>' in content
    assert '<a class="govuk-link language-flag-ref" href="#language-flag-1">' in content
    assert 'id="language-flag-1"' in content and 'id="language-flag-2"' in content
    assert "<strong>Try:</strong> use" in content
    # What the person typed stays in the box, so they can change it and check again.
    assert "in order to help people.</textarea>" in content


def test_a_long_sentence_is_marked_around_the_whole_sentence(client):
    long = " ".join(["word"] * 30) + "."
    content = client.post(CHECK_URL, {"text": long}).content.decode()
    assert f'<mark class="language-mark language-mark--long_sentence" data-flag="1">{long}</mark>' in content
    assert "It has 30 words" in content


def test_easy_read_uses_the_shorter_sentence_limit(client):
    sixteen = " ".join(["word"] * 16) + "."
    content = client.post(CHECK_URL, {"text": sixteen, "easy_read": "on"}).content.decode()
    assert "Aim for 15 or fewer" in content
    assert "language-mark--long_sentence" in content


def test_script_in_the_text_is_shown_as_text_never_run(client):
    text = '<script>alert("x")</script><img src=x onerror=alert(1)> We utilise "quotes" & <b>tags</b>.'
    content = client.post(CHECK_URL, {"text": text}).content.decode()
    assert "<script>alert" not in content
    assert "<img src=x" not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content
    assert "&lt;b&gt;tags&lt;/b&gt;" in content


def test_an_empty_box_asks_for_words_and_keeps_the_page_as_it_was(client):
    response = client.post(CHECK_URL, {"text": "   "})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: " in content
    assert "There is a problem" in content
    assert "Enter some words to check, or choose a document" in content
    assert 'href="#id_text"' in content


def test_words_over_the_limit_are_refused_with_the_text_kept(client):
    text = "word " * 40_001
    response = client.post(CHECK_URL, {"text": text})
    assert response.status_code == 200
    assert "characters or fewer" in response.content.decode()
    assert "word word word" in response.content.decode()


def test_a_word_document_is_checked_and_named_in_the_results(client):
    data = docx_bytes("We will utilise our stakeholders.", "The form was sent.")
    response = client.post(CHECK_URL, {"text": "", "document": upload("Our plan.docx", data)})
    assert response.status_code == 200
    content = response.content.decode()
    assert "What we found in Our plan.docx" in content
    assert ">utilise</mark>" in content and ">stakeholders</mark>" in content and ">was sent</mark>" in content


def test_typed_words_and_a_document_together_ask_the_person_to_choose(client):
    data = docx_bytes("Words in the document.")
    response = client.post(CHECK_URL, {"text": "My own typed words.", "document": upload("plan.docx", data)})
    assert response.status_code == 200
    content = response.content.decode()
    assert "You typed words and chose a document" in content
    assert "My own typed words.</textarea>" in content


def test_a_file_that_is_not_what_its_name_says_is_refused(client):
    response = client.post(CHECK_URL, {"document": upload("plan.docx", b"MZ\x90\x00 this is a program")})
    assert response.status_code == 200
    assert "The file&#x27;s name says it is a Word document (.docx), but it is not." in response.content.decode()


def test_a_file_of_another_type_is_refused(client):
    response = client.post(CHECK_URL, {"document": upload("photo.jpg", b"\xff\xd8\xff\xe0 jpeg")})
    assert response.status_code == 200
    assert "The file must be a .docx, .odt, .pdf or .txt file." in response.content.decode()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, settings):
    settings.LANGUAGE_UPLOAD_MAX_BYTES = 1024 * 1024
    big = b"word " * (300 * 1024)
    response = client.post(CHECK_URL, {"document": upload("big.txt", big)})
    assert response.status_code == 200
    assert "The file must be smaller than 1 MB." in response.content.decode()
    # The upload handler stopped keeping the file once it passed the limit, rather than saving all of it.
    assert upload_was_too_big(response.wsgi_request)


def test_a_zip_bomb_dressed_as_a_word_document_is_refused_before_unpacking(client, monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (60 * 1024 * 1024) + b"</w:document>")
    assert len(buffer.getvalue()) < 200 * 1024

    def never_unpack(*args, **kwargs):
        raise AssertionError("A part of the zip bomb was unpacked")

    monkeypatch.setattr(zipfile.ZipFile, "open", never_unpack)
    response = client.post(CHECK_URL, {"document": upload("bomb.docx", buffer.getvalue())})
    assert response.status_code == 200
    assert "too big once opened" in response.content.decode()


def test_the_page_refuses_a_form_sent_from_another_site():
    client = Client(enforce_csrf_checks=True)
    response = client.post(CHECK_URL, {"text": "Hello there."})
    assert response.status_code == 403


def test_too_many_checks_in_a_minute_are_slowed_down_keeping_the_words(client, settings):
    settings.LANGUAGE_SIGNED_OUT_PAGE_CHECKS_PER_MINUTE = 2
    for _ in range(2):
        assert client.post(CHECK_URL, {"text": "Hello there."}).status_code == 200
    response = client.post(CHECK_URL, {"text": "Hello there again."})
    assert response.status_code == 429
    content = response.content.decode()
    assert "Wait a minute, then try again" in content
    assert "Hello there again.</textarea>" in content


def test_the_partnership_page_uses_the_partnership_word_lists(client):
    partnership = PartnershipFactory(name="Riverside Inclusion Partnership")
    WordListEntry.objects.create(
        partnership=partnership, kind="plain", key="own-pathways", phrases="Pathways Programme", instead="our course"
    )
    WordListEntry.objects.create(
        partnership=partnership,
        kind="plain",
        key="utilise",
        changes_default=True,
        phrases="utilise",
        instead="use",
        is_active=False,
    )
    url = reverse("language:check", kwargs={"partnership_slug": partnership.slug})
    response = client.post(url, {"text": "We utilise the Pathways Programme."})
    content = response.content.decode()
    assert "This uses the word lists of Riverside Inclusion Partnership." in content
    assert ">Pathways Programme</mark>" in content
    assert ">utilise</mark>" not in content
    # The standalone page elsewhere still uses Included's own lists.
    assert ">utilise</mark>" in client.post(CHECK_URL, {"text": "We utilise the Pathways Programme."}).content.decode()


def test_the_partnership_page_offers_coordinators_a_link_to_change_the_word_lists(client):
    member = PartnershipMemberFactory()
    url = reverse("language:check", kwargs={"partnership_slug": member.partnership.slug})
    assert "Change the word lists" not in client.get(url).content.decode()
    client.force_login(member.user)
    assert "Change the word lists" in client.get(url).content.decode()


def test_an_unknown_partnership_is_not_found(client):
    response = client.get(reverse("language:check", kwargs={"partnership_slug": "no-such-place"}))
    assert response.status_code == 404


def test_a_very_hard_text_is_described_in_words_not_a_score_below_nought(client):
    text = (
        "Notwithstanding institutional considerations, organisational accountability necessitates "
        "comprehensive implementation of interdepartmental collaborative methodologies and "
        "infrastructural modernisation programmes, particularly regarding sustainability."
    )
    content = client.post(CHECK_URL, {"text": text}).content.decode()
    row = content.split("Flesch reading ease</dt>")[1].split("</dd>")[0]
    assert "<strong>Very hard to read</strong>" in row
    assert not re.search(r"-\d", row), "no score below nought"


def test_suggestions_with_the_same_reason_give_it_once(client):
    content = client.post(CHECK_URL, {"text": "We utilise this. They utilise that. You utilise them."}).content.decode()
    reasons = content.split("Why we suggest these")[1]
    assert content.count("Why we suggest this<") == 3
    assert reasons.count('href="#language-flag-') == 3
    why = reasons.split('govuk-summary-list__value">')[1].split("</dd>")[0]
    assert why
    assert content.count(why) == 1
