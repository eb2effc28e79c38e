"""An invitation is an email from Included's own address, so each person may only send so many an hour, and what
the inviter writes in it reaches the invited person as their plain words, with no links of their own."""

from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from included.invitations.enums import InvitationKind
from included.invitations.models import Invitation
from included.invitations.services import InvitationError, invite, resend_invitation
from included.organisations.models import Organisation
from tests.accounts.helpers import extract_link, page_text
from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory
from tests.invitations.factories import InvitationFactory

pytestmark = pytest.mark.django_db

LIMIT_REACHED = "You can send 3 invitations an hour, and you have sent them all."


@pytest.fixture(autouse=True)
def _three_an_hour(settings):
    settings.INVITATIONS_PER_HOUR = 3


@pytest.fixture
def coordinator(client):
    role = PartnershipMemberFactory(user__name="Dev Patel")
    client.force_login(role.user)
    return role


def invite_reviewer(client, partnership, email):
    return client.post(
        reverse("www:invitations", kwargs={"partnership_slug": partnership.slug}),
        {"action": "reviewer", "reviewer-name": "Jo Bloggs", "reviewer-email": email},
    )


def test_a_coordinator_may_send_so_many_invitations_an_hour_then_is_told_when_to_try_again(
    client, coordinator, django_capture_on_commit_callbacks
):
    partnership = coordinator.partnership
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            assert invite_reviewer(client, partnership, f"reviewer{number}@example.org").status_code == 302
        response = invite_reviewer(client, partnership, "one.too.many@example.org")

    assert response.status_code == 200
    assert LIMIT_REACHED in page_text(response)
    assert "then try again" in page_text(response)
    assert 'value="one.too.many@example.org"' in response.content.decode()
    assert not Invitation.objects.filter(email="one.too.many@example.org").exists()
    assert len(mail.outbox) == 3

    colleague = PartnershipMemberFactory(partnership=partnership)
    client.force_login(colleague.user)
    assert invite_reviewer(client, partnership, "one.too.many@example.org").status_code == 302


def test_sending_an_invitation_again_counts_too(coordinator):
    invitation = InvitationFactory(partnership=coordinator.partnership)
    for _ in range(3):
        resend_invitation(invitation, by=coordinator.user)

    with pytest.raises(InvitationError, match=LIMIT_REACHED):
        resend_invitation(invitation, by=coordinator.user)


def test_an_organisation_is_not_added_when_its_invitation_cannot_be_sent(client, coordinator):
    for number in range(3):
        invite(
            partnership=coordinator.partnership,
            email=f"reviewer{number}@example.org",
            kind=InvitationKind.REVIEWER,
            by=coordinator.user,
        )

    response = client.post(
        reverse("www:invitations", kwargs={"partnership_slug": coordinator.partnership.slug}),
        {
            "action": "organisation",
            "organisation-organisation_name": "Oak Tree Café",
            "organisation-sector": "vcse",
            "organisation-size": "micro",
            "organisation-admin_name": "Amara",
            "organisation-admin_email": "amara@example.org",
        },
    )
    assert LIMIT_REACHED in page_text(response)
    assert not Organisation.objects.exists()


def test_an_organisation_admin_is_limited_too(client):
    admin = OrganisationMemberFactory()
    organisation = admin.organisation
    client.force_login(admin.user)
    url = reverse(
        "organisations:members",
        kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
    )
    for number in range(4):
        response = client.post(url, {"name": "Sam", "email": f"colleague{number}@example.org", "role": "member"})

    assert LIMIT_REACHED in page_text(response)
    assert Invitation.objects.filter(organisation=organisation).count() == 3


def sent_with_message(coordinator, message, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(
            partnership=coordinator.partnership,
            email="sam@example.org",
            name="Sam",
            kind=InvitationKind.REVIEWER,
            by=coordinator.user,
            message=message,
            base_url="https://included.example/",
        )
    return invitation, mail.outbox[-1]


def test_the_inviters_message_arrives_as_their_own_plain_words_with_no_links(
    coordinator, django_capture_on_commit_callbacks
):
    message = (
        "Hi <b>Sam</b>, welcome!\r\n\r\n\r\n"
        "Accept at https://included-login.example/accept or www.included-login.example,\n"
        "included-login.example/accept, //included-login.example or 203.0.113.9/login.\n"
        "Questions to dev@included-login.example\u202e"
    )
    invitation, email = sent_with_message(coordinator, message, django_capture_on_commit_callbacks)

    assert "included-login" not in email.body
    assert "203.0.113.9" not in email.body
    assert "\u202e" not in email.body
    assert (
        "Dev Patel added a message. These are their own words, not Included's:\n\n"
        "> Hi <b>Sam</b>, welcome!\n"
        ">\n"
        "> Accept at [link removed] or [link removed],\n"
        "> [link removed] [link removed] or [link removed]\n"
        "> Questions to [link removed]\n"
    ) in email.body
    # The only link in the email is Included's own; the email is plain text, with no HTML version.
    link = extract_link(email.body)
    assert link.startswith("https://included.example/")
    assert email.body.count("://") == 1
    assert not getattr(email, "alternatives", [])

    response = Client().get(urlparse(link).path)
    assert "Their message, in their own words: Hi <b>Sam</b>, welcome!" in page_text(response)
    assert "<b>Sam</b>" not in response.content.decode()
    assert "included-login" not in response.content.decode()
    assert invitation.message.startswith("Hi <b>Sam</b>, welcome!\n\nAccept at [link removed]")


def test_a_message_over_the_limit_is_refused_and_nothing_is_sent(coordinator):
    with pytest.raises(InvitationError, match="Your message must be 500 characters or fewer. It has 501."):
        invite(
            partnership=coordinator.partnership,
            email="sam@example.org",
            kind=InvitationKind.REVIEWER,
            by=coordinator.user,
            message="x" * 501,
        )
    assert not Invitation.objects.exists()
    assert mail.outbox == []
