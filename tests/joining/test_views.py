"""The "Ask to join" page, as a visitor uses it, and the coordinators' pages that answer requests."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from included.joining.enums import JoinRequestStatus
from included.joining.models import JoinRequest
from included.organisations.enums import Sector, Size
from included.organisations.models import Organisation
from tests.accounts.helpers import h1_count, page_text
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipMemberFactory, UserFactory
from tests.joining.factories import JoinRequestFactory

pytestmark = pytest.mark.django_db

FORM = {
    "organisation_name": "Riverside Community Kitchen",
    "sector": Sector.VCSE,
    "size": Size.MICRO,
    "local_area": "Northgate",
    "registration_number": "sc 012 345",
    "contact_name": "Amara Okafor",
    "contact_email": "amara@example.org",
    "message": "We cook with people who are out of work.\nWe would like to learn from others.",
}


@pytest.fixture
def coordinator():
    return PartnershipMemberFactory()


@pytest.fixture
def partnership(coordinator):
    return coordinator.partnership


def ask_url(partnership):
    return reverse("joining:ask", kwargs={"partnership_slug": partnership.slug})


def requests_url(partnership, **query):
    url = reverse("joining:requests", kwargs={"partnership_slug": partnership.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def request_url(join_request, name="joining:request"):
    return reverse(name, kwargs={"partnership_slug": join_request.partnership.slug, "request_id": join_request.pk})


# The public form


def test_a_visitor_asks_to_join_and_is_told_what_happens_next(client, partnership, django_capture_on_commit_callbacks):
    response = client.get(ask_url(partnership))
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert f"Ask to join {partnership.name}" in page_text(response)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask_url(partnership), FORM, follow=True)

    assert response.redirect_chain[-1][0] == reverse("joining:asked", kwargs={"partnership_slug": partnership.slug})
    text = page_text(response)
    assert "We have your request" in text
    assert "What happens next" in text
    request = JoinRequest.objects.get()
    assert request.registration_number == "SC012345"
    assert request.message.splitlines() == FORM["message"].splitlines()
    assert sorted(email.to[0] for email in mail.outbox) == sorted(
        ["amara@example.org", partnership.roles.get().user.email]
    )
    coordinators_email = next(email.body for email in mail.outbox if email.to != ["amara@example.org"])
    assert f"{settings.SITE_URL}/p/{partnership.slug}/join-requests/" in coordinators_email


def test_the_public_pages_link_to_the_form_for_signed_out_visitors(client, partnership):
    response = client.get(reverse("assessments:register", kwargs={"partnership_slug": partnership.slug}))

    assert f'href="{ask_url(partnership)}"' in response.content.decode()


def test_whether_the_email_has_an_account_makes_no_difference_to_what_the_visitor_sees(client, partnership):
    UserFactory(email="taken@example.org")
    answers = []
    for email in ["taken@example.org", "new@example.org"]:
        response = client.post(ask_url(partnership), FORM | {"contact_email": email}, follow=True)
        answers.append(page_text(response))
    assert answers[0] == answers[1]
    assert JoinRequest.objects.count() == 2
    to_contacts = [m for m in mail.outbox if m.to[0] in ("taken@example.org", "new@example.org")]
    assert [m.subject for m in to_contacts][0] == [m.subject for m in to_contacts][1]
    assert [m.body for m in to_contacts][0] == [m.body for m in to_contacts][1]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("organisation_name", "", "Enter the organisation's name"),
        ("contact_name", "", "Enter your name"),
        ("contact_email", "", "Enter your email address"),
        ("contact_email", "not an address", "Enter an email address in the right format"),
        ("sector", "", "Choose what kind of organisation it is"),
        ("sector", "pirates", "Choose one of the kinds of organisation listed"),
        ("size", "", "Choose how many people work or volunteer there"),
        ("registration_number", "12", "Enter a charity or company number in the right format"),
        ("registration_number", "SC12345", "Enter a charity or company number in the right format"),
        ("registration_number", "9" * 40, "The charity or company number is too long"),
        ("organisation_name", "x" * 201, "must be 200 characters or fewer"),
        ("message", "x" * 5000, "must be 1,500 characters or fewer"),
        ("organisation_name", "Kitchen\u202etxt.exe", "hidden character"),
        ("contact_name", "Amara\u200bOkafor", "hidden character"),
        ("message", "Fine text\nthen \u202e a trick", "hidden character"),
        ("organisation_name", "Kit\x00chen", "Null characters are not allowed"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_everything_typed_is_kept(
    client, partnership, field, value, message
):
    response = client.post(ask_url(partnership), FORM | {field: value})

    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert message in text
    assert response.content.decode().count("govuk-error-summary__list") == 1
    content = response.content.decode()
    for other, typed in FORM.items():
        if other not in (field, "sector", "size"):
            assert typed.splitlines()[0] in content, f"{other} was not kept"
    assert not JoinRequest.objects.exists()
    assert not mail.outbox


def test_a_huge_post_is_refused_without_a_server_error(client, partnership):
    response = client.post(ask_url(partnership), FORM | {"message": "a" * (1024 * 1024)})

    assert response.status_code in (200, 400)
    assert not JoinRequest.objects.exists()


def test_a_robot_that_fills_the_hidden_box_is_thanked_and_nothing_is_kept(client, partnership):
    response = client.post(ask_url(partnership), FORM | {"website": "http://spam.example"})

    assert response.status_code == 302
    assert not JoinRequest.objects.exists()
    assert not mail.outbox


def test_a_visitor_who_sends_too_many_requests_is_asked_to_wait_and_keeps_what_they_typed(
    client, partnership, settings
):
    settings.JOIN_REQUESTS_PER_HOUR = 2
    for _ in range(5):  # mistakes do not count towards the limit
        client.post(ask_url(partnership), FORM | {"contact_email": "not an address"})
    for number in range(2):
        assert client.post(ask_url(partnership), FORM | {"organisation_name": f"Group {number}"}).status_code == 302

    response = client.post(ask_url(partnership), FORM)

    assert response.status_code == 429
    assert "Please wait an hour" in page_text(response)
    assert "Riverside Community Kitchen" in response.content.decode()
    assert JoinRequest.objects.count() == 2


def test_a_partnership_that_does_not_exist_has_no_form(client):
    assert client.get(reverse("joining:ask", kwargs={"partnership_slug": "nowhere"})).status_code == 404


# The coordinators' pages


def test_the_coordinator_sees_waiting_requests_with_their_possible_duplicates(client, coordinator, partnership):
    OrganisationFactory(partnership=partnership, name="The Riverside Food Bank Ltd")
    food_bank = JoinRequestFactory(partnership=partnership, organisation_name="Riverside Food Bank")
    JoinRequestFactory(
        partnership=partnership, organisation_name="Old News", status="declined", decided_at="2026-01-01T00:00Z"
    )
    client.force_login(coordinator.user)

    response = client.get(requests_url(partnership))

    assert response.status_code == 200
    text = page_text(response)
    assert "Waiting for a decision: 1 request." in text
    assert "Riverside Food Bank" in text
    assert "The Riverside Food Bank Ltd (already a member): the same name" in text
    assert "Old News" not in text
    assert request_url(food_bank) in response.content.decode()

    response = client.get(requests_url(partnership, show="declined"))
    assert "Old News" in page_text(response)
    assert "Riverside Food Bank" not in page_text(response)


def test_the_coordinator_finds_a_request_by_search_and_pages_through_many(client, coordinator, partnership):
    for number in range(30):
        JoinRequestFactory(partnership=partnership, organisation_name=f"Tenants Group {number:02}")
    JoinRequestFactory(partnership=partnership, organisation_name="Kestrel Bakery", contact_email="baker@example.org")
    client.force_login(coordinator.user)

    response = client.get(requests_url(partnership, q="baker"))
    assert "1 request with “baker”" in page_text(response)
    assert "Kestrel Bakery" in page_text(response)

    response = client.get(requests_url(partnership))
    assert "Page 1 of 2" in page_text(response)
    response = client.get(requests_url(partnership, page=2))
    assert "Page 2 of 2" in page_text(response)


def test_the_list_asks_the_same_number_of_questions_for_a_few_requests_or_a_page_full(
    client, coordinator, partnership, django_assert_max_num_queries
):
    client.force_login(coordinator.user)
    JoinRequestFactory(partnership=partnership)
    with django_assert_max_num_queries(30) as few:
        client.get(requests_url(partnership))
    for _ in range(24):
        JoinRequestFactory(partnership=partnership)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(requests_url(partnership))


def test_the_coordinator_accepts_a_request_and_the_contact_gets_an_invitation(client, coordinator, partnership):
    join_request = JoinRequestFactory(partnership=partnership, organisation_name="Kestrel Bakery")
    client.force_login(coordinator.user)

    response = client.get(request_url(join_request))
    assert response.status_code == 200
    assert "Accept and send the invitation" in page_text(response)

    response = client.post(request_url(join_request, "joining:accept"), follow=True)

    assert "Kestrel Bakery is added" in page_text(response)
    assert Organisation.objects.filter(partnership=partnership, name="Kestrel Bakery").exists()
    assert [email.to for email in mail.outbox] == [[join_request.contact_email]]
    assert "/invitations/" in mail.outbox[0].body
    text = page_text(client.get(request_url(join_request)))
    assert "Accepted on" in text
    assert "Member now Kestrel Bakery" in text
    assert "Invitation Waiting." in text

    response = client.post(request_url(join_request, "joining:accept"), follow=True)
    assert "already accepted" in page_text(response)
    assert Organisation.objects.filter(name="Kestrel Bakery").count() == 1
    assert len(mail.outbox) == 1


def test_the_coordinator_must_give_a_reason_to_decline_and_keeps_what_they_typed(client, coordinator, partnership):
    join_request = JoinRequestFactory(partnership=partnership)
    client.force_login(coordinator.user)

    response = client.post(request_url(join_request, "joining:decline"), {"reason": ""})
    assert response.status_code == 200
    assert "Say why you are saying no" in page_text(response)

    response = client.post(request_url(join_request, "joining:decline"), {"reason": "x" * 2000})
    assert "must be 1,500 characters or fewer" in page_text(response)
    assert "x" * 2000 in response.content.decode()

    response = client.post(request_url(join_request, "joining:decline"), {"reason": "Not in our area."}, follow=True)
    assert "We have emailed them why" in page_text(response)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.DECLINED
    assert "Not in our area." in mail.outbox[0].body

    response = client.get(request_url(join_request))
    assert "Declined on" in page_text(response)
    assert "Decline and send the reason" not in page_text(response)


@pytest.mark.parametrize("who", ["other_coordinator", "organisation_admin", "reviewer"])
def test_nobody_but_the_partnerships_coordinators_sees_or_answers_requests(client, partnership, who):
    join_request = JoinRequestFactory(partnership=partnership)
    person = {
        "other_coordinator": lambda: PartnershipMemberFactory().user,
        "organisation_admin": lambda: OrganisationMemberFactory(organisation__partnership=partnership).user,
        "reviewer": lambda: PartnershipMemberFactory(partnership=partnership, reviewer=True).user,
    }[who]()
    client.force_login(person)

    assert client.get(requests_url(partnership)).status_code == 403
    assert client.get(request_url(join_request)).status_code == 403
    assert client.post(request_url(join_request, "joining:accept")).status_code == 403
    assert client.post(request_url(join_request, "joining:decline"), {"reason": "No."}).status_code == 403

    join_request.refresh_from_db()
    assert join_request.is_pending
    assert not mail.outbox


def test_a_signed_out_visitor_is_sent_to_sign_in(client, partnership):
    join_request = JoinRequestFactory(partnership=partnership)

    for response in [client.get(requests_url(partnership)), client.post(request_url(join_request, "joining:accept"))]:
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    assert JoinRequest.objects.get().is_pending


def test_a_coordinator_cannot_open_another_partnerships_request_through_their_own(client, coordinator, partnership):
    elsewhere = JoinRequestFactory()
    client.force_login(coordinator.user)

    url = reverse("joining:request", kwargs={"partnership_slug": partnership.slug, "request_id": elsewhere.pk})
    assert client.get(url).status_code == 404
    accept = reverse("joining:accept", kwargs={"partnership_slug": partnership.slug, "request_id": elsewhere.pk})
    assert client.post(accept).status_code == 404
    assert JoinRequest.objects.get().is_pending


def test_a_reason_typed_as_the_session_ended_is_offered_back_after_signing_in(client, coordinator, partnership):
    join_request = JoinRequestFactory(partnership=partnership)
    decline_url = request_url(join_request, "joining:decline")

    response = client.post(decline_url, {"reason": "Typed as my session ran out."})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    client.force_login(coordinator.user)

    response = client.get(decline_url)

    assert response.status_code == 200
    assert "Typed as my session ran out." in response.content.decode()
    join_request.refresh_from_db()
    assert join_request.is_pending
    # Opened again with nothing kept, the address leads back to the request.
    assert client.get(decline_url)["Location"] == request_url(join_request)


def test_the_coordinators_to_do_list_says_how_many_requests_wait(client, coordinator, partnership):
    JoinRequestFactory.create_batch(2, partnership=partnership)
    JoinRequestFactory()  # another partnership's
    client.force_login(coordinator.user)

    text = page_text(client.get(reverse("www:home")))

    assert "Answer 2 requests to join" in text


def test_an_organisation_admin_is_not_told_about_requests_to_join(client, partnership):
    JoinRequestFactory(partnership=partnership)
    admin = OrganisationMemberFactory(organisation__partnership=partnership)
    client.force_login(admin.user)

    assert "requests to join" not in page_text(client.get(reverse("www:home"))).lower()


def test_the_home_page_offers_each_partnership_a_way_to_ask_to_join(client, partnership):
    response = client.get(reverse("www:home"))

    assert f'href="{ask_url(partnership)}"' in response.content.decode()
    assert f"Ask to join {partnership.name}" in page_text(response)
