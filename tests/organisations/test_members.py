import pytest
from django.core import mail
from django.urls import reverse

from included.access.enums import MemberRole
from included.access.models import OrganisationMember
from included.core.models import AuditEvent
from included.invitations.enums import InvitationKind
from included.invitations.models import Invitation
from tests.accounts.helpers import h1_count, page_text
from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory, UserFactory
from tests.invitations.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def url(name, organisation, **kwargs):
    return reverse(
        name if ":" in name else f"organisations:{name}",
        kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug} | kwargs,
    )


@pytest.fixture
def admin(client):
    membership = OrganisationMemberFactory(user__name="Ada Admin")
    client.force_login(membership.user)
    return membership


def test_admin_sees_who_is_in_the_organisation_and_invitations_waiting(client, admin):
    OrganisationMemberFactory(organisation=admin.organisation, member=True, user__name="Ben Member")
    InvitationFactory(
        partnership=admin.organisation.partnership,
        organisation=admin.organisation,
        kind=InvitationKind.ORGANISATION_MEMBER,
        email="waiting@example.org",
    )
    response = client.get(url("members", admin.organisation))
    assert response.status_code == 200
    assert h1_count(response) == 1
    text = page_text(response)
    assert "Ada Admin (you)" in text
    assert "Ben Member" in text
    assert "The only admin" in text
    assert "waiting@example.org" in text
    assert "Change role for Ben Member" in text


@pytest.mark.parametrize(("role", "kind"), [("member", "organisation_member"), ("admin", "organisation_admin")])
def test_admin_invites_a_colleague(client, admin, django_capture_on_commit_callbacks, role, kind):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("members", admin.organisation), {"name": "Cal", "email": "Cal@Example.org", "role": role}, follow=True
        )
    assert f"We have emailed cal@example.org a link to join {admin.organisation.name}" in page_text(response)
    invitation = Invitation.objects.get(email="cal@example.org")
    assert invitation.kind == kind
    assert invitation.organisation == admin.organisation
    assert mail.outbox[0].to == ["cal@example.org"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Enter their email address"),
        ({"name": "Cal", "email": "nope", "role": "member"}, "Enter an email address in the right format"),
        ({"name": "Cal", "email": "cal@example.org", "role": "owner"}, "Choose member, admin or someone you support"),
        (
            {"name": "x" * 5000, "email": "cal@example.org", "role": "member"},
            "Their name must be 150 characters or fewer",
        ),
    ],
)
def test_bad_invitations_get_a_clear_error(client, admin, data, message):
    response = client.post(url("members", admin.organisation), data)
    assert response.status_code == 200
    assert message in page_text(response)
    assert not Invitation.objects.exists()


def test_someone_already_in_the_organisation_is_not_invited_again(client, admin):
    other = OrganisationMemberFactory(organisation=admin.organisation, member=True)
    response = client.post(
        url("members", admin.organisation), {"name": "X", "email": other.user.email, "role": "member"}
    )
    assert response.status_code == 200
    assert "already has this role" in page_text(response)


def test_admin_changes_a_members_role(client, admin):
    other = OrganisationMemberFactory(organisation=admin.organisation, member=True, user__name="Ben")
    response = client.get(url("member_role", admin.organisation, member_id=other.pk))
    assert h1_count(response) == 1
    response = client.post(url("member_role", admin.organisation, member_id=other.pk), {"role": "admin"}, follow=True)
    assert f"Ben is now admin of {admin.organisation.name}." in page_text(response)
    other.refresh_from_db()
    assert other.role == MemberRole.ADMIN
    assert AuditEvent.objects.filter(action="organisation.member_role_changed", actor=admin.user).exists()


def test_the_last_admin_cannot_stop_being_an_admin(client, admin):
    response = client.post(url("member_role", admin.organisation, member_id=admin.pk), {"role": "member"})
    assert response.status_code == 200
    assert "is the only admin of" in page_text(response)
    assert "Make someone else an admin first" in page_text(response)
    admin.refresh_from_db()
    assert admin.role == MemberRole.ADMIN


@pytest.mark.parametrize("role", ["", "owner", "<script>", ["admin", "member", "x" * 5000]])
def test_a_bad_role_gets_a_clear_error(client, admin, role):
    other = OrganisationMemberFactory(organisation=admin.organisation, member=True)
    response = client.post(url("member_role", admin.organisation, member_id=other.pk), {"role": role})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    other.refresh_from_db()
    assert other.role == MemberRole.MEMBER


def test_an_admin_who_steps_down_goes_back_to_the_organisation(client, admin):
    OrganisationMemberFactory(organisation=admin.organisation)
    response = client.post(url("member_role", admin.organisation, member_id=admin.pk), {"role": "member"})
    assert response.url == url("www:organisation_home", admin.organisation)


