"""Deleting an account takes the person's name and email out of everything Included keeps, the audit trail too.

The audit trail names people by placeholder (see included/core/audit.py), so this holds by construction: the test
erases every person in the demo partnership, then reads every text column of every table for their names and
email addresses.
"""

import pytest
from django.apps import apps
from django.db import models

from included.access.enums import MemberRole, PartnershipRole
from included.access.models import OrganisationMember, PartnershipMember
from included.accounts.models import User
from included.accounts.services import erase_account, reasons_not_to_erase
from included.core.models import AuditEvent
from included.demo.partnership import load_demo
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEXT_FIELDS = (models.CharField, models.TextField, models.EmailField, models.JSONField)


def _make_room_to_leave(person, stand_in):
    """Someone must stay in charge: give each organisation or partnership they run a stand-in first."""
    for membership in OrganisationMember.objects.filter(user=person, role=MemberRole.ADMIN):
        OrganisationMember.objects.get_or_create(
            organisation=membership.organisation, user=stand_in, defaults={"role": MemberRole.ADMIN}
        )
    for role in PartnershipMember.objects.filter(user=person, role=PartnershipRole.COORDINATOR):
        PartnershipMember.objects.get_or_create(
            partnership=role.partnership, user=stand_in, role=PartnershipRole.COORDINATOR
        )


def _every_text_value():
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                if value:
                    yield model._meta.label, str(value)


def test_erasing_every_demo_person_leaves_their_name_and_email_nowhere(settings):
    load_demo()
    people = [(user.pk, user.name, user.email) for user in User.objects.exclude(name="")]
    assert len(people) >= 10
    stand_in = UserFactory(name="Stand In", email="stand.in@example.org")
    for pk, _name, _email in people:
        person = User.objects.get(pk=pk)
        if reasons_not_to_erase(person):
            _make_room_to_leave(person, stand_in)
        erase_account(person, by=person)
    found = []
    texts = list(_every_text_value())
    for _pk, name, email in people:
        for label, value in texts:
            lowered = value.lower()
            if email.lower() in lowered or (len(name) > 3 and name.lower() in lowered):
                found.append(f"{label}: {name or email} in {value[:80]!r}")
    assert not found, "\n".join(found[:30])


def test_the_audit_trail_still_says_what_happened_after_erasure():
    load_demo()
    reviewer = User.objects.get(email="dee.marshall@mail.example")
    before = [event.text for event in AuditEvent.objects.filter(mentions__has_key="reviewer").with_text()]
    assert any("Dee Marshall asked to review" in text for text in before)
    erase_account(reviewer, by=reviewer)
    after = [event.text for event in AuditEvent.objects.filter(mentions__has_key="reviewer").with_text()]
    assert len(after) == len(before)
    assert not any("Dee Marshall" in text for text in after)
    assert any("Former member asked to review" in text for text in after)
