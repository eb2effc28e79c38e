"""Every change to a person's own place: their words, what they share, and the record of who read it.

Audit rows never hold what the person wrote: only that a section changed, and which one.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from included.access.models import OrganisationMember, PartnershipMember
from included.access.rules import can_change_share, can_manage_account, can_read_share, require
from included.core import audit
from included.organisations.models import Organisation

from .enums import ConsentAction, FactSection, ShareRecipient
from .models import ConsentRecord, Fact, SectionView, Share
from .registry import shareable_sections

NOT_YOURS = "Only you can change your own Facts About Me."


class SharingError(ValueError):
    """A share that cannot be made as asked; the message says why, for the person."""


@sensitive_variables()
def save_fact(person, section, text, *, by):
    """Keep the person's words for one section. Empty words remove the section: nothing is kept."""
    require(can_manage_account(by, person), NOT_YOURS)
    section = FactSection(section)
    text = (text or "").strip()
    with transaction.atomic():
        if not text:
            Fact.objects.filter(person=person, section=section).delete()
            audit.record("people.fact_removed", actor=by, summary=f"Removed “{section.label}”")
            return None
        fact, _ = Fact.objects.update_or_create(person=person, section=section, defaults={"text": text})
        audit.record("people.fact_saved", actor=by, obj=fact, summary=f"Saved “{section.label}”")
        return fact


def remove_all_facts(person, *, by):
    """Delete every section the person wrote. Shares stay, and show nothing for the sections that are gone."""
    require(can_manage_account(by, person), NOT_YOURS)
    with transaction.atomic():
        count, _ = Fact.objects.filter(person=person).delete()
        audit.record("people.facts_removed", actor=by, summary="Removed all of Facts About Me")
    return count


def _chosen_sections(sections, days):
    known = shareable_sections()
    chosen = [key for key in known if key in set(sections)]
    if not chosen or len(chosen) != len(set(sections)):
        raise SharingError("Choose at least one part to share")
    if not 1 <= days <= 366:
        raise SharingError("Choose how long to share for: between 1 day and 1 year")
    return chosen


def _record_share(share, chosen, days, only_people, *, by, now):
    ConsentRecord.objects.create(
        person=share.person,
        share=share,
        action=ConsentAction.GRANTED,
        sections=chosen,
        shared_with=_shared_with(share, only_people),
        ends_at=share.ends_at,
        at=now,
    )
    audit.record("people.shared", actor=by, obj=share, summary=f"Shared {len(chosen)} part(s) for {days} days")


def share_sections(person, organisation, sections, *, days, only_people=(), by, now=None):
    """Let an organisation read chosen sections for `days` days. With `only_people` (members of that
    organisation), only they may read it. Writes a consent record."""
    require(can_manage_account(by, person), "Only you can share your own Facts About Me.")
    now = now or timezone.now()
    chosen = _chosen_sections(sections, days)
    if organisation.archived_at is not None:
        raise SharingError("This organisation is no longer in its partnership. Choose another")
    only_people = list(only_people)
    if only_people and not _all_work_at(organisation, only_people):
        raise SharingError(f"Choose people who work at {organisation.name}")
    with transaction.atomic():
        share = Share.objects.create(
            person=person,
            organisation=organisation,
            everyone_there=not only_people,
            sections=chosen,
            ends_at=now + datetime.timedelta(days=days),
        )
        if only_people:
            share.only_people.set(only_people)
        _record_share(share, chosen, days, only_people, by=by, now=now)
    return share


def share_with_reviewer(person, reviewer_role, sections, *, days, by, now=None):
    """Let one lived-experience reviewer of a partnership read chosen sections for `days` days, while they review
    there. Only reviewers the person may choose (reviewers_to_choose) can be named. Writes a consent record."""
    require(can_manage_account(by, person), "Only you can share your own Facts About Me.")
    now = now or timezone.now()
    chosen = _chosen_sections(sections, days)
    if not reviewers_to_choose(person).filter(pk=reviewer_role.pk).exists():
        raise SharingError("Choose a reviewer from the list")
    with transaction.atomic():
        share = Share.objects.create(
            person=person,
            recipient=ShareRecipient.REVIEWER,
            partnership=reviewer_role.partnership,
            reviewer=reviewer_role.user,
            everyone_there=False,
            sections=chosen,
            ends_at=now + datetime.timedelta(days=days),
        )
        _record_share(share, chosen, days, (), by=by, now=now)
    return share


