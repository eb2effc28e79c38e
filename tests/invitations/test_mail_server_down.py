"""A mail server that is down never shows a coordinator an error: the invitation is made, and its email goes later."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from included.invitations.models import Invitation
from tests.accounts.helpers import extract_link, page_text
from tests.factories import PartnershipMemberFactory
from tests.invitations.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def minutes_from_now(minutes):
    return timezone.now() + datetime.timedelta(minutes=minutes)


@pytest.fixture
def coordinator(client):
    role = PartnershipMemberFactory()
    client.force_login(role.user)
    return role


def test_a_coordinator_invites_someone_while_the_mail_server_is_down(
    client, coordinator, mail_server_down, django_capture_on_commit_callbacks
):

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("www:invitations", kwargs={"partnership_slug": coordinator.partnership.slug}),
            {"action": "reviewer", "reviewer-name": "Jo Bloggs", "reviewer-email": "jo@example.org"},
            follow=True,
        )

    from included.core import mail as outbox
    from included.core.models import OutgoingEmail

    assert response.status_code == 200
    assert "We have emailed jo@example.org a link to join" in page_text(response)
    invitation = Invitation.objects.get(email="jo@example.org")
    assert mail.outbox == []
    waiting = OutgoingEmail.objects.get(recipient="jo@example.org")
    assert waiting.attempts == 1
    assert "Service not available" in waiting.last_error

    mail_server_down.back_up()
    outbox.send_due_emails(now=timezone.now())
    assert mail.outbox == [], "the next try waits for its back-off"

    outbox.send_due_emails(now=minutes_from_now(5))
    [sent] = mail.outbox
    assert sent.to == ["jo@example.org"]
    token = extract_link(sent.body).rstrip("/").rsplit("/", 1)[-1]
    assert Invitation.objects.for_token(token).get() == invitation

    outbox.send_due_emails(now=minutes_from_now(600))
    assert len(mail.outbox) == 1


def test_sending_an_invitation_again_while_the_mail_server_is_down(
    client, coordinator, mail_server_down, django_capture_on_commit_callbacks
):

    invitation = InvitationFactory(partnership=coordinator.partnership, email="sam@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "invitations:resend",
                kwargs={"partnership_slug": coordinator.partnership.slug, "invitation_id": invitation.pk},
            ),
            follow=True,
        )

    from included.core import mail as outbox

    assert response.status_code == 200
    assert "sam@example.org" in page_text(response)
    mail_server_down.back_up()
    outbox.send_due_emails(now=minutes_from_now(5))
    [sent] = mail.outbox
    assert sent.to == ["sam@example.org"]
