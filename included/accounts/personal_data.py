"""Everything Included holds about one person: gathered for "Download your data", cleared by "Delete your account".

Each app that keeps something about people adds its part here, so the download stays complete and deleting an
account leaves nothing behind. Register in your app's `AppConfig.ready()` (or in a module it imports):

    from included.accounts.personal_data import register_eraser, register_exporter

    @register_exporter
    def stories(user):
        # Return {section name: data that json.dumps can write, with dates allowed}. Sections must not clash.
        return {"stories": [{"title": s.title, "written_at": s.created_at} for s in user.stories.all()]}

    @register_eraser
    def forget_stories(user):
        # Runs inside the erasure's transaction, before the account itself is anonymised. Remove or anonymise
        # what only this person should own; keep what belongs to their organisation, with authorship removed.
        user.stories.update(author_name="")

Exporters run in the order they were registered; the account's own sections come first.
"""

from django.utils import timezone

EXPORTERS = []
ERASERS = []


def register_exporter(exporter):
    """Add a function user -> {section: data} to the download. Returns it, so it can be used as a decorator."""
    if exporter not in EXPORTERS:
        EXPORTERS.append(exporter)
    return exporter


def register_eraser(eraser):
    """Add a function user -> None to account deletion. Returns it, so it can be used as a decorator."""
    if eraser not in ERASERS:
        ERASERS.append(eraser)
    return eraser


def collect(user):
    """Every registered section for this person, with a note of when it was made."""
    data = {"about_this_file": _about(user)}
    for exporter in EXPORTERS:
        for section, content in exporter(user).items():
            if section in data:
                raise ValueError(f"Two exporters both write the section {section!r}")
            data[section] = content
    return data


def erase(user):
    for eraser in ERASERS:
        eraser(user)


def _about(user):
    return {
        "service": "Included",
        "made_at": timezone.localtime(),
        "what_it_is": "Everything Included holds about you, from your account and the parts of Included you use.",
    }


@register_exporter
def account(user):
    return {
        "account": {
            "name": user.name,
            "email": user.email,
            "joined_at": user.date_joined,
            "last_signed_in_at": user.last_login,
            "two_step_verification": user.has_two_step,
        }
    }


@register_exporter
def memberships(user):
    from included.access.models import OrganisationMember, PartnershipMember

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


@register_exporter
def invitations(user):
    from included.invitations.models import Invitation

    accepted = Invitation.objects.filter(accepted_by=user).select_related("partnership", "organisation", "invited_by")
    return {
        "invitations_accepted": [
            {
                "partnership": i.partnership.name,
                "organisation": i.organisation.name if i.organisation else None,
                "invited_as": i.get_kind_display(),
                "invited_by": str(i.invited_by) if i.invited_by else None,
                "sent_at": i.created_at,
                "accepted_at": i.accepted_at,
            }
            for i in accepted
        ]
    }


@register_exporter
def own_actions(user):
    from included.core.models import AuditEvent

    events = AuditEvent.objects.filter(actor=user).select_related("partnership").order_by("at", "id").with_text()
    return {
        "things_you_did": [
            {
                "at": e.at,
                "what": e.action,
                "summary": e.text,
                "partnership": e.partnership.name if e.partnership else None,
            }
            for e in events
        ]
    }
