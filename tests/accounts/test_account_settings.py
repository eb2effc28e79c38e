import json

import pytest
from django.urls import reverse

from included.core import audit, personal_data
from included.core.models import AuditEvent
from included.invitations.enums import InvitationKind
from included.invitations.models import Invitation
from tests.accounts.helpers import h1_count, page_text
from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for name in ["accounts:settings", "accounts:edit_name", "accounts:delete", "accounts:two_step_needed"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    response = client.post(reverse("accounts:download_data"))
    assert response.status_code == 302


def test_settings_page_shows_who_you_are_how_you_sign_in_and_where_you_take_part(client):
    membership = OrganisationMemberFactory(member=True, user__name="Kim Lee", organisation__name="Oak Tree Café")
    PartnershipMemberFactory(reviewer=True, user=membership.user, partnership=membership.organisation.partnership)
    client.force_login(membership.user)
    response = client.get(reverse("accounts:settings"))
    text = page_text(response)
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert "Kim Lee" in text
    assert membership.user.email in text
    assert "Change your password" in text
    assert "Two-step verification" in text
    assert "Oak Tree Café" in text and "member" in text
    assert f"{membership.organisation.partnership.name}: lived-experience reviewer" in text
    assert "Download your data" in text
    assert "Delete your account" in text


def test_person_changes_their_name(client):
    person = UserFactory(name="Kim")
    client.force_login(person)
    response = client.post(reverse("accounts:edit_name"), {"name": "  Kim Lee  "}, follow=True)
    assert "Your name is saved." in page_text(response)
    person.refresh_from_db()
    assert person.name == "Kim Lee"
    assert AuditEvent.objects.filter(action="account.name_changed", actor=person).exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Enter your name"), ("   ", "Enter your name"), ("x" * 10_000, "150 characters or fewer")],
)
def test_a_name_that_cannot_be_used_gets_a_clear_error(client, name, message):
    person = UserFactory(name="Kim")
    client.force_login(person)
    response = client.post(reverse("accounts:edit_name"), {"name": name})
    assert response.status_code == 200
    assert message in page_text(response)
    assert "<title>Error: " in response.content.decode()
    person.refresh_from_db()
    assert person.name == "Kim"


def test_download_your_data_gives_a_json_file_of_everything_about_you(client):
    membership = OrganisationMemberFactory(user__name="Kim Lee", user__with_two_step=True)
    person = membership.user
    role = PartnershipMemberFactory(user=person, partnership=membership.organisation.partnership)
    Invitation.objects.create(
        partnership=role.partnership,
        email=person.email,
        kind=InvitationKind.COORDINATOR,
        token_hash="a" * 64,
        expires_at=Invitation.default_expiry(),
        accepted_by=person,
        accepted_at=role.created_at,
    )
    audit.record("something.done", actor=person, summary="Did a thing")
    client.force_login(person)

    response = client.post(reverse("accounts:download_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="included-your-data-')
    data = json.loads(response.content)
    assert data["account"]["name"] == "Kim Lee"
    assert data["account"]["email"] == person.email
    assert data["account"]["two_step_verification"] is True
    assert data["organisations"] == [
        {
            "organisation": membership.organisation.name,
            "partnership": membership.organisation.partnership.name,
            "role": "Admin",
            "since": data["organisations"][0]["since"],
        }
    ]
    assert data["partnership_roles"][0]["role"] == "Partnership coordinator"
    assert data["invitations_accepted"][0]["invited_as"] == "Partnership coordinator"
    assert "Did a thing" in [row["summary"] for row in data["things_you_did"]]
    assert AuditEvent.objects.filter(action="account.data_exported", actor=person).exists()


def test_download_needs_the_button_not_a_link(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:download_data")).status_code == 405


def test_other_apps_add_their_own_part_of_the_download(client, monkeypatch):
    monkeypatch.setattr(personal_data, "EXPORTERS", list(personal_data.EXPORTERS))
    personal_data.register_exporter(lambda user: {"stories": [f"A story by {user.name}"]})
    person = UserFactory(name="Kim Lee")
    client.force_login(person)
    data = json.loads(client.post(reverse("accounts:download_data")).content)
    assert data["stories"] == ["A story by Kim Lee"]


def test_two_exporters_may_not_write_the_same_section(monkeypatch):
    monkeypatch.setattr(personal_data, "EXPORTERS", list(personal_data.EXPORTERS))
    personal_data.register_exporter(lambda user: {"account": {}})
    with pytest.raises(ValueError, match="account"):
        personal_data.collect(UserFactory())
