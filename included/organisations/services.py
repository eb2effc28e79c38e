"""Changes to organisations and their members.

Each function checks that the person acting may make the change, makes it inside one transaction and writes
the audit row. Views call these and nothing else writes organisations or memberships (invitations add members
through `included.invitations.services.accept_invitation`).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from included.access.enums import MemberRole
from included.access.models import OrganisationMember
from included.access.rules import can_add_organisations, can_archive_organisation, can_manage_organisation, require
from included.core import audit, public_cache
from included.core.versions import EditConflict, update_if_unchanged
from included.invitations.enums import InvitationKind
from included.invitations.services import invite

from .models import Organisation

SLUG_MAX_LENGTH = Organisation._meta.get_field("slug").max_length
PROFILE_FIELDS = ["name", "sector", "size", "lived_experience_led", "local_area", "website", "registration_number"]


class MembershipError(Exception):
    """A change that would leave an organisation in a bad state, such as with no admin. The message is for people."""


def unique_slug(partnership, name):
    """A web address part for the organisation's pages, unique within its partnership."""
    base = slugify(name)[: SLUG_MAX_LENGTH - 4].strip("-") or "organisation"
    taken = set(
        Organisation.objects.filter(partnership=partnership, slug__startswith=base).values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def name_is_taken(partnership, name, *, exclude=None):
    others = Organisation.objects.filter(partnership=partnership, name__iexact=name.strip())
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    return others.exists()


def create_organisation(partnership, *, name, sector, size, by, local_area="", registration_number=""):
    """Add an organisation to a partnership. Only coordinators add organisations, by inviting their first admin."""
    require(can_add_organisations(by, partnership), "Only the partnership's coordinators can add organisations.")
    name = name.strip()
    if name_is_taken(partnership, name):
        raise MembershipError(f"{name} is already part of this partnership.")
    with transaction.atomic():
        organisation = Organisation.objects.create(
            partnership=partnership,
            name=name,
            slug=unique_slug(partnership, name),
            sector=sector,
            size=size,
            local_area=local_area,
            registration_number=registration_number,
        )
        audit.record("organisation.created", actor=by, obj=organisation, summary=f"Added {name}")
    return organisation


def invite_organisation(
    *, partnership, name, sector, size, admin_name, admin_email, by, base_url="", local_area="", registration_number=""
):
    """Add a new organisation to the partnership and invite the person who will be its first admin."""
    with transaction.atomic():
        organisation = create_organisation(
            partnership,
            name=name,
            sector=sector,
            size=size,
            by=by,
            local_area=local_area,
            registration_number=registration_number,
        )
        invitation = invite(
            partnership=partnership,
            email=admin_email,
            kind=InvitationKind.ORGANISATION_ADMIN,
            organisation=organisation,
            name=admin_name,
            by=by,
            base_url=base_url,
        )
    return invitation


def require_admin(organisation, user):
    require(can_manage_organisation(user, organisation), "Only your organisation's admins can do this.")


def update_profile(organisation, *, by, expected_version=None, **changes):
    """Save new details for the organisation. Returns the names of the fields that changed.

    `expected_version` is the version the person's form showed (by default, the version of `organisation` as it
    was read). If someone saved the details since, nothing changes and EditConflict holds what is saved now.
    """
    require_admin(organisation, by)
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"These are not profile fields: {', '.join(sorted(unknown))}")
    if "name" in changes and name_is_taken(organisation.partnership, changes["name"], exclude=organisation):
        raise MembershipError(f"Another organisation in this partnership is already called {changes['name']}.")
    changed = [name for name, value in changes.items() if getattr(organisation, name) != value]
    if not changed:
        return []
    expected = organisation.version if expected_version is None else expected_version
    with transaction.atomic():
        previous = {name: getattr(organisation, name) for name in changed}
        values = {name: changes[name] for name in changed}
        if not update_if_unchanged(organisation, expected, **values):
            raise EditConflict(current=Organisation.objects.get(pk=organisation.pk), attempted=values)
        # An update sends no signal: clear the cached public pages once this commits.
        public_cache.bump_public_generation(organisation.partnership_id)
        audit.record(
            "organisation.updated",
            actor=by,
            obj=organisation,
            summary=f"Changed {', '.join(Organisation._meta.get_field(n).verbose_name for n in changed)}",
            before={name: str(value) for name, value in previous.items()},
        )
    return changed


def _lock_admins(organisation):
    """Lock the admin rows, so two admins removing each other at once cannot leave nobody in charge."""
    return list(OrganisationMember.objects.select_for_update().filter(organisation=organisation, role=MemberRole.ADMIN))


def change_role(membership, role, *, by):
    """Make a member an admin, or an admin a member. An organisation always keeps at least one admin."""
    organisation = membership.organisation
    require_admin(organisation, by)
    if role not in MemberRole.values:
        raise ValueError(f"Unknown role {role!r}")
    with transaction.atomic():
        admins = _lock_admins(organisation)
        membership.refresh_from_db(fields=["role"])
        if membership.role == role:
            return membership
        if membership.role == MemberRole.ADMIN and len(admins) == 1:
            raise MembershipError(
                f"{membership.user} is the only admin of {organisation.name}. Make someone else an admin first."
            )
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
        audit.record(
            "organisation.member_role_changed",
            actor=by,
            obj=membership,
            partnership=organisation.partnership,
            summary=f"{{member}} is now {membership.get_role_display().lower()} of {organisation.name}",
            mentions={"member": membership.user},
        )
    return membership


def remove_member(membership, *, by):
    """Take someone out of the organisation. The last admin cannot be removed."""
    organisation = membership.organisation
    require_admin(organisation, by)
    with transaction.atomic():
        admins = _lock_admins(organisation)
        membership.refresh_from_db(fields=["role"])
        if membership.role == MemberRole.ADMIN and len(admins) == 1:
            raise MembershipError(
                f"{membership.user} is the only admin of {organisation.name}. Make someone else an admin first."
            )
        audit.record(
            "organisation.member_removed",
            actor=by,
            obj=organisation,
            summary=f"Removed {{member}} from {organisation.name}",
            mentions={"member": membership.user},
            member_id=membership.user_id,
        )
        membership.delete()


ONLY_COORDINATORS_ARCHIVE = "Only the partnership's coordinators can archive an organisation or bring it back."


def archive_organisation(organisation, *, by):
    """Hide an organisation from the register and from coordinators' usual lists. Nothing is deleted, its people
    keep their accounts, and a coordinator can restore it. Archiving twice changes nothing the second time."""
    require(can_archive_organisation(by, organisation), ONLY_COORDINATORS_ARCHIVE)
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if locked.is_archived:
            return locked
        locked.archived_at = timezone.now()
        locked.save(update_fields=["archived_at", "updated_at"])
        audit.record("organisation.archived", actor=by, obj=locked, summary=f"Archived {locked.name}")
    return locked


def restore_organisation(organisation, *, by):
    """Bring an archived organisation back onto the register and the coordinators' lists, as it was."""
    require(can_archive_organisation(by, organisation), ONLY_COORDINATORS_ARCHIVE)
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if not locked.is_archived:
            return locked
        locked.archived_at = None
        locked.save(update_fields=["archived_at", "updated_at"])
        audit.record("organisation.restored", actor=by, obj=locked, summary=f"Restored {locked.name}")
    return locked
