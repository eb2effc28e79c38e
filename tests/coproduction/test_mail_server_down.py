"""Recording a response while the mail server is down: the response is saved, and the contributor hears later."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from included.coproduction import services
from included.coproduction.enums import Decision
from included.coproduction.tasks import tell_contributor_about_response

from .factories import ContributionFactory

pytestmark = pytest.mark.django_db


def test_a_response_recorded_while_the_mail_server_is_down_is_emailed_when_it_is_back(
    activity, member, mail_server_down
):

    contribution = ContributionFactory(activity=activity, hears_back=True)

    response = services.record_response(
        contribution, decision=Decision.ADOPTED, what_changed="The job fair is at the library.", by=member.user
    )

    from included.core import mail as outbox
    from included.core.models import OutgoingEmail

    assert contribution.responses.get() == response
    assert mail.outbox == []
    assert OutgoingEmail.objects.get(recipient=contribution.contact_email).last_error

    mail_server_down.back_up()
    tell_contributor_about_response.call(response.pk)
    outbox.send_due_emails(now=timezone.now() + datetime.timedelta(minutes=5))
    [sent] = mail.outbox
    assert sent.to == [contribution.contact_email]
    assert "The job fair is at the library." in sent.body
