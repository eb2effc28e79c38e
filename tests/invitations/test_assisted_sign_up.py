"""Assisted sign-up: a support worker starts an account for someone they support, the person claims it with a printed
code and makes their own sign-in, the help is recorded and shown to them, and the helper keeps no access."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from included.access.models import OrganisationMember, PartnershipMember
from included.accounts.models import User
from included.accounts.services import erase_account, export_personal_data
from included.core.models import AuditEvent
from included.invitations import assisted
from included.invitations.enums import InvitationKind
from included.invitations.models import Invitation
from included.people import services as people_services
from tests.accounts.helpers import h1_count, page_text
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

CLAIM = reverse("invitations:claim")
CODE_PAGE = reverse("account_email_verification_sent")
PRINTED_CODE = re.compile(r"\b([A-Z]{4}-[A-Z]{4}-[A-Z]{4})\b")


def email_code(message):
    return re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, flags=re.MULTILINE).group(1)


def org_url(name, organisation, **more):
    kwargs = {"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug, **more}
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def helper():
    """Alex, a member (not an admin) of Harbour Bakery, who supports people."""
    membership = OrganisationMemberFactory(member=True, organisation__name="Harbour Bakery", user__name="Alex Reed")
    return membership


def start(client, helper, **data):
    """The helper fills in the form and gets the page to print; returns (invitation, printed code)."""
    client.force_login(helper.user)
    form = {"name": "Robin Hale", "email": "", "form_token": "t" * 20} | data
    response = client.post(org_url("invitations:assisted_new", helper.organisation), form)
    assert response.status_code == 302
    page = client.get(response["Location"])
    invitation = Invitation.objects.get(assisted=True, name=form["name"])
    match = PRINTED_CODE.search(page_text(page))
    return invitation, match.group(1) if match else None


def claim_and_sign_up(client, code, email="robin@mail.example"):
    """The person, on a computer where nobody is signed in, types the code and makes their own sign-in."""
    response = client.post(CLAIM, {"code": code})
    assert response.status_code == 302, page_text(response)
    assert response["Location"] == reverse("account_signup")
    return client.post(
        reverse("account_signup"), {"name": "Robin", "email": email, "password1": "kettle orchard lantern"}
    )


def test_a_helper_prints_a_code_the_person_claims_it_and_the_account_is_theirs(client, helper):
    invitation, code = start(client, helper)
    assert code, "the page to print shows the code"
    page = page_text(
        client.get(org_url("invitations:assisted_detail", helper.organisation, invitation_id=invitation.pk))
    )
    assert reverse("invitations:claim") in page
    assert "Alex Reed from Harbour Bakery helped you start" in page
    assert invitation.claim_code_hash and code not in invitation.claim_code_hash
    assert not mail.outbox, "no address given, so no email"

    person = Client()
    signup_page = person.post(CLAIM, {"code": code.lower().replace("-", " ")}, follow=True)
    assert "Your code worked. Alex Reed from Harbour Bakery helped you start" in page_text(signup_page)
    response = person.post(
        reverse("account_signup"),
        {"name": "Robin", "email": "robin@mail.example", "password1": "kettle orchard lantern"},
    )
    # The paper proves who holds it, not who reads the mailbox: the address is checked by an emailed code.
    assert response["Location"] == CODE_PAGE
    robin = User.objects.get(email="robin@mail.example")
    assert not EmailAddress.objects.get(user=robin).verified
    [message] = mail.outbox
    response = person.post(CODE_PAGE, {"code": email_code(message)})
    assert response.status_code == 302
    hub = person.get(reverse("people:hub"))
    assert "Alex Reed from Harbour Bakery helped you start this account" in page_text(hub)
    assert h1_count(hub) == 1

    invitation.refresh_from_db()
    assert invitation.accepted_by == robin
    assert not OrganisationMember.objects.filter(user=robin).exists()
    assert not PartnershipMember.objects.filter(user=robin).exists()
    listing = page_text(client.get(org_url("invitations:assisted_list", helper.organisation)))
    assert "Account made" in listing
    assert "robin@mail.example" not in listing


def test_with_an_email_address_the_usual_invitation_goes_too_and_either_claims_it(client, helper):
    invitation, code = start(client, helper, email="Robin@Example.org")
    [message] = mail.outbox
    assert message.to == ["robin@example.org"]
    assert "a place of your own" in message.body
    # Once the code is used the emailed link no longer works, and the other way round.
    person = Client()
    claim_and_sign_up(person, code, email="robin.other@mail.example")
    link = re.search(r"https?://\S+(/invitations/\S+/)", message.body).group(1)
    assert Client().get(link).status_code == 410


@pytest.mark.parametrize("state", ["wrong", "used", "cancelled", "expired"])
def test_a_code_that_cannot_be_used_gets_one_plain_message(client, helper, state):
    invitation, code = start(client, helper)
    if state == "wrong":
        code = "ABCD-EFGH-JKMN" if code != "ABCD-EFGH-JKMN" else "ABCD-EFGH-JKMP"
    elif state == "used":
        claim_and_sign_up(Client(), code)
    elif state == "cancelled":
        assisted.cancel_assisted_sign_up(invitation, by=helper.user)
    else:
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    person = Client()
    response = person.post(CLAIM, {"code": code})
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert "This code does not work. Check you typed it as it is printed" in text
    for telling in ("used", "cancel", "expired", "ran out"):
        assert telling not in text.lower()
    assert assisted.SESSION_CLAIM not in person.session


def test_trying_codes_is_limited(helper):
    _, code = start(Client(), helper)
    guesser = Client()
    for _ in range(assisted.CLAIM_TRIES_AN_HOUR):
        guesser.post(CLAIM, {"code": "ZZZZ-ZZZZ-ZZZZ"})
    response = guesser.post(CLAIM, {"code": code})
    assert "You have tried too many codes" in page_text(response)
    assert assisted.SESSION_CLAIM not in guesser.session


def test_the_codes_are_easy_to_read_and_hard_to_guess():
    codes = {assisted.new_claim_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[A-Z]{4}-[A-Z]{4}-[A-Z]{4}", code)
        assert not set(code) & set("ILOU01")
    assert assisted.normalise(" abcd efgh-jkmn ") == "ABCDEFGHJKMN"
    assert assisted.normalise("ABCD") == ""


@pytest.mark.parametrize(
    "data,error",
    [
        ({"name": ""}, "Enter their name"),
        ({"name": "a" * 151}, "150 characters or fewer"),
        ({"name": "Robin\u202eHale"}, "hidden"),
        ({"email": "not an address"}, "right format"),
        ({"name": "<script>alert(1)</script>", "email": "x" * 300 + "@example.org"}, "254 characters or fewer"),
    ],
)
def test_the_start_form_answers_bad_input_clearly_and_keeps_what_was_typed(client, helper, data, error):
    client.force_login(helper.user)
    form = {"name": "Robin Hale", "email": ""} | data
    response = client.post(org_url("invitations:assisted_new", helper.organisation), form)
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert error.lower() in text.lower()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not Invitation.objects.filter(assisted=True).exists()


@pytest.mark.parametrize("code", ["", "ABC", "x" * 1000, "ABCD\x00EFGH\x00JKMN", "' OR 1=1; --", "{{ 7*7 }}"])
def test_the_claim_form_answers_bad_input_clearly(code):
    response = Client().post(CLAIM, {"code": code})
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert "49" not in text


def test_sending_the_start_form_twice_makes_one(client, helper):
    client.force_login(helper.user)
    form = {"name": "Robin Hale", "email": "", "form_token": "same-token-" + "x" * 10}
    url = org_url("invitations:assisted_new", helper.organisation)
    first, second = client.post(url, form), client.post(url, form)
    assert first["Location"] == second["Location"]
    assert Invitation.objects.filter(assisted=True).count() == 1


def test_the_helper_keeps_no_access_to_the_account_or_its_sections(client, helper):
    _, code = start(client, helper)
    person = Client()
    claim_and_sign_up(person, code)
    robin = User.objects.get(email="robin@mail.example")
    people_services.save_fact(robin, "access", "I need a quiet room.", by=robin)
    own_pages = [reverse("people:facts"), reverse("people:one_page"), reverse("people:hub")]
    for url in own_pages:
        assert "I need a quiet room." not in client.get(url).content.decode()
    shared = client.get(org_url("people:shared_with_organisation", helper.organisation))
    assert "Robin" not in page_text(shared)
    with pytest.raises(PermissionDenied):
        people_services.save_fact(robin, "access", "Changed by someone else", by=helper.user)
    with pytest.raises(PermissionDenied):
        erase_account(robin, by=helper.user)


def test_cancelling_a_code_and_who_may(client, helper):
    invitation, code = start(client, helper)
    colleague = OrganisationMemberFactory(member=True, organisation=helper.organisation)
    other = Client()
    other.force_login(colleague.user)
    cancel = org_url("invitations:assisted_cancel", helper.organisation, invitation_id=invitation.pk)
    assert other.post(cancel).status_code == 403
    admin = OrganisationMemberFactory(organisation=helper.organisation)
    other.force_login(admin.user)
    assert other.post(cancel).status_code == 302
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None
    assert "This code does not work" in page_text(Client().post(CLAIM, {"code": code}))


def test_a_claimed_account_cannot_be_cancelled(client, helper):
    invitation, code = start(client, helper)
    claim_and_sign_up(Client(), code)
    client.post(org_url("invitations:assisted_cancel", helper.organisation, invitation_id=invitation.pk))
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None and invitation.accepted_by is not None


def test_another_organisation_and_outsiders_get_404(client, helper):
    invitation, _ = start(client, helper)
    other_org = OrganisationMemberFactory(organisation=OrganisationFactory(partnership=helper.organisation.partnership))
    coordinator = PartnershipMemberFactory(partnership=helper.organisation.partnership)
    for user in (other_org.user, coordinator.user, UserFactory()):
        visitor = Client()
        visitor.force_login(user)
        for name in ("invitations:assisted_list", "invitations:assisted_new"):
            assert visitor.get(org_url(name, helper.organisation)).status_code == 404
        for name in ("invitations:assisted_detail", "invitations:assisted_cancel"):
            url = org_url(name, helper.organisation, invitation_id=invitation.pk)
            assert visitor.get(url).status_code == 404
        cancel = org_url("invitations:assisted_cancel", helper.organisation, invitation_id=invitation.pk)
        assert visitor.post(cancel).status_code == 404
    # Organisation B's own list never shows A's, and its address for A's row is not found.
    visitor = Client()
    visitor.force_login(other_org.user)
    assert "Robin Hale" not in page_text(visitor.get(org_url("invitations:assisted_list", other_org.organisation)))
    url = org_url("invitations:assisted_detail", other_org.organisation, invitation_id=invitation.pk)
    assert visitor.get(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None


def test_the_code_is_shown_only_to_the_helper_who_made_it(client, helper):
    invitation, code = start(client, helper)
    admin = OrganisationMemberFactory(organisation=helper.organisation)
    colleague = Client()
    colleague.force_login(admin.user)
    page = colleague.get(org_url("invitations:assisted_detail", helper.organisation, invitation_id=invitation.pk))
    assert code not in page.content.decode()
    assert "We showed the code only once" in page_text(page)


def test_a_signed_in_visitor_is_asked_to_sign_out_first(client, helper):
    _, code = start(client, helper)
    response = client.post(CLAIM, {"code": code})
    assert "sign out first" in page_text(response)
    invitation = Invitation.objects.get(assisted=True)
    assert invitation.accepted_at is None


def test_the_help_is_in_the_persons_download_and_goes_with_their_account(client, helper):
    invitation, code = start(client, helper)
    claim_and_sign_up(Client(), code)
    robin = User.objects.get(email="robin@mail.example")
    [accepted] = export_personal_data(robin, by=robin)["invitations_accepted"]
    assert accepted["started_with_help"] is True
    assert accepted["invited_by"] == str(helper.user)
    assert accepted["organisation"] == "Harbour Bakery"
    sent = export_personal_data(helper.user, by=helper.user)["invitations_you_sent"]
    assert sent[0]["you_helped_them_start_an_account"] is True
    erase_account(robin, by=robin)
    invitation.refresh_from_db()
    assert invitation.name == "" and invitation.email == "" and invitation.claim_code_hash is None


def test_the_database_keeps_an_assisted_sign_up_to_a_person_from_an_organisation(helper):
    with pytest.raises(IntegrityError):
        Invitation.objects.create(
            partnership=helper.organisation.partnership,
            email="",
            kind=InvitationKind.REVIEWER,
            token_hash="x" * 64,
            expires_at=timezone.now(),
        )


def test_only_people_in_the_organisation_start_one(helper):
    with pytest.raises(PermissionDenied):
        assisted.start_assisted_sign_up(helper.organisation, name="Robin", by=UserFactory())
    archived = OrganisationMemberFactory(member=True, organisation__archived_at=timezone.now())
    with pytest.raises(PermissionDenied):
        assisted.start_assisted_sign_up(archived.organisation, name="Robin", by=archived.user)


def test_a_typed_code_is_not_left_for_the_next_person_on_a_shared_computer(client, helper, monkeypatch):
    invitation, code = start(client, helper)
    shared_computer = Client()
    shared_computer.post(CLAIM, {"code": code})
    later = assisted.time.time() + assisted.HOLD_CLAIM_SECONDS + 1
    monkeypatch.setattr(assisted.time, "time", lambda: later)
    page = shared_computer.get(reverse("account_signup"))
    assert "Your code worked" not in page_text(page)
    shared_computer.post(
        reverse("account_signup"),
        {"name": "Someone", "email": "next@mail.example", "password1": "kettle orchard lantern"},
    )
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


# A new code, when the paper is lost or the code ran out ---------------------------------------------------------


def new_code(client, helper, invitation):
    """The helper asks for a new code and gets the page to print; returns the new printed code."""
    address = org_url("invitations:assisted_new_code", helper.organisation, invitation_id=invitation.pk)
    assert "The old code stops working" in page_text(client.get(address))
    response = client.post(address)
    assert response.status_code == 302
    match = PRINTED_CODE.search(page_text(client.get(response["Location"])))
    return match.group(1) if match else None


def test_a_lost_paper_gets_a_new_code_and_the_old_one_stops_working(client, helper):
    invitation, old = start(client, helper)
    detail = page_text(
        client.get(org_url("invitations:assisted_detail", helper.organisation, invitation_id=invitation.pk))
    )
    assert "Make a new code" in detail
    new = new_code(client, helper, invitation)
    assert new and new != old
    assert "This code does not work" in page_text(Client().post(CLAIM, {"code": old}))
    person = Client()
    claim_and_sign_up(person, new)
    invitation.refresh_from_db()
    assert invitation.accepted_by.email == "robin@mail.example"
    event = AuditEvent.objects.get(action="invitation.assisted_new_code")
    assert event.actor == helper.user and new not in str(event.__dict__)


def test_a_code_that_ran_out_gets_a_new_one_that_works_for_the_usual_time(client, helper, settings):
    invitation, _ = start(client, helper)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    detail = client.get(org_url("invitations:assisted_detail", helper.organisation, invitation_id=invitation.pk))
    assert "The code ran out" in page_text(detail)
    new = new_code(client, helper, invitation)
    invitation.refresh_from_db()
    assert invitation.is_usable
    assert invitation.expires_at > timezone.now() + timedelta(days=settings.INVITATION_DAYS - 1)
    claim_and_sign_up(Client(), new)


def test_a_new_code_emails_a_new_link_and_the_old_link_stops_working(client, helper):
    invitation, _ = start(client, helper, email="robin@mail.example")
    old_link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    new_code(client, helper, invitation)
    assert len(mail.outbox) == 2
    new_link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    assert new_link != old_link
    assert Client().get(urlsplit(old_link).path).status_code == 404
    assert Client().get(urlsplit(new_link).path).status_code == 200


def test_someone_who_typed_the_old_code_cannot_finish_with_it_after_a_new_one(client, helper):
    invitation, old = start(client, helper)
    shared_computer = Client()
    assert shared_computer.post(CLAIM, {"code": old}).status_code == 302
    new_code(client, helper, invitation)
    shared_computer.post(
        reverse("account_signup"),
        {"name": "Someone", "email": "old@mail.example", "password1": "kettle orchard lantern"},
    )
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_no_new_code_once_claimed_or_cancelled_and_only_the_helper_or_an_admin_may(client, helper):
    invitation, code = start(client, helper)
    address = org_url("invitations:assisted_new_code", helper.organisation, invitation_id=invitation.pk)
    colleague = Client()
    colleague.force_login(OrganisationMemberFactory(member=True, organisation=helper.organisation).user)
    assert colleague.post(address).status_code == 403
    outsider = Client()
    outsider.force_login(OrganisationMemberFactory().user)
    assert outsider.post(address).status_code == 404
    admin = Client()
    admin.force_login(OrganisationMemberFactory(organisation=helper.organisation).user)
    assert admin.post(address).status_code == 302

    cancelled, _ = start(client, helper, name="Sam Lee", form_token="u" * 20)
    client.post(org_url("invitations:assisted_cancel", helper.organisation, invitation_id=cancelled.pk))
    refused = client.post(org_url("invitations:assisted_new_code", helper.organisation, invitation_id=cancelled.pk))
    assert refused.status_code == 200
    assert "This code was cancelled" in page_text(refused)
    assert h1_count(refused) == 1
    cancelled.refresh_from_db()
    assert not cancelled.is_usable


def test_no_new_code_for_an_account_already_made(client, helper):
    invitation, code = start(client, helper)
    claim_and_sign_up(Client(), code)
    hash_before = Invitation.objects.get(pk=invitation.pk).claim_code_hash
    page = client.post(org_url("invitations:assisted_new_code", helper.organisation, invitation_id=invitation.pk))
    assert "already made their account" in page_text(page)
    assert Invitation.objects.get(pk=invitation.pk).claim_code_hash == hash_before
