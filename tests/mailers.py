"""Email backends for tests: a mail server that is down, so tests can show nobody sees an error when it is."""

import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend

LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
DOWN = {"default": {"BACKEND": "tests.mailers.MailServerDown"}}


class MailServerDown(BaseEmailBackend):
    """Every send fails the way an SMTP server that is down or refusing connections fails."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available, closing transmission channel")


class MailServer:
    def __init__(self, settings):
        self._settings = settings

    def go_down(self):
        self._settings.MAILERS = DOWN

    def back_up(self):
        self._settings.MAILERS = LOCMEM


@pytest.fixture
def mail_server_down(settings):
    """The mail server is down until the test calls `mail_server_down.back_up()`."""
    server = MailServer(settings)
    server.go_down()
    return server


class AddressRefused(BaseEmailBackend):
    """The mail server says the address does not exist: trying again will not help."""

    def send_messages(self, email_messages):
        recipients = {address: (550, b"No such user") for message in email_messages for address in message.to}
        raise smtplib.SMTPRecipientsRefused(recipients)
