"""Without an account, the word checker takes shorter texts and fewer checks a minute, so nobody can keep a server
busy with it. Signed-in people keep the larger limits."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts.helpers import page_text
from tests.factories import OrganisationMemberFactory

pytestmark = pytest.mark.django_db

API_URL = reverse("language:api")
CHECK_URL = reverse("language:check")
SIGN_IN_HINT = "If you have an account, sign in to check up to 200,000 at a time."


@pytest.fixture
def member_client(client):
    client.force_login(OrganisationMemberFactory().user)
    return client


def check_by_api(client, text):
    return client.post(API_URL, json.dumps({"text": text}), content_type="application/json")


def test_signed_out_the_json_endpoint_checks_up_to_20000_characters(client):
    assert check_by_api(client, "a" * 20_000).status_code == 200

    response = check_by_api(client, "a" * 20_001)
    assert response.status_code == 413
    assert response.json()["error"] == f"The text must be 20,000 characters or fewer. {SIGN_IN_HINT}"


def test_signed_in_the_json_endpoint_still_checks_longer_texts(member_client):
    assert check_by_api(member_client, "a" * 20_001).status_code == 200


def test_signed_out_a_big_body_is_refused_before_it_is_read(client):
    response = client.post(API_URL, "{}", content_type="application/json", CONTENT_LENGTH=str(100 * 1024))
    assert response.status_code == 413


def test_signed_out_the_json_endpoint_allows_30_checks_a_minute(client):
    for _ in range(30):
        assert check_by_api(client, "Hello.").status_code == 200
    assert check_by_api(client, "Hello.").status_code == 429


def test_signed_in_the_json_endpoint_allows_more_checks_a_minute(member_client):
    for _ in range(31):
        assert check_by_api(member_client, "Hello.").status_code == 200


def test_signed_out_the_page_checks_10_times_a_minute_keeping_the_words(client):
    for _ in range(10):
        assert client.post(CHECK_URL, {"text": "Hello there."}).status_code == 200

    response = client.post(CHECK_URL, {"text": "Hello there again."})
    assert response.status_code == 429
    assert "Hello there again.</textarea>" in response.content.decode()


def test_signed_in_the_page_checks_more_often(member_client):
    for _ in range(11):
        assert member_client.post(CHECK_URL, {"text": "Hello there."}).status_code == 200


def test_signed_out_the_page_says_how_much_it_checks_and_keeps_longer_words(client):
    response = client.get(CHECK_URL)
    assert "Paste or type them here, up to 20,000 characters." in page_text(response)
    assert 'data-language-max-characters="20000"' in response.content.decode()

    response = client.post(CHECK_URL, {"text": "word " * 4001})
    assert (
        "Your words must be 20,000 characters or fewer. Check a shorter piece, or check it a part at a time. "
        + SIGN_IN_HINT
    ) in page_text(response)
    assert "word word word" in response.content.decode()


def test_signed_in_the_page_checks_longer_words(member_client):
    response = member_client.get(CHECK_URL)
    assert "Paste or type them here, up to 200,000 characters." in page_text(response)
    assert 'data-language-max-characters="200000"' in response.content.decode()

    response = member_client.post(CHECK_URL, {"text": "word " * 4001})
    assert "characters or fewer" not in page_text(response)
    assert "What we found" in page_text(response)


def test_signed_out_a_document_with_more_words_than_the_limit_is_refused(client):
    document = SimpleUploadedFile("long.txt", b"word " * 4001, content_type="text/plain")
    response = client.post(CHECK_URL, {"document": document})
    assert "The words in a document must be 20,000 characters or fewer." in page_text(response)