def test_admin_removes_a_member_after_confirming(client, admin):
    other = OrganisationMemberFactory(organisation=admin.organisation, member=True, user__name="Ben")
    response = client.get(url("member_remove", admin.organisation, member_id=other.pk))
    assert h1_count(response) == 1
    assert f"Remove Ben from {admin.organisation.name}" in page_text(response)
    response = client.post(url("member_remove", admin.organisation, member_id=other.pk), follow=True)
    assert f"Ben is no longer part of {admin.organisation.name}." in page_text(response)
    assert not OrganisationMember.objects.filter(pk=other.pk).exists()
    assert AuditEvent.objects.filter(action="organisation.member_removed", actor=admin.user).exists()


def test_the_last_admin_cannot_be_removed(client, admin):
    response = client.post(url("member_remove", admin.organisation, member_id=admin.pk))
    assert response.status_code == 200
    assert "is the only admin of" in page_text(response)
    assert "<title>Error: " in response.content.decode()
    assert OrganisationMember.objects.filter(pk=admin.pk).exists()


def test_an_admin_can_leave_when_another_admin_stays(client, admin):
    OrganisationMemberFactory(organisation=admin.organisation)
    response = client.post(url("member_remove", admin.organisation, member_id=admin.pk))
    assert response.url == reverse("www:home")
    assert not OrganisationMember.objects.filter(pk=admin.pk).exists()


def test_members_of_another_organisation_cannot_be_reached(client, admin):
    stranger = OrganisationMemberFactory(organisation__partnership=admin.organisation.partnership, member=True)
    for name in ["member_role", "member_remove"]:
        assert client.get(url(name, admin.organisation, member_id=stranger.pk)).status_code == 404
        assert client.post(url(name, admin.organisation, member_id=stranger.pk), {"role": "admin"}).status_code == 404
    assert OrganisationMember.objects.get(pk=stranger.pk).role == MemberRole.MEMBER


def test_who_can_open_the_members_pages(client):
    admin = OrganisationMemberFactory()
    organisation = admin.organisation
    member = OrganisationMemberFactory(organisation=organisation, member=True)
    pages = [
        url("members", organisation),
        url("member_role", organisation, member_id=admin.pk),
        url("member_remove", organisation, member_id=admin.pk),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    cases = [
        (member.user, 403),
        (OrganisationMemberFactory(organisation__partnership=organisation.partnership).user, 404),
        (PartnershipMemberFactory(partnership=organisation.partnership).user, 404),
        (PartnershipMemberFactory().user, 404),
        (UserFactory(), 404),
    ]
    for person, status in cases:
        client.force_login(person)
        for page in pages:
            assert client.get(page).status_code == status, (person, page)
            assert client.post(page, {"role": "member", "name": "X", "email": "x@example.org"}).status_code == status
    assert OrganisationMember.objects.filter(organisation=organisation).count() == 2
    assert not Invitation.objects.exists()


def test_admin_withdraws_and_resends_their_organisations_invitations(client, admin, django_capture_on_commit_callbacks):
    invitation = InvitationFactory(
        partnership=admin.organisation.partnership,
        organisation=admin.organisation,
        kind=InvitationKind.ORGANISATION_MEMBER,
        email="cal@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("resend_invitation", admin.organisation, invitation_id=invitation.pk), follow=True)
    assert "We have emailed cal@example.org a new link" in page_text(response)
    assert len(mail.outbox) == 1
    response = client.post(url("withdraw_invitation", admin.organisation, invitation_id=invitation.pk), follow=True)
    assert "The invitation to cal@example.org is withdrawn" in page_text(response)
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None


def test_admins_cannot_touch_other_organisations_invitations(client, admin):
    elsewhere = InvitationFactory(for_organisation=True, partnership=admin.organisation.partnership)
    for name in ["resend_invitation", "withdraw_invitation"]:
        assert client.post(url(name, admin.organisation, invitation_id=elsewhere.pk)).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.withdrawn_at is None


def test_the_members_page_asks_the_same_few_questions_however_many_people(client, admin, django_assert_max_num_queries):
    OrganisationMemberFactory.create_batch(3, organisation=admin.organisation, member=True)
    client.get(url("members", admin.organisation))
    with django_assert_max_num_queries(QUERIES_FOR_THE_MEMBERS_PAGE):
        client.get(url("members", admin.organisation))
    OrganisationMemberFactory.create_batch(30, organisation=admin.organisation, member=True)
    with django_assert_max_num_queries(QUERIES_FOR_THE_MEMBERS_PAGE):
        response = client.get(url("members", admin.organisation))
    assert response.status_code == 200


QUERIES_FOR_THE_MEMBERS_PAGE = 12
