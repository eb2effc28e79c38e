"""Sizes and times on pages are written from the settings that enforce them, so the words stay true."""

import pytest
from django.urls import reverse

from included.assessments.forms import ItemForm
from included.core.text import duration_in_words, size_in_words, text_with_size_from_setting
from included.frameworks.fileformat import MAX_FILE_BYTES, too_big_message
from included.frameworks.forms import FrameworkUploadForm
from included.language.forms import CheckWordsForm


@pytest.mark.parametrize(
    ("size", "words"),
    [
        (1, "1 byte"),
        (200, "200 bytes"),
        (1024, "1 KB"),
        (1536, "1.5 KB"),
        (1024 * 1024, "1 MB"),
        (5 * 1024 * 1024, "5 MB"),
        (10 * 1024 * 1024, "10 MB"),
        (int(2.5 * 1024 * 1024), "2.5 MB"),
    ],
)
def test_sizes_are_written_as_people_read_them(size, words):
    assert size_in_words(size) == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(1, "1 second"), (90, "90 seconds"), (300, "5 minutes"), (60 * 60, "1 hour"), (3 * 24 * 60 * 60, "3 days")],
)
def test_times_are_written_as_people_read_them(seconds, words):
    assert duration_in_words(seconds) == words


def test_a_text_with_a_size_from_a_setting_follows_the_setting(settings):
    text = text_with_size_from_setting("Up to {}.", "EVIDENCE_MAX_BYTES")
    settings.EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
    assert str(text) == "Up to 10 MB."
    settings.EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
    assert str(text) == "Up to 20 MB."


def test_the_evidence_file_hint_says_the_limit_that_is_enforced(settings):
    hint = ItemForm.base_fields["evidence_file"].help_text
    settings.EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
    assert "up to 10 MB." in str(hint)
    settings.EVIDENCE_MAX_BYTES = 3 * 1024 * 1024
    assert "up to 3 MB." in str(hint)


def test_the_document_hint_on_check_my_words_says_the_limit_that_is_enforced(settings):
    settings.LANGUAGE_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    assert "up to 2 MB." in CheckWordsForm()["document"].help_text


def test_the_framework_file_hint_and_error_say_the_same_limit():
    limit = size_in_words(MAX_FILE_BYTES)
    assert f"no bigger than {limit}." in FrameworkUploadForm()["file"].help_text
    assert f"The file is bigger than {limit}." in too_big_message()


@pytest.mark.django_db
def test_the_cookies_page_says_how_long_a_session_lasts_from_the_setting(client, settings):
    assert "After 12 hours, or when you sign out" in client.get(reverse("core:cookies")).content.decode()
    settings.SESSION_COOKIE_AGE = 60 * 60
    assert "After 1 hour, or when you sign out" in client.get(reverse("core:cookies")).content.decode()
