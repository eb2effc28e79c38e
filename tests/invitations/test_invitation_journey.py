from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse

from included.access.enums import MemberRole
from included.access.models import OrganisationMember
from included.accounts.models import User
from included.core.models import AuditEvent
from included.organisations.enums import Sector, Size
from included.organisations.models import Organisation
from tests.accounts.helpers import extract_link, h1_count, page_text
from tests.factories import PartnershipMemberFactory

pytestmark = pytest.mark.django_db


def test_coordinator_invites_an_organisation_and_its_admin_joins_from_the_email(
    client, django_capture_on_commit_callbacks
):
    coordinator = PartnershipMemberFactory()
    partnership = coordinator.partnership
    client.force_login(coordinator.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("www:invitations", kwargs={"partnership_slug": partnership.slug}),
            {
                "action": "organisation",
                "organisation-organisation_name": "Riverside Community Kitchen",
                "organisation-sector": Sector.VCSE,
                "organisation-size": Size.MICRO,
                "organisation-admin_name": "Amara Okafor",
                "organisation-admin_email": "Amara@Example.org",
            },
            follow=True,
        )
    assert response.status_code == 200
    assert "Riverside Community Kitchen is added" in page_text(response)
    organisation = Organisation.objects.get(partnership=partnership, name="Riverside Community Kitchen")
    assert organisation.slug == "riverside-community-kitchen"

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["amara@example.org"]
    assert "Riverside Community Kitchen" in email.subject
    assert coordinator.user.name in email.body
    assert "admin" in email.body
    assert "stops working" in email.body
    link = extract_link(email.body)

    client.logout()
    visitor = client
    response = visitor.get(urlparse(link).path)
    assert response.status_code == 200
    assert h1_count(response) == 1
    text = page_text(response)
    assert "You are invited to join Riverside Community Kitchen" in text
    assert "Create an account" in text

    response = visitor.get(reverse("account_signup"))
    assert response.status_code == 200
    assert 'value="amara@example.org"' in response.content.decode()
    assert "disabled" in response.content.decode()

    response = visitor.post(
        reverse("account_signup"),
        {"name": "Amara Okafor", "email": "someone.else@example.org", "password1": "kettle orchard lantern"},
    )
    assert response.status_code == 302
    assert response.url == urlparse(link).path
    amara = User.objects.get(email="amara@example.org")
    assert not User.objects.filter(email="someone.else@example.org").exists()
    assert amara.name == "Amara Okafor"

    response = visitor.get(response.url)
    assert "Accept the invitation" in page_text(response)
    response = visitor.post(urlparse(link).path)
    assert response.status_code == 302
    assert response.url == reverse(
        "www:organisation_home", kwargs={"partnership_slug": partnership.slug, "organisation_slug": organisation.slug}
    )
    membership = OrganisationMember.objects.get(organisation=organisation, user=amara)
    assert membership.role == MemberRole.ADMIN
    assert AuditEvent.objects.filter(action="invitation.accepted", actor=amara).exists()

    response = visitor.get(urlparse(link).path)
    assert response.status_code == 410
    assert "This invitation has been used" in page_text(response)


def test_invited_person_with_an_account_signs_in_and_comes_back_to_accept(client, django_capture_on_commit_callbacks):
    from included.invitations.enums import InvitationKind
    from included.invitations.services import invite
    from tests.factories import OrganisationFactory, UserFactory

    coordinator = PartnershipMemberFactory()
    organisation = OrganisationFactory(partnership=coordinator.partnership)
    person = UserFactory(email="sam@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        invite(
            partnership=coordinator.partnership,
            organisation=organisation,
            email="sam@example.org",
            kind=InvitationKind.ORGANISATION_MEMBER,
            by=coordinator.user,
            base_url="http://testserver",
        )
    path = urlparse(extract_link(mail.outbox[0].body)).path

    response = client.get(path)
    assert "Sign in to accept" in page_text(response)
    response = client.post(
        reverse("account_login"), {"login": person.email, "password": "a long and private passphrase"}
    )
    assert response.status_code == 302
    assert response.url == path
    response = client.post(path)
    assert response.status_code == 302
    assert response.url == reverse("www:home")
    assert OrganisationMember.objects.get(organisation=organisation, user=person).role == MemberRole.MEMBER


def test_invited_reviewer_is_asked_to_set_up_two_step_verification_after_accepting(
    client, django_capture_on_commit_callbacks
):
    from included.access.enums import PartnershipRole
    from included.access.models import PartnershipMember
    from included.invitations.enums import InvitationKind
    from included.invitations.services import invite

    coordinator = PartnershipMemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invite(
            partnership=coordinator.partnership,
            email="jo@example.org",
            name="Jo",
            kind=InvitationKind.REVIEWER,
            by=coordinator.user,
            base_url="http://testserver",
        )
    path = urlparse(extract_link(mail.outbox[0].body)).path
    client.get(path)
    response = client.post(reverse("account_signup"), {"name": "Jo Bloggs", "password1": "kettle orchard lantern"})
    assert response.url == path
    response = client.post(path)
    assert response.url == reverse("www:home")
    jo = User.objects.get(email="jo@example.org")
    assert PartnershipMember.objects.filter(user=jo, role=PartnershipRole.REVIEWER).exists()
    response = client.get(reverse("www:home"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:two_step_needed")
