import json

import pytest
from django.test import Client
from django.urls import reverse

from included.language.models import WordListEntry
from tests.factories import OrganisationMemberFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

API_URL = reverse("language:api")


def post_json(client, data, url=API_URL, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", headers=headers)


@pytest.fixture
def strict_client():
    """A client that checks CSRF tokens, as a browser's requests are checked."""
    return Client(enforce_csrf_checks=True)


def test_a_script_without_a_session_gets_scores_and_flags_as_json(strict_client):
    response = post_json(strict_client, {"text": "We will utilise the new system in order to help people."})
    assert response.status_code == 200
    body = response.json()
    assert body["scores"]["words"] == 11
    assert body["scores"]["reading_age_years"] == 11
    assert body["scores"]["smog"] == pytest.approx(8.84, abs=0.01)
    assert [flag["text"] for flag in body["flags"]] == ["utilise", "in order to"]
    assert body["flags"][0]["start"] == 8 and body["flags"][0]["end"] == 15
    assert body["targets"]["reading_age"] == 9
    assert "html" not in body


def test_a_form_encoded_post_works_too(strict_client):
    response = strict_client.post(API_URL, {"text": "Sixteen " * 16, "easy_read": "true"})
    assert response.status_code == 200
    assert response.json()["easy_read"] is True
    assert response.json()["flags"][0]["kind"] == "long_sentence"


def test_a_signed_in_person_must_send_the_csrf_token(strict_client):
    member = OrganisationMemberFactory()
    strict_client.force_login(member.user)
    response = post_json(strict_client, {"text": "Hello there."})
    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]

    page = strict_client.get(reverse("language:check"))
    token = page.cookies["csrftoken"].value
    response = post_json(strict_client, {"text": "Hello there."}, **{"X-CSRFToken": token})
    assert response.status_code == 200


def test_any_request_with_a_session_cookie_must_send_the_csrf_token(strict_client):
    strict_client.cookies["sessionid"] = "a-session-someone-might-have"
    assert post_json(strict_client, {"text": "Hello there."}).status_code == 403


def test_only_post_is_allowed(client):
    response = client.get(API_URL)
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"text": 42}', '"text", a string'),
        ('{"words": "hello"}', '"text", a string'),
        ('{"text": "hi", "easy_read": "yes"}', "true or false"),
        ('{"text": "hi", "render": "<script>"}', '"render" must be'),
        (b"\xff\xfe\x00", "not valid JSON"),
    ],
)
def test_wrong_input_gets_a_clear_error(client, body, message):
    response = client.post(API_URL, body, content_type="application/json")
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_text_over_the_limit_is_refused(client):
    client.force_login(OrganisationMemberFactory().user)  # signed-out visitors have a lower limit
    response = post_json(client, {"text": "a" * 200_001})
    assert response.status_code == 413
    assert "200,000 characters or fewer" in response.json()["error"]


def test_a_huge_body_is_refused_before_it_is_read(client):
    response = client.post(API_URL, "{}", content_type="application/json", CONTENT_LENGTH=str(50 * 1024 * 1024))
    assert response.status_code == 413


def test_too_many_checks_in_a_minute_are_refused_with_a_time_to_wait(client, settings):
    settings.LANGUAGE_SIGNED_OUT_CHECKS_PER_MINUTE = 3
    for _ in range(3):
        assert post_json(client, {"text": "Hello."}).status_code == 200
    response = post_json(client, {"text": "Hello."})
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert "Too many checks" in response.json()["error"]


def test_the_page_script_can_ask_for_the_results_as_html(client):
    response = post_json(client, {"text": 'We utilise <b>"tools"</b>.', "render": "page"})
    html = response.json()["html"]
    assert '<mark class="language-mark language-mark--plain_words" data-flag="1">utilise</mark>' in html
    assert "&lt;b&gt;&quot;tools&quot;&lt;/b&gt;" in html


def test_the_partnership_endpoint_uses_the_partnership_word_lists(client):
    partnership = PartnershipFactory()
    WordListEntry.objects.create(
        partnership=partnership,
        kind="inclusive",
        key="own-clients",
        phrases="clients",
        instead="people",
        why="We work with people, not cases.",
    )
    url = reverse("language:api", kwargs={"partnership_slug": partnership.slug})
    flags = post_json(client, {"text": "Our clients are welcome."}, url=url).json()["flags"]
    assert [(flag["text"], flag["kind"], flag["entry_source"]) for flag in flags] == [
        ("clients", "inclusive_language", "added")
    ]
    assert post_json(client, {"text": "Our clients are welcome."}).json()["flags"] == []


def test_an_unknown_partnership_is_not_found(client):
    url = reverse("language:api", kwargs={"partnership_slug": "nowhere"})
    response = post_json(client, {"text": "Hello."}, url=url)
    assert response.status_code == 404
    assert response.json() == {"error": "There is no such partnership."}
