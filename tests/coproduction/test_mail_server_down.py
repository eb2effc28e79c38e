"""Recording a response while the mail server is down: the response is saved, and the contributor hears later."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from included.coproduction import services
from included.coproduction.enums import Decision
from included.coproduction.models import Contribution
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


@pytest.mark.parametrize("change_of_mind", ["stops emails", "asks for their words to be removed"])
def test_an_email_waiting_for_the_mail_server_is_not_sent_once_the_person_changes_their_mind(
    activity, member, mail_server_down, change_of_mind
):
    from included.core import mail as outbox
    from included.core.enums import EmailStatus
    from included.core.models import OutgoingEmail

    contribution = ContributionFactory(activity=activity, hears_back=True)
    services.record_response(contribution, decision=Decision.ADOPTED, what_changed="Done.", by=member.user)
    if change_of_mind == "stops emails":
        Contribution.objects.filter(pk=contribution.pk).update(wants_updates=False)
    else:
        contribution.delete()

    mail_server_down.back_up()
    outbox.send_due_emails(now=timezone.now() + datetime.timedelta(minutes=5))

    assert mail.outbox == []
    assert OutgoingEmail.objects.get().status == EmailStatus.CANCELLED
