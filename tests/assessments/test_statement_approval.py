"""Where a partnership asks for it, a coordinator approves each new or changed statement before the register
shows it. Until then the register keeps the one approved last."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from included.assessments import services
from included.assessments.models import SignUp
from included.core.models import AuditEvent
from included.notifications.enums import Frequency, Kind
from included.notifications.sending import choices_of, send_digests
from tests.accounts.helpers import h1_count, page_text
from tests.factories import (
    FrameworkVersionFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)
from tests.notifications.helpers import choose, emails_to, stop_with_the_link_in

from .factories import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return PartnershipFactory(statements_need_approval=True)


@pytest.fixture
def coordinator(partnership):
    return PartnershipMemberFactory(partnership=partnership).user


def sign_up_to(partnership, statement="We open our doors to everyone.", name="Bright Futures Bakery"):
    organisation = OrganisationFactory(partnership=partnership, name=name)
    admin = OrganisationMemberFactory(organisation=organisation).user
    return services.sign_up(
        organisation, FrameworkVersionFactory(items=1), lead_name="Priya", lead_role="", statement=statement, by=admin
    )


def register(client, partnership):
    return page_text(client.get(reverse("assessments:register", kwargs={"partnership_slug": partnership.slug})))


def waiting_url(partnership):
    return reverse("assessments:statements_waiting", kwargs={"partnership_slug": partnership.slug})


def test_without_approval_a_statement_is_on_the_register_at_once(client):
    partnership = PartnershipFactory()
    record = sign_up_to(partnership)
    assert record.approved_statement == record.statement
    assert "We open our doors to everyone." in register(client, partnership)
    assert not SignUp.objects.waiting_for_approval().exists()


def test_a_new_statement_waits_off_the_register_until_approved(
    client, partnership, coordinator, django_capture_on_commit_callbacks
):
    record = sign_up_to(partnership)
    assert "Bright Futures Bakery" not in register(client, partnership)
    assert list(SignUp.objects.waiting_for_approval()) == [record]

    client.force_login(coordinator)
    response = client.get(waiting_url(partnership))
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert "We open our doors to everyone." in page_text(response)
    assert "Nothing yet. It is new." in page_text(response)
    # Committed, as in real use: that clears the cached register.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "assessments:approve_statement",
                kwargs={"partnership_slug": partnership.slug, "sign_up_id": record.pk},
            ),
            {"version": record.version},
            follow=True,
        )
    assert "is on the register now" in page_text(response)
    assert "No statement is waiting" in page_text(response)
    client.logout()
    assert "We open our doors to everyone." in register(client, partnership)
    assert AuditEvent.objects.filter(action="sign_up.statement_approved", actor=coordinator).exists()


def test_a_changed_statement_keeps_the_approved_one_on_the_register(client, partnership, coordinator):
    record = sign_up_to(partnership)
    services.approve_statement(record, by=coordinator, expected_version=record.version)
    services.update_statement(
        record, lead_name="Priya", lead_role="", statement="Something new.", by=admin_of(record.organisation)
    )
    text = register(client, partnership)
    assert "We open our doors to everyone." in text
    assert "Something new." not in text
    assert record.is_waiting_for_approval

    organisation = record.organisation
    client.force_login(admin_of(organisation))
    statement_page = page_text(
        client.get(
            reverse(
                "assessments:edit_statement",
                kwargs={
                    "partnership_slug": partnership.slug,
                    "organisation_slug": organisation.slug,
                    "sign_up_id": record.pk,
                },
            )
        )
    )
    assert "On the register now" in statement_page
    assert "We open our doors to everyone." in statement_page
    assert "A coordinator reads your statement before it goes on the public register" in statement_page


def test_the_admins_are_told_their_statement_waits(client, partnership):
    record = sign_up_to(partnership)
    organisation = record.organisation
    client.force_login(admin_of(organisation))
    home = reverse(
        "www:organisation_home",
        kwargs={"partnership_slug": partnership.slug, "organisation_slug": organisation.slug},
    )
    assert "waiting for a coordinator" in page_text(client.get(home))


def test_approving_a_statement_that_changed_since_it_was_read_is_refused(partnership, coordinator):
    record = sign_up_to(partnership)
    read_version = record.version
    services.update_statement(
        record, lead_name="Priya", lead_role="", statement="Changed meanwhile.", by=admin_of(record.organisation)
    )
    with pytest.raises(services.StatementChanged):
        services.approve_statement(record, by=coordinator, expected_version=read_version)
    assert SignUp.objects.get(pk=record.pk).approved_at is None


def test_a_coordinator_sends_a_statement_back_with_a_reason(
    client, partnership, coordinator, django_capture_on_commit_callbacks
):
    record = sign_up_to(partnership)
    client.force_login(coordinator)
    url = reverse(
        "assessments:return_statement", kwargs={"partnership_slug": partnership.slug, "sign_up_id": record.pk}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert h1_count(response) == 1
    response = client.post(url, {"version": record.version, "reason": "  "})
    assert "Say why you are sending the statement back" in response.context["form"].errors["reason"][0]
    response = client.post(url, {"version": record.version, "reason": "x" * 2001})
    assert "2,000 characters or fewer" in response.context["form"].errors["reason"][0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"version": record.version, "reason": "Please name who you work with."}, follow=True
        )
    assert "is sent back to" in page_text(response)
    (email,) = mail.outbox
    assert email.to == [admin_of(record.organisation).email]
    assert email.subject == f"Your statement for {record.framework_version.framework.name} was sent back"
    assert "Their reason: Please name who you work with." in email.body
    assert f"{settings.SITE_URL}/p/{partnership.slug}/" in email.body
    assert "/statement/" in email.body
    assert "/emails/stop/statement_returned/" in email.extra_headers["List-Unsubscribe"]
    record.refresh_from_db()
    assert record.returned_reason == "Please name who you work with."
    assert not record.is_waiting_for_approval

    organisation = record.organisation
    admin = admin_of(organisation)
    client.force_login(admin)
    statement_url = reverse(
        "assessments:edit_statement",
        kwargs={"partnership_slug": partnership.slug, "organisation_slug": organisation.slug, "sign_up_id": record.pk},
    )
    assert "Please name who you work with." in page_text(client.get(statement_url))
    services.update_statement(record, lead_name="Priya", lead_role="", statement="We work with the college.", by=admin)
    record.refresh_from_db()
    assert record.returned_at is None
    assert record.is_waiting_for_approval


def test_sending_back_needs_a_reason(partnership, coordinator):
    record = sign_up_to(partnership)
    with pytest.raises(ValidationError):
        services.return_statement(record, by=coordinator, expected_version=record.version, reason=" \n")


@pytest.mark.parametrize("who", ["coordinator elsewhere", "the organisation's admin", "reviewer", "member elsewhere"])
def test_only_the_partnerships_coordinators_approve_or_send_back(partnership, who):
    record = sign_up_to(partnership)
    people = {
        "coordinator elsewhere": lambda: PartnershipMemberFactory().user,
        "the organisation's admin": lambda: admin_of(record.organisation),
        "reviewer": lambda: PartnershipMemberFactory(partnership=partnership, reviewer=True).user,
        "member elsewhere": lambda: OrganisationMemberFactory(organisation__partnership=partnership, member=True).user,
    }
    person = people[who]()
    with pytest.raises(PermissionDenied):
        services.approve_statement(record, by=person, expected_version=record.version)
    with pytest.raises(PermissionDenied):
        services.return_statement(record, by=person, expected_version=record.version, reason="No.")
    record.refresh_from_db()
    assert record.approved_at is None and record.returned_at is None


def test_a_coordinator_from_another_partnership_gets_not_found(client, partnership):
    record = sign_up_to(partnership)
    other = PartnershipMemberFactory()
    client.force_login(other.user)
    url = reverse(
        "assessments:approve_statement", kwargs={"partnership_slug": other.partnership.slug, "sign_up_id": record.pk}
    )
    assert client.post(url, {"version": record.version}).status_code == 404
    assert SignUp.objects.get(pk=record.pk).approved_at is None


def test_a_broken_version_is_refused_without_a_change(client, partnership, coordinator):
    record = sign_up_to(partnership)
    client.force_login(coordinator)
    url = reverse(
        "assessments:approve_statement", kwargs={"partnership_slug": partnership.slug, "sign_up_id": record.pk}
    )
    response = client.post(url, {"version": "not a number\x00"}, follow=True)
    assert "out of date" in page_text(response)
    assert SignUp.objects.get(pk=record.pk).approved_at is None


def test_switching_approval_on_keeps_what_is_already_on_the_register(client):
    partnership = PartnershipFactory()
    sign_up_to(partnership)
    partnership.statements_need_approval = True
    partnership.save(update_fields=["statements_need_approval"])
    assert "We open our doors to everyone." in register(client, partnership)
    assert not SignUp.objects.waiting_for_approval().exists()


def test_switching_approval_off_shows_the_latest_statements(client, partnership, coordinator):
    record = sign_up_to(partnership)
    services.approve_statement(record, by=coordinator, expected_version=record.version)
    services.update_statement(
        record, lead_name="P", lead_role="", statement="Newer words.", by=admin_of(record.organisation)
    )
    partnership.statements_need_approval = False
    partnership.save(update_fields=["statements_need_approval"])
    assert "Newer words." in register(client, partnership)


def _send_back(record, coordinator, reason="Please name who you work with."):
    record.refresh_from_db()
    return services.return_statement(record, by=coordinator, expected_version=record.version, reason=reason)


def test_a_statement_sent_back_twice_tells_the_admins_twice(
    partnership, coordinator, django_capture_on_commit_callbacks
):
    record = sign_up_to(partnership)
    admin = admin_of(record.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        _send_back(record, coordinator)
    services.update_statement(record, lead_name="Priya", lead_role="", statement="We work with the college.", by=admin)
    with django_capture_on_commit_callbacks(execute=True):
        _send_back(record, coordinator, reason="Say which college, please.")

    first, second = emails_to(admin)
    assert "Their reason: Please name who you work with." in first.body
    assert "Their reason: Say which college, please." in second.body


def test_an_admin_who_chose_never_is_not_emailed_when_a_statement_is_sent_back(
    partnership, coordinator, django_capture_on_commit_callbacks
):
    record = sign_up_to(partnership)
    admin = admin_of(record.organisation)
    choose(admin, Kind.STATEMENT_RETURNED, Frequency.NEVER)

    with django_capture_on_commit_callbacks(execute=True):
        _send_back(record, coordinator)

    assert emails_to(admin) == []
    record.refresh_from_db()
    assert record.returned_reason == "Please name who you work with."


def test_once_a_week_keeps_a_statement_sent_back_for_the_weekly_email_unless_it_was_changed(
    partnership, coordinator, django_capture_on_commit_callbacks
):
    waiting = sign_up_to(partnership)
    changed = sign_up_to(partnership, name="Kestrel Bakery")
    for record in (waiting, changed):
        choose(admin_of(record.organisation), Kind.STATEMENT_RETURNED, Frequency.WEEKLY)
        with django_capture_on_commit_callbacks(execute=True):
            _send_back(record, coordinator)
    admin = admin_of(changed.organisation)
    services.update_statement(changed, lead_name="P", lead_role="", statement="We changed it.", by=admin)
    assert not mail.outbox

    assert send_digests() == {"sent": 1, "left out": 1}

    [weekly] = emails_to(admin_of(waiting.organisation))
    assert "Their reason: Please name who you work with." in weekly.body


def test_the_stop_link_stops_emails_about_statements_sent_back(
    partnership, coordinator, django_capture_on_commit_callbacks
):
    record = sign_up_to(partnership)
    admin = admin_of(record.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        _send_back(record, coordinator)
    [email] = emails_to(admin)

    assert stop_with_the_link_in(email).status_code == 200

    assert choices_of(admin)[Kind.STATEMENT_RETURNED] == Frequency.NEVER
