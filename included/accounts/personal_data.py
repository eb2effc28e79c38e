"""What the accounts app holds about a person: their account, their roles, and what they did (the audit trail).

Registered with the registry in included/core/personal_data.py, which explains how every app adds its part.
Deleting the account clears these itself (accounts.services.erase_account), after every registered eraser has run,
because the erasers need the person's name, email address and memberships to find what is theirs.
"""

from allauth.mfa.models import Authenticator

from included.access.models import OrganisationMember, PartnershipMember
from included.core.models import AuditEvent
from included.core.personal_data import register_exporter


@register_exporter(covers=["accounts.User"])
def account(user):
    return {
        "account": {
            "name": user.name,
            "email": user.email,
            "joined_at": user.date_joined,
            "last_signed_in_at": user.last_login,
            "two_step_verification": user.has_two_step,
            # The names people give their security keys are theirs; the keys' public keys tell them nothing.
            "security_keys": [
                {"name": key.wrap().name, "added_at": key.created_at, "last_used_at": key.last_used_at}
                for key in Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).order_by("pk")
            ],
        }
    }


@register_exporter(covers=["access.OrganisationMember", "access.PartnershipMember"])
def memberships(user):
    organisations = OrganisationMember.objects.filter(user=user).select_related("organisation__partnership")
    roles = PartnershipMember.objects.filter(user=user).select_related("partnership")
    return {
        "organisations": [
            {
                "organisation": m.organisation.name,
                "partnership": m.organisation.partnership.name,
                "role": m.get_role_display(),
                "since": m.created_at,
            }
            for m in organisations
        ],
        "partnership_roles": [
            {"partnership": r.partnership.name, "role": r.get_role_display(), "since": r.created_at} for r in roles
        ],
    }


@register_exporter(covers=["core.AuditEvent"])
def own_actions(user):
    events = AuditEvent.objects.filter(actor=user).select_related("partnership").order_by("at", "id").with_text()
    return {
        "things_you_did": [
            {
                "at": e.at,
                "what": e.action,
                "summary": e.text,
                "details": e.details,
                "partnership": e.partnership.name if e.partnership else None,
            }
            for e in events
        ]
    }
