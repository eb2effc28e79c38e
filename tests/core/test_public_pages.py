import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["www:home", "core:accessibility", "core:privacy", "core:cookies"])
def test_public_pages_open_without_signing_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response.content.count(b"<h1") == 1


def test_every_page_sends_a_content_security_policy_with_a_nonce(client):
    response = client.get(reverse("www:home"))
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "'nonce-" in policy
    assert "frame-ancestors 'none'" in policy


def test_unknown_page_says_not_found_in_plain_words(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_every_page_names_our_icons_and_each_one_is_served(client):
    page = client.get(reverse("www:home")).content.decode()
    for icon in ["images/favicon.ico", "images/favicon.svg", "images/apple-touch-icon.png"]:
        assert f'href="/static/{icon}"' in page
        assert b"".join(client.get(f"/static/{icon}").streaming_content)


def test_a_browser_asking_for_the_icon_at_the_root_is_sent_to_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/images/favicon.ico"
