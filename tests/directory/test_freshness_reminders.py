"""Owners are reminded, once for each check, when a published service's details pass six months; and their to-do
list says so."""

import pytest

from included.access.rules import access_in
from included.directory import services
from included.directory.models import CheckReminder
from included.directory.todo import to_do
from included.notifications.enums import Kind
from included.notifications.models import Notification
from included.notifications.sending import send_reminders
from tests.directory.factories import admin_of, make_service
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_admins_are_reminded_once_when_a_service_is_due_a_check(mailoutbox):
    organisation = OrganisationFactory()
    due = make_service(organisation, name="Old club", checked_days_ago=200)
    make_service(organisation, name="Fresh club", checked_days_ago=10)
    make_service(organisation, name="Old draft", published=False, checked_days_ago=400)
    send_reminders()
    send_reminders()
    reminders = Notification.objects.filter(kind=Kind.SERVICE_CHECK_DUE)
    assert reminders.count() == 1
    assert CheckReminder.objects.get().service == due
    assert any("Old club" in message.subject for message in mailoutbox)


def test_a_service_checked_again_is_reminded_again_next_time():
    organisation = OrganisationFactory()
    service = make_service(organisation, checked_days_ago=200)
    send_reminders()
    services.confirm_service(service, by=admin_of(organisation))
    assert not CheckReminder.objects.due_in(organisation.partnership).exists()
    service.__class__.objects.filter(pk=service.pk).update(last_checked_on=service.last_checked_on.replace(year=2020))
    send_reminders()
    assert Notification.objects.filter(kind=Kind.SERVICE_CHECK_DUE).count() == 2


def test_the_organisations_to_do_list_asks_for_the_check():
    organisation = OrganisationFactory()
    make_service(organisation, checked_days_ago=200)
    make_service(organisation, checked_days_ago=300)
    make_service(organisation, checked_days_ago=5)
    admin = admin_of(organisation)
    [item] = to_do(admin, access_in(admin, organisation.partnership))
    assert item.label == "Check 2 services are still right"
    assert item.count == 2
