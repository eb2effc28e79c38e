"""Starting a partnership and changing its details and settings.

Each function checks that the person acting may make the change, makes it inside one transaction and writes the
audit row. The host starts a partnership (its first coordinators are invited by
`included.invitations.services.start_partnership`); from then on its coordinators keep its details up to date.
"""

from django.db import transaction
from django.utils.text import slugify

from included.access.rules import can_change_partnership, can_host_partnerships, require
from included.core import audit, public_cache
from included.core.versions import EditConflict, update_if_unchanged

from .models import Partnership

SLUG_MAX_LENGTH = Partnership._meta.get_field("slug").max_length
NAME_MAX_LENGTH = Partnership._meta.get_field("name").max_length
# What a partnership's coordinators may change. The web address (slug) stays: links to the register are shared.
DETAIL_FIELDS = [
    "name",
    "area",
    "description",
    "contact_email",
    "privacy_contact_name",
    "privacy_contact_email",
    "short_notice_days",
    "invitation_reminder_days",
    "contribution_reminder_days",
    "statements_need_approval",
    "data_licence",
    "suppression_k",
]
ONLY_HOSTS = "Only the people who run this site can start a partnership."
ONLY_COORDINATORS = "Only the partnership's coordinators can change its details."


class PartnershipError(Exception):
    """The partnership cannot be made or changed like this. The message is written for the person who sees it;
    `field` names the form field it is about."""

    def __init__(self, message, *, field="name"):
        super().__init__(message)
        self.field = field


def slug_for(name):
    """The web address part a partnership's name suggests, like "riverside-partnership"."""
    return slugify(name)[:SLUG_MAX_LENGTH].strip("-")


def name_is_taken(name, *, exclude=None):
    others = Partnership.objects.filter(name__iexact=name.strip())
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    return others.exists()


def create_partnership(*, by, name, area, slug="", description="", contact_email=""):
    """Start a new partnership. Only the host may; the slug comes from the name unless one is given.

    Raises PartnershipError if the name or the web address is already used, so two partnerships are never mixed up.
    """
    require(can_host_partnerships(by), ONLY_HOSTS)
    name = name.strip()
    slug = (slug or slug_for(name)).strip().lower()
    if not name:
        raise PartnershipError("A partnership needs a name.")
    if not area.strip():
        raise PartnershipError("A partnership needs an area.", field="area")
    if not slug or slug != slugify(slug) or len(slug) > SLUG_MAX_LENGTH:
        raise PartnershipError(
            f"The web address can only have lower case letters, numbers and dashes, up to {SLUG_MAX_LENGTH}.",
            field="slug",
        )
    if name_is_taken(name):
        raise PartnershipError(f"There is already a partnership called {name}.")
    if Partnership.objects.filter(slug=slug).exists():
        raise PartnershipError(
            f"The web address {slug} is already used by another partnership. Choose another.", field="slug"
        )
    with transaction.atomic():
        partnership = Partnership.objects.create(
            name=name,
            slug=slug,
            area=area.strip(),
            description=description.strip(),
            contact_email=contact_email.strip().lower(),
        )
        audit.record(
            "partnership.created",
            actor=by,
            obj=partnership,
            partnership=partnership,
            summary=f"Started {name}, covering {partnership.area}",
        )
    return partnership


def update_partnership(partnership, *, by, expected_version=None, **changes):
    """Save new details and settings for the partnership. Returns the names of the fields that changed.

    `expected_version` is the version the person's form showed (by default, the version of `partnership` as it
    was read). If another coordinator saved since, nothing changes and EditConflict holds what is saved now.
    """
    require(can_change_partnership(by, partnership), ONLY_COORDINATORS)
    unknown = set(changes) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"These are not partnership details: {', '.join(sorted(unknown))}")
    if "name" in changes and name_is_taken(changes["name"], exclude=partnership):
        raise PartnershipError(f"There is already a partnership called {changes['name']}.")
    changed = [name for name, value in changes.items() if getattr(partnership, name) != value]
    if not changed:
        return []
    expected = partnership.version if expected_version is None else expected_version
    with transaction.atomic():
        previous = {name: getattr(partnership, name) for name in changed}
        values = {name: changes[name] for name in changed}
        if not update_if_unchanged(partnership, expected, **values):
            raise EditConflict(current=Partnership.objects.get(pk=partnership.pk), attempted=values)
        # An update sends no signal: clear the cached public pages once this commits. The home page lists every
        # partnership, so all of them, as a save does (apps.py).
        public_cache.bump_public_generation(None)
        audit.record(
            "partnership.updated",
            actor=by,
            obj=partnership,
            partnership=partnership,
            summary=f"Changed {', '.join(str(Partnership._meta.get_field(n).verbose_name) for n in changed)}",
            before={name: str(value) for name, value in previous.items()},
        )
    return changed
