"""Every service that changes data asks `included.access` first, whoever calls it: a view, a task or a command.

One test per service: someone without the right gets a clear PermissionDenied, and nothing changed.
(Assessment and co-production services have theirs beside their own tests.)
"""

import pytest
from django.core.exceptions import PermissionDenied

from included.access.enums import MemberRole
from included.access.models import OrganisationMember
from included.accounts.services import change_name, erase_account, export_personal_data
from included.frameworks.models import Framework
from included.frameworks.services import add_partnership_framework
from included.invitations.enums import InvitationKind
from included.invitations.models import Invitation
from included.invitations.services import invite, resend_invitation, withdraw_invitation
from included.language.enums import WordListKind
from included.language.models import Dismissal, WordListEntry
from included.language.services import add_entry, change_entry, dismiss_suggestion, restore_suggestion, switch_entry
from included.organisations.enums import Sector, Size
from included.organisations.models import Organisation
from included.organisations.services import (
    change_role,
    create_organisation,
    invite_organisation,
    remove_member,
    update_profile,
)
from tests.factories import (
    OrganisationFactory,
    OrganisationMemberFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    UserFactory,
)
from tests.invitations.factories import InvitationFactory
from tests.language.factories import DismissalFactory, WordListEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return PartnershipFactory()


@pytest.fixture
def organisation(partnership):
    return OrganisationFactory(partnership=partnership)


@pytest.fixture
def outsider():
    """Signed in, but with no role anywhere."""
    return UserFactory()


@pytest.fixture
def plain_member(organisation):
    return OrganisationMemberFactory(organisation=organisation, member=True).user


@pytest.fixture
def admin_elsewhere(partnership):
    """An admin of a different organisation in the same partnership."""
    return OrganisationMemberFactory(organisation=OrganisationFactory(partnership=partnership)).user


# Organisations


def test_only_coordinators_create_organisations(partnership, admin_elsewhere):
    with pytest.raises(PermissionDenied, match="coordinators"):
        create_organisation(
            partnership, name="Hill Top Café", sector=Sector.EMPLOYER, size=Size.MICRO, by=admin_elsewhere
        )
    assert not Organisation.objects.filter(name="Hill Top Café").exists()


def test_a_reviewer_cannot_invite_an_organisation(partnership):
    reviewer = PartnershipMemberFactory(partnership=partnership, reviewer=True).user
    with pytest.raises(PermissionDenied):
        invite_organisation(
            partnership=partnership,
            name="Hill Top Café",
            sector=Sector.EMPLOYER,
            size=Size.MICRO,
            admin_name="Jo",
            admin_email="jo@example.org",
            by=reviewer,
        )
    assert not Organisation.objects.filter(name="Hill Top Café").exists()
    assert not Invitation.objects.exists()


def test_a_plain_member_cannot_update_the_profile(organisation, plain_member):
    with pytest.raises(PermissionDenied, match="admins"):
        update_profile(organisation, by=plain_member, name="Taken Over Ltd")
    organisation.refresh_from_db()
    assert organisation.name != "Taken Over Ltd"


def test_a_coordinator_cannot_change_a_members_role(partnership, organisation, plain_member):
    coordinator = PartnershipMemberFactory(partnership=partnership).user
    membership = OrganisationMember.objects.get(user=plain_member)
    with pytest.raises(PermissionDenied):
        change_role(membership, MemberRole.ADMIN, by=coordinator)
    membership.refresh_from_db()
    assert membership.role == MemberRole.MEMBER


def test_an_admin_of_another_organisation_cannot_remove_a_member(organisation, plain_member, admin_elsewhere):
    membership = OrganisationMember.objects.get(user=plain_member)
    with pytest.raises(PermissionDenied):
        remove_member(membership, by=admin_elsewhere)
    assert OrganisationMember.objects.filter(pk=membership.pk).exists()


# Invitations


def test_a_plain_member_cannot_invite_people_to_their_organisation(partnership, organisation, plain_member):
    with pytest.raises(PermissionDenied):
        invite(
            partnership=partnership,
            organisation=organisation,
            email="friend@example.org",
            kind=InvitationKind.ORGANISATION_MEMBER,
            by=plain_member,
        )
    assert not Invitation.objects.exists()


