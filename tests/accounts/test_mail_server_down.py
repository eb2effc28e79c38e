"""Asking for a new password while the mail server is down looks the same as ever; the email goes when it is back."""

import datetime
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.accounts.helpers import extract_link, page_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_asking_for_a_password_reset_while_the_mail_server_is_down(client, mail_server_down):

    UserFactory(email="kim@example.org")

    response = client.post(reverse("account_reset_password"), {"email": "kim@example.org"}, follow=True)

    from included.core import mail as outbox
    from included.core.models import OutgoingEmail

    assert response.status_code == 200
    assert "Check your email" in page_text(response)
    assert mail.outbox == []
    assert OutgoingEmail.objects.get(recipient="kim@example.org").subject == "Reset your password for Included"

    mail_server_down.back_up()
    outbox.send_due_emails(now=timezone.now() + datetime.timedelta(minutes=5))
    [sent] = mail.outbox
    assert sent.subject == "Reset your password for Included"
    response = client.get(urlparse(extract_link(sent.body)).path, follow=True)
    assert "Choose a new password" in page_text(response)


def test_the_email_for_an_unknown_address_also_waits_for_the_mail_server(client, mail_server_down):

    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"}, follow=True)

    from included.core.models import OutgoingEmail

    assert "Check your email" in page_text(response)
    assert OutgoingEmail.objects.filter(recipient="nobody@example.org").exists()
