"""A participant adds what they said through a link, without an account: consent, a rate limit and a honeypot."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from included.coproduction import services
from included.coproduction.enums import ContributionSource
from included.coproduction.models import Contribution

from .conftest import activity_kwargs, org_kwargs

pytestmark = pytest.mark.django_db

GOOD = {
    "text": "Please start after the school run.",
    "consent_to_publish": "yes",
    "contributor_name": "Dee",
    "named_publicly": "on",
    "contact_email": "dee@example.org",
    "wants_updates": "on",
    "agree": "on",
}


def form_token(page):
    """The one-time token of the form on a page, as a browser would send it back."""
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


@pytest.fixture
def link_url(activity, member):
    _link, token = services.create_contribution_link(activity, by=member.user)
    return reverse("coproduction:take_part", kwargs={"token": token})


def test_the_form_explains_plainly_what_happens_to_what_you_say(client, activity, link_url):
    response = client.get(link_url)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert activity.title in page
    assert "What happens to what you say" in page
    assert "Your email address is never shown" in page
    assert "You do not need an account" in page
    assert 'name="robots" content="noindex, nofollow"' in page
    assert "<div hidden>" in page


def test_a_participant_adds_what_they_said_without_an_account(client, activity, link_url):
    response = client.post(link_url, GOOD)

    assert response.status_code == 302
    assert response.url.endswith("/thanks/")
    contribution = Contribution.objects.get()
    assert contribution.activity == activity
    assert contribution.source == ContributionSource.PARTICIPANT
    assert contribution.created_by is None
    assert (contribution.consent_to_publish, contribution.named_publicly, contribution.wants_updates) == (
        True,
        True,
        True,
    )
    thanks = client.get(response.url).content.decode()
    assert "Thank you" in thanks


def test_what_a_participant_sends_twice_is_added_once(client, link_url):
    sent = {**GOOD, "form_token": form_token(client.get(link_url).content.decode())}

    first = client.post(link_url, sent)
    again = client.post(link_url, sent)

    assert Contribution.objects.count() == 1
    assert again.status_code == first.status_code == 302
    assert again.url == first.url
    assert len(mail.outbox) <= 1


def test_agreeing_to_keep_what_was_said_is_required_and_nothing_is_lost(client, link_url):
    response = client.post(link_url, {**GOOD, "agree": ""})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Tick the box to agree that they can keep what you said" in page
    assert "Please start after the school run." in page
    assert 'value="dee@example.org"' in page
    assert not Contribution.objects.exists()


def test_saying_whether_it_can_be_published_is_required(client, link_url):
    response = client.post(link_url, {**GOOD, "consent_to_publish": ""})

    assert "Say whether what you said can be published" in response.content.decode()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Enter what you would like to say"),
        ({"text": "y" * 20_000}, "must be 3,000 characters or fewer"),
        ({"contact_email": "<script>alert(1)</script>"}, "Enter an email address in the right format"),
        ({"contact_email": ""}, "Enter your email address, or untick the box"),
        ({"contributor_name": ""}, "Enter your name, or untick the box"),
        ({"consent_to_publish": "perhaps"}, "Say whether what you said can be published"),
    ],
)
def test_bad_input_gets_a_clear_error_and_saves_nothing(client, link_url, data, message):
    response = client.post(link_url, {**GOOD, **data})

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "<script>alert(1)" not in page
    assert not Contribution.objects.exists()


def test_a_script_is_stored_as_text_and_shown_as_text(activity, link_url, member_client):
    Client().post(link_url, {**GOOD, "text": "<script>alert(1)</script>"})

    page = member_client.get(reverse("coproduction:activity", kwargs=activity_kwargs(activity))).content.decode()

    assert Contribution.objects.get().text == "<script>alert(1)</script>"
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_robot_filling_the_hidden_box_is_thanked_but_nothing_is_saved(client, link_url):
    response = client.post(link_url, {**GOOD, "website": "http://spam.example"})

    assert response.status_code == 302
    assert not Contribution.objects.exists()


def test_ten_sends_an_hour_from_one_address_then_a_polite_stop(client, link_url):
    for number in range(10):
        assert client.post(link_url, {**GOOD, "text": f"Idea {number}"}).status_code == 302

    response = client.post(link_url, {**GOOD, "text": "Idea eleven"})

    page = response.content.decode()
    assert response.status_code == 429
    assert "You have sent a lot in the last hour" in page
    assert "Idea eleven" in page
    assert Contribution.objects.count() == 10
    other_address = client.post(link_url, {**GOOD, "text": "From elsewhere"}, REMOTE_ADDR="203.0.113.9")
    assert other_address.status_code == 302
    assert Contribution.objects.count() == 11


def test_robots_count_towards_the_limit_too(client, link_url):
    for _ in range(10):
        client.post(link_url, {**GOOD, "website": "spam"})

    assert client.post(link_url, GOOD).status_code == 429
    assert not Contribution.objects.exists()


def test_a_switched_off_link_is_not_found(client, activity, member, link_url):
    services.switch_off_contribution_link(activity, by=member.user)

    assert client.get(link_url).status_code == 404
    assert client.post(link_url, GOOD).status_code == 404
    assert client.get(link_url + "thanks/").status_code == 404
    assert not Contribution.objects.exists()


def test_an_unknown_or_old_link_is_not_found(client, activity, member, link_url):
    services.create_contribution_link(activity, by=member.user)

    assert client.get(link_url).status_code == 404
    assert client.get(reverse("coproduction:take_part", kwargs={"token": "made-up"})).status_code == 404


def test_the_whole_loop_a_participant_speaks_the_organisation_responds_they_are_told_and_it_is_public(
    activity, link_url, member_client
):
    participant = Client()
    participant.post(link_url, GOOD)
    contribution = Contribution.objects.get()
    respond_url = reverse(
        "coproduction:record_response", kwargs=activity_kwargs(activity) | {"contribution_id": contribution.pk}
    )

    member_client.post(respond_url, {"decision": "adopted", "what_changed": "Sessions now start at 10am."})

    [email] = mail.outbox
    assert email.to == ["dee@example.org"]
    assert "Sessions now start at 10am." in email.body
    public = participant.get(
        reverse("coproduction:organisation_you_said_we_did", kwargs=org_kwargs(activity.organisation))
    ).content.decode()
    assert "Please start after the school run." in public
    assert "Sessions now start at 10am." in public
    assert "Dee," in public
    assert "dee@example.org" not in public