def test_an_admin_cannot_resend_a_reviewer_invitation(partnership, admin_elsewhere):
    invitation = InvitationFactory(partnership=partnership)
    before = invitation.token_hash
    with pytest.raises(PermissionDenied):
        resend_invitation(invitation, by=admin_elsewhere)
    invitation.refresh_from_db()
    assert invitation.token_hash == before


def test_someone_from_another_partnership_cannot_withdraw_an_invitation(partnership):
    other_coordinator = PartnershipMemberFactory().user
    invitation = InvitationFactory(partnership=partnership)
    with pytest.raises(PermissionDenied):
        withdraw_invitation(invitation, by=other_coordinator)
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None


# Word lists and dismissed suggestions


def test_an_organisation_member_cannot_add_to_the_word_lists(partnership, plain_member):
    with pytest.raises(PermissionDenied, match="coordinators and lived-experience reviewers"):
        add_entry(
            partnership, kind=WordListKind.PLAIN, phrases=["utilise"], instead=["use"], why="Shorter.", by=plain_member
        )
    assert not WordListEntry.objects.filter(partnership=partnership).exists()


def test_an_organisation_member_cannot_change_a_word_list_entry(partnership, plain_member):
    entry = WordListEntryFactory(partnership=partnership)
    with pytest.raises(PermissionDenied):
        change_entry(
            partnership,
            kind=entry.kind,
            key=entry.key,
            phrases=["something else"],
            instead=["other"],
            why="Because.",
            by=plain_member,
        )
    assert WordListEntry.objects.get(pk=entry.pk).phrases == entry.phrases


def test_a_reviewer_from_another_partnership_cannot_switch_an_entry_off(partnership):
    entry = WordListEntryFactory(partnership=partnership)
    stranger = PartnershipMemberFactory(reviewer=True).user
    with pytest.raises(PermissionDenied):
        switch_entry(partnership, kind=entry.kind, key=entry.key, on=False, by=stranger)
    assert WordListEntry.objects.get(pk=entry.pk).is_active


def test_someone_outside_the_partnership_cannot_dismiss_a_suggestion(partnership, outsider):
    with pytest.raises(PermissionDenied):
        dismiss_suggestion(
            partnership,
            text_key="statement-1",
            flag_key="long-sentence",
            flag_label="Long sentence",
            reason="It reads well.",
            by=outsider,
        )
    assert not Dismissal.objects.exists()


def test_someone_outside_the_partnership_cannot_restore_a_suggestion(partnership, outsider):
    dismissal = DismissalFactory(partnership=partnership)
    with pytest.raises(PermissionDenied):
        restore_suggestion(partnership, text_key=dismissal.text_key, flag_key=dismissal.flag_key, by=outsider)
    assert Dismissal.objects.filter(pk=dismissal.pk).exists()


# Frameworks


def test_an_organisation_admin_cannot_add_a_framework(partnership, admin_elsewhere):
    with pytest.raises(PermissionDenied, match="coordinators"):
        add_partnership_framework(partnership, b"slug: ours\n", by=admin_elsewhere)
    assert not Framework.objects.filter(partnership=partnership).exists()


# A person's own account


def test_nobody_else_changes_a_persons_name(outsider):
    person = UserFactory(name="Rowan Price")
    with pytest.raises(PermissionDenied):
        change_name(person, "Someone Else", by=outsider)
    person.refresh_from_db()
    assert person.name == "Rowan Price"


def test_nobody_else_takes_a_persons_data(outsider):
    person = UserFactory()
    with pytest.raises(PermissionDenied):
        export_personal_data(person, by=outsider)


def test_nobody_else_deletes_a_persons_account(outsider):
    person = UserFactory()
    with pytest.raises(PermissionDenied):
        erase_account(person, by=outsider)
    person.refresh_from_db()
    assert person.is_active


def test_a_signed_out_visitor_is_refused_like_anyone_else(partnership):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        create_organisation(partnership, name="Ghost Ltd", sector=Sector.EMPLOYER, size=Size.MICRO, by=AnonymousUser())
