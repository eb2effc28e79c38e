"""Changes a person makes to their own account: their name, taking their data away, deleting the account."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.db.models import Count, Q

from included.access.enums import MemberRole, PartnershipRole
from included.access.models import OrganisationMember, PartnershipMember
from included.access.rules import (
    can_manage_account,
    organisations_administered_by,
    partnerships_coordinated_by,
    require,
)
from included.core import audit, personal_data
from included.core.models import AuditEvent
from included.core.personal_data import ERASED_NAME, scrub_value
from included.invitations.models import Invitation
from included.organisations.models import Organisation
from included.partnerships.models import Partnership


class ErasureRefused(Exception):
    """Deleting the account would leave an organisation or partnership with nobody in charge."""

    def __init__(self, reasons):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def change_name(user, name, *, by):
    """Change the name the person is known by. Only the person can."""
    require(can_manage_account(by, user), "Only the person can change their own name.")
    name = name.strip()
    if name == user.name:
        return user
    with transaction.atomic():
        user.name = name
        user.save(update_fields=["name"])
        audit.record("account.name_changed", actor=user, obj=user, summary="Changed their name")
    return user


def export_personal_data(user, *, by):
    """Everything Included holds about the person, as JSON-ready data. Records that they took a copy."""
    require(can_manage_account(by, user), "Only the person can download their own data.")
    data = personal_data.collect(user)
    audit.record("account.data_exported", actor=user, obj=user, summary="Downloaded their data")
    return data


def reasons_not_to_erase(user):
    """Why the account cannot be deleted yet, in words the person can act on. Empty when it can."""
    reasons = []
    # Counting in a second query: annotating the filtered query would count only this person's own rows.
    sole_admin_of = (
        Organisation.objects.filter(pk__in=organisations_administered_by(user))
        .annotate(admins=Count("memberships", filter=Q(memberships__role=MemberRole.ADMIN)))
        .filter(admins=1)
        .order_by("name")
    )
    for organisation in sole_admin_of:
        reasons.append(
            f"You are the only admin of {organisation.name}. Make someone else an admin of it first, "
            "so it is not left without one."
        )
    last_coordinator_of = (
        Partnership.objects.filter(pk__in=partnerships_coordinated_by(user))
        .annotate(coordinators=Count("roles", filter=Q(roles__role=PartnershipRole.COORDINATOR)))
        .filter(coordinators=1)
        .order_by("name")
    )
    for partnership in last_coordinator_of:
        reasons.append(
            f"You are the only coordinator of {partnership.name}. Invite another coordinator first, "
            "so the partnership is not left without one."
        )
    return reasons


def _scrub_audit_trail(user, membership_ids, role_ids):
    """Take the person's name and email out of the audit trail, keeping the record of what happened.

    Rows name people through `mentions` (see included/core/audit.py), which read the erased account's new name, so
    they need nothing here. This catches the rest: rows written before mentions existed, and names or addresses in
    a row's details. It runs while the account still has its name and email.
    """
    invitation_ids = [
        str(pk) for pk in Invitation.objects.filter(email__iexact=user.email).values_list("pk", flat=True)
    ]
    about_them = (
        Q(actor=user)
        | Q(object_type="accounts.user", object_id=str(user.pk))
        # Memberships and invitations have moved between apps; rows written before a move keep the old label.
        | Q(
            object_type__in=["access.organisationmember", "organisations.organisationmember"],
            object_id__in=membership_ids,
        )
        | Q(object_type__in=["access.partnershipmember", "partnerships.partnershipmember"], object_id__in=role_ids)
        | Q(object_type__in=["invitations.invitation", "partnerships.invitation"], object_id__in=invitation_ids)
        | Q(details__member_id=user.pk)
        | Q(summary__icontains=user.email)
    )
    if len(user.name.strip()) > 1:
        about_them |= Q(summary__icontains=user.name.strip())
    for event in AuditEvent.objects.filter(about_them).only("pk", "summary", "details"):
        summary, details = scrub_value(event.summary, user), scrub_value(event.details, user)
        if (summary, details) != (event.summary, event.details):
            AuditEvent.objects.filter(pk=event.pk).update(summary=summary, details=details)


def erase_account(user, *, by):
    """Delete the person's account at their request.

    Their name, email address, password and two-step verification are removed, and they leave every
    organisation and partnership. What they wrote for their organisation stays, shown as by a former member.
    Refused while they are the only admin of an organisation or the last coordinator of a partnership.
    """
    require(can_manage_account(by, user), "Only the person can delete their own account.")
    with transaction.atomic():
        list(OrganisationMember.objects.select_for_update().filter(organisation__memberships__user=user))
        list(PartnershipMember.objects.select_for_update().filter(partnership__roles__user=user))
        reasons = reasons_not_to_erase(user)
        if reasons:
            raise ErasureRefused(reasons)
        membership_ids = [str(pk) for pk in OrganisationMember.objects.filter(user=user).values_list("pk", flat=True)]
        role_ids = [str(pk) for pk in PartnershipMember.objects.filter(user=user).values_list("pk", flat=True)]
        personal_data.erase(user)
        _scrub_audit_trail(user, membership_ids, role_ids)
        erased_email = f"erased-{user.pk}@erased.invalid"
        Invitation.objects.filter(email__iexact=user.email).update(email=erased_email, name="", message="")
        OrganisationMember.objects.filter(user=user).delete()
        PartnershipMember.objects.filter(user=user).delete()
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        user.name = ERASED_NAME
        user.email = erased_email
        user.set_unusable_password()
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.save(update_fields=["name", "email", "password", "is_active", "is_staff", "is_superuser"])
        audit.record("account.erased", actor=user, obj=user, summary="A person deleted their account")
    return user
