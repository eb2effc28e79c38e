"""The advice other apps put beside their text fields, and dismissing its suggestions."""

import json
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape

from included.core.models import AuditEvent
from included.language.advice import advice_for, sign_advice
from included.language.models import Dismissal, WordListEntry
from tests.factories import OrganisationMemberFactory, PartnershipFactory, PartnershipMemberFactory, UserFactory

from .factories import DismissalFactory

pytestmark = pytest.mark.django_db

TEXT = "We will utilise our stakeholders to help people."
TEXT_KEY = "assessments.signup:7:statement"


@pytest.fixture
def member():
    return OrganisationMemberFactory()


def render_advice(user, **context):
    request = RequestFactory().get("/p/somewhere/statement/")
    request.user = user
    request.session = SessionStore()
    return render_to_string("language/_advice.html", context, request=request)


def test_the_advice_shows_reading_age_and_suggestions_and_never_blocks(member):
    html = render_advice(member.user, text=TEXT, partnership=member.organisation.partnership, text_key=TEXT_KEY)
    assert "How easy your words are to read" in html
    assert "Longest sentence: <strong>8</strong> words. Aim for 25 or fewer." in html
    assert "Reading age: too few words to tell yet." in html
    assert '<mark class="language-mark language-mark--plain_words">utilise</mark>' in html
    assert "<strong>Try:</strong> use" in html
    assert "This is advice. You can still save and publish." in html
    assert html.count(">Dismiss<") == 2
    assert 'src="/static/build/language.js"' in html


def test_enough_words_give_a_reading_age_against_the_aim(member):
    text = " ".join(["We help people find good work near their homes."] * 4)
    html = render_advice(member.user, text=text, partnership=None)
    assert "Reading age: <strong>" in html
    assert "Aim for 9 or under." in html


def test_the_include_needs_only_the_text(member):
    html = render_advice(member.user, text=TEXT)
    assert "utilise</mark>" in html
    assert 'data-language-api="/check-my-words/api/"' in html


def test_without_a_partnership_or_text_key_there_is_nothing_to_dismiss(member):
    html = render_advice(member.user, text=TEXT, partnership=None)
    assert "Dismiss" not in html
    assert "utilise</mark>" in html


def test_an_empty_field_gets_a_friendly_prompt(member):
    html = render_advice(member.user, text="", partnership=None)
    assert "When you write here, we will show how easy your words are to read" in html


def test_the_advice_escapes_what_people_wrote(member):
    html = render_advice(member.user, text='<script>alert(1)</script> We utilise "this".', partnership=None)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_view_can_make_the_advice_itself(member):
    advice = advice_for(TEXT, partnership=member.organisation.partnership, field_id="id_statement")
    html = render_advice(member.user, language_advice=advice)
    assert 'data-language-field="id_statement"' in html
    assert "utilise</mark>" in html


def test_the_advice_uses_the_partnership_word_lists(member):
    partnership = member.organisation.partnership
    WordListEntry.objects.create(
        partnership=partnership,
        kind="plain",
        key="utilise",
        changes_default=True,
        phrases="utilise",
        instead="use",
        is_active=False,
    )
    html = render_advice(member.user, text=TEXT, partnership=partnership)
    assert "utilise</mark>" not in html
    assert "stakeholders</mark>" in html


def dismiss_url_for(member, text=TEXT, return_to="/p/somewhere/statement/"):
    advice = advice_for(
        text, partnership=member.organisation.partnership, text_key=TEXT_KEY, user=member.user, return_to=return_to
    )
    return advice.open_flags[0].dismiss_url


def test_a_member_dismisses_a_suggestion_with_a_reason_and_it_stops_showing(client, member):
    partnership = member.organisation.partnership
    url = dismiss_url_for(member)
    client.force_login(member.user)
    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert content.count("<h1") == 1
    assert "“utilise”" in content and "Plainer word" in content

    response = client.post(url, {"reason": "It is the name of our fund: the Utilise Fund."})
    assert response.status_code == 302
    assert response["Location"] == "/p/somewhere/statement/"
    dismissal = Dismissal.objects.get()
    assert (dismissal.partnership, dismissal.text_key, dismissal.flag_key, dismissal.dismissed_by) == (
        partnership,
        TEXT_KEY,
        "plain_words:utilise",
        member.user,
    )
    assert dismissal.reason == "It is the name of our fund: the Utilise Fund."
    assert AuditEvent.objects.filter(action="language.suggestion.dismissed", actor=member.user).exists()

    advice = advice_for(TEXT, partnership=partnership, text_key=TEXT_KEY, user=member.user)
    assert [flag.text for flag in advice.open_flags] == ["stakeholders"]
    html = render_advice(member.user, text=TEXT, partnership=partnership, text_key=TEXT_KEY)
    assert "Dismissed suggestions (1)" in html
    assert "It is the name of our fund: the Utilise Fund." in html
    # Edits to the text keep the suggestion dismissed.
    edited = advice_for("We utilise grants.", partnership=partnership, text_key=TEXT_KEY, user=member.user)
    assert edited.open_flags == []


def test_a_reason_is_needed_to_dismiss(client, member):
    url = dismiss_url_for(member)
    client.force_login(member.user)
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200
    assert "Say why you are dismissing this suggestion" in response.content.decode()
    assert not Dismissal.objects.exists()