def reviewers_to_choose(person):
    """The lived-experience reviewers the person may share with: those of partnerships the person has a link with
    (an organisation there invited or helped them, they shared with one there, or they hold a place there
    themselves). Anyone can make an account, so reviewers' names are never listed to strangers."""
    linked = set(
        Organisation.objects.filter(Q(shares__person=person) | Q(invitations__accepted_by=person))
        .order_by()
        .values_list("partnership_id", flat=True)
    )
    linked |= set(OrganisationMember.objects.filter(user=person).values_list("organisation__partnership_id", flat=True))
    linked |= set(PartnershipMember.objects.filter(user=person).values_list("partnership_id", flat=True))
    return (
        PartnershipMember.objects.reviewers()
        .filter(partnership_id__in=linked)
        .exclude(user=person)
        .select_related("user", "partnership")
        .order_by("partnership__name", "user__name", "pk")
    )


def stop_sharing(share, *, by, now=None):
    """Stop a share at once. Stopping one already stopped or ended changes nothing."""
    require(can_change_share(by, share), "Only the person who shared this can stop it.")
    now = now or timezone.now()
    with transaction.atomic():
        share = Share.objects.select_for_update().get(pk=share.pk)
        if share.stopped_at is not None:
            return share
        share.stopped_at = now
        share.save(update_fields=["stopped_at", "updated_at"])
        ConsentRecord.objects.create(
            person=share.person,
            share=share,
            action=ConsentAction.STOPPED,
            sections=share.sections,
            shared_with=_shared_with(share, share.only_people.all()),
            at=now,
        )
        audit.record("people.share_stopped", actor=by, obj=share, summary="Stopped sharing")
    return share


def record_reading(share, keys, *, by, now=None):
    """Note that someone read these sections of a share, so the person can see who looked and when."""
    require(can_read_share(by, share, now=now), "This has not been shared with you.")
    now = now or timezone.now()
    SectionView.objects.bulk_create(
        SectionView(person_id=share.person_id, share=share, viewer=by, section=key, at=now) for key in keys
    )


def organisations_linked_to(person):
    """Organisations the person already knows here: ones they shared with, and ones that invited them."""
    return (
        Organisation.objects.active()
        .filter(Q(shares__person=person) | Q(invitations__accepted_by=person))
        .distinct()
        .select_related("partnership")
        .order_by("name", "pk")
    )


def find_organisations(text):
    """Organisations whose name contains `text`, to share with: the person searches rather than scrolls."""
    return (
        Organisation.objects.active()
        .filter(name__icontains=text)
        .select_related("partnership")
        .order_by("name", "partnership__name", "pk")
    )


def people_to_name(person, organisation):
    """Who the person may name at an organisation: its members, but only once the person has a link with it.
    Anyone can make an account, so the names of the people who work somewhere are not shown to everyone."""
    if not organisations_linked_to(person).filter(pk=organisation.pk).exists():
        return get_user_model().objects.none()
    return get_user_model().objects.filter(organisation_memberships__organisation=organisation).order_by("name", "pk")


def _all_work_at(organisation, people):
    ids = {person.pk for person in people}
    return OrganisationMember.objects.filter(organisation=organisation, user_id__in=ids).count() == len(ids)


def _shared_with(share, only_people):
    if share.is_to_reviewer:
        return share.recipient_name[:250]
    names = ", ".join(sorted(person.name or person.email for person in only_people))
    if names:
        return f"{names} at {share.organisation.name}"[:250]
    return f"Everyone at {share.organisation.name}"[:250]