def test_someone_else_cannot_use_a_dismiss_link(client, member):
    url = dismiss_url_for(member)
    other = OrganisationMemberFactory(organisation=member.organisation)
    client.force_login(other.user)
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "Mine now"}).status_code == 403
    assert not Dismissal.objects.exists()


def test_a_dismiss_link_does_not_work_in_another_partnership(client, member):
    url = dismiss_url_for(member)
    other = PartnershipFactory()
    moved = url.replace(member.organisation.partnership.slug, other.slug)
    client.force_login(member.user)
    assert client.post(moved, {"reason": "Wrong place"}).status_code == 403
    assert not Dismissal.objects.exists()


def test_a_changed_dismiss_link_is_refused(client, member):
    url = dismiss_url_for(member)
    query = parse_qs(urlparse(url).query)
    token = query["token"][0]
    client.force_login(member.user)
    tampered = url.split("?")[0] + "?" + urlencode({"token": token[:-3] + "abc"})
    assert client.post(tampered, {"reason": "Trying"}).status_code == 403
    assert not Dismissal.objects.exists()


def test_someone_outside_the_partnership_cannot_dismiss_even_with_a_signed_link(client, member):
    outsider = UserFactory()
    partnership = member.organisation.partnership
    data = {
        "p": partnership.pk,
        "t": TEXT_KEY,
        "u": outsider.pk,
        "k": "plain_words:utilise",
        "l": "x",
        "w": "x",
        "s": "x",
    }
    from django.core import signing

    from included.language.advice import SIGNING_SALT

    token = signing.dumps(data, salt=SIGNING_SALT, compress=True)
    url = reverse("language:dismiss", kwargs={"partnership_slug": partnership.slug}) + f"?token={token}"
    client.force_login(outsider)
    assert client.post(url, {"reason": "Sneaky"}).status_code == 403
    assert not Dismissal.objects.exists()


def test_signed_out_people_are_sent_to_sign_in_and_their_reason_is_kept(client, member):
    url = dismiss_url_for(member)
    response = client.post(url, {"reason": "Kept for later"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.session["kept_work"]["data"]["reason"] == ["Kept for later"]


def test_after_dismissing_nobody_is_sent_to_another_site(client, member):
    url = dismiss_url_for(member, return_to="https://evil.example/steal")
    client.force_login(member.user)
    response = client.post(url, {"reason": "Fine"})
    assert response["Location"] == "/"


def test_a_dismissed_suggestion_can_be_shown_again(client, member):
    partnership = member.organisation.partnership
    DismissalFactory(partnership=partnership, text_key=TEXT_KEY, dismissed_by=member.user)
    advice = advice_for(TEXT, partnership=partnership, text_key=TEXT_KEY, user=member.user, return_to="/back/")
    [dismissed] = advice.dismissed
    client.force_login(member.user)
    page = client.get(dismissed.restore_url)
    assert "It is the name of our fund." in page.content.decode()
    response = client.post(dismissed.restore_url)
    assert response["Location"] == "/back/"
    assert not Dismissal.objects.exists()
    assert AuditEvent.objects.filter(action="language.suggestion.restored").exists()


def test_reviewers_see_dismissed_suggestions_with_their_reasons(client, member):
    partnership = member.organisation.partnership
    DismissalFactory(partnership=partnership, dismissed_by=member.user, reason="Our <b>programme</b> name")
    DismissalFactory(partnership=PartnershipFactory(), reason="Another partnership's reason")
    reviewer = PartnershipMemberFactory(partnership=partnership, reviewer=True)
    client.force_login(reviewer.user)
    content = client.get(reverse("language:dismissals", kwargs={"partnership_slug": partnership.slug})).content.decode()
    assert "Our &lt;b&gt;programme&lt;/b&gt; name" in content
    assert escape(member.user.name) in content
    assert "Another partnership" not in content
    client.force_login(member.user)
    assert client.get(reverse("language:dismissals", kwargs={"partnership_slug": partnership.slug})).status_code == 403


def test_the_live_advice_endpoint_leaves_out_dismissed_suggestions(client, member):
    partnership = member.organisation.partnership
    DismissalFactory(partnership=partnership, text_key=TEXT_KEY, dismissed_by=member.user)
    token = sign_advice(partnership, TEXT_KEY, member.user)
    client.force_login(member.user)
    url = reverse("language:api", kwargs={"partnership_slug": partnership.slug})
    body = client.post(
        url,
        json.dumps({"text": TEXT, "advice": token, "render": "advice", "return_to": "/here/"}),
        content_type="application/json",
    ).json()
    dismissed = {flag["text"]: flag["dismissed"] for flag in body["flags"]}
    assert dismissed == {"utilise": True, "stakeholders": False}
    assert "Dismissed suggestions (1)" in body["html"]
    assert "stakeholders</mark>" in body["html"]
    assert "next=%2Fhere%2F" in body["html"]


def test_the_live_advice_endpoint_refuses_someone_elses_token(client, member):
    partnership = member.organisation.partnership
    token = sign_advice(partnership, TEXT_KEY, member.user)
    other = OrganisationMemberFactory(organisation=member.organisation)
    client.force_login(other.user)
    url = reverse("language:api", kwargs={"partnership_slug": partnership.slug})
    response = client.post(url, json.dumps({"text": TEXT, "advice": token}), content_type="application/json")
    assert response.status_code == 403
