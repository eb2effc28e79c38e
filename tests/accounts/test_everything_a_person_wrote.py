"""Demo people download everything they wrote, and once they delete their account nothing names them.

What they wrote for their organisation or partnership stays (a statement, a review, an action), shown as by a
former member: deleting an account takes away who wrote it, not the organisation's records.
"""

import json

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from included.access.enums import MemberRole
from included.access.models import OrganisationMember
from included.accounts.models import User
from included.accounts.services import erase_account, export_personal_data
from included.assessments.models import Action, AssessmentItem, EvidenceFile, Review, ReviewComment, SignUp
from included.coproduction.models import Activity, Contribution, Response
from included.core.models import AuditEvent
from included.demo.partnership import load_demo
from included.invitations.enums import InvitationKind
from included.invitations.models import Invitation
from included.invitations.services import invite
from included.language.models import Dismissal, WordListChange, WordListEntry
from tests.coproduction.conftest import _living_wage_rates  # noqa: F401 - an autouse fixture, registered here too

pytestmark = pytest.mark.django_db

SAM = "sam.patel@riversideworks.example"  # Riverside Works' admin: signed it up, answers its reviewers
# A member of Riverside Works, who answers its self-assessments, plans its actions and records its co-production,
# and the admin of Eastside Peer Support Group, which he signed up.
JORDAN = "jordan.lee@riversideworks.example"
DEE = "dee.marshall@mail.example"  # reviewer
AMARA = "amara.okafor@riverside-partnership.example"  # coordinator


@pytest.fixture
def demo():
    partnership = load_demo()
    people = {email: User.objects.get(email=email) for email in (SAM, JORDAN, DEE, AMARA)}
    # Things the demo has none of: evidence Jordan uploaded, word list changes and a dismissal by Amara, and an
    # invitation Amara sent.
    answer = AssessmentItem.objects.filter(updated_by=people[JORDAN]).exclude(evidence="").first()
    EvidenceFile.objects.create(
        assessment_item=answer,
        file=ContentFile(b"%PDF-1.4 minutes", name="minutes.pdf"),
        original_name="Minutes of the panel Jordan Lee chaired.pdf",
        content_type="application/pdf",
        size=16,
        uploaded_by=people[JORDAN],
    )
    entry = WordListEntry.objects.create(
        partnership=partnership,
        kind="plain",
        key="riverside-pathways",
        phrases="Riverside Pathways",
        instead="our training course",
        why="People outside the partnership do not know the name.",
        created_by=people[AMARA],
        updated_by=people[AMARA],
    )
    WordListChange.objects.create(
        partnership=partnership, entry=entry, action="added", changed_by=people[AMARA], after=entry.snapshot()
    )
    Dismissal.objects.create(
        partnership=partnership,
        text_key="assessments.signup:1:statement",
        flag_key="plain_words:utilise",
        flag_kind="plain_words",
        reason="Amara Okafor says it is the name of our fund.",
        dismissed_by=people[AMARA],
    )
    invite(
        partnership=partnership,
        email="new.reviewer@mail.example",
        kind=InvitationKind.REVIEWER,
        by=people[AMARA],
        message="Amara here: we would love you to review with us.",
    )
    # Sam and Jordan are the only admins of their organisations, so a colleague becomes one too, to let them leave.
    OrganisationMember.objects.filter(
        user__email__in=["maria.santos@riversideworks.example", "shannon.reid@mail.example"]
    ).update(role=MemberRole.ADMIN)
    return people


def what_they_wrote(person):
    """Everything this person wrote, by kind, read straight from the database."""
    added_actions = [
        int(pk)
        for pk in AuditEvent.objects.filter(actor=person, action="action.added").values_list("object_id", flat=True)
    ]
    return {
        "statements": SignUp.objects.filter(signed_by=person).values_list("statement", flat=True),
        "answers": AssessmentItem.objects.filter(updated_by=person)
        .exclude(evidence="")
        .values_list("evidence", flat=True),
        "actions": Action.objects.filter(pk__in=added_actions).values_list("what", flat=True),
        "evidence files": EvidenceFile.objects.filter(uploaded_by=person).values_list("original_name", flat=True),
        "review summaries": Review.objects.filter(reviewer=person)
        .exclude(summary="")
        .values_list("summary", flat=True),
        "review comments": ReviewComment.objects.filter(review__reviewer=person)
        .exclude(comment="")
        .values_list("comment", flat=True),
        "answers to reviewers": ReviewComment.objects.filter(responded_by=person).values_list("response", flat=True),
        "co-production activities": Activity.objects.filter(created_by=person).values_list("purpose", flat=True),
        "contributions recorded": Contribution.objects.filter(created_by=person).values_list("text", flat=True),
        "co-production responses": Response.objects.filter(created_by=person)
        .exclude(what_changed="")
        .values_list("what_changed", flat=True),
        "word lists": WordListEntry.objects.filter(created_by=person).values_list("why", flat=True),
        "dismissal reasons": Dismissal.objects.filter(dismissed_by=person).values_list("reason", flat=True),
        "invitations sent": Invitation.objects.filter(invited_by=person)
        .exclude(message="")
        .values_list("message", flat=True),
    }


def rows_that_name(name, email):
    """Every row, in every table, with the person's name or email address in a text or JSON field."""
    found = []
    for model in apps.get_models():
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        for row in model._default_manager.values("pk", *[f.attname for f in fields]):
            for field, value in row.items():
                text = json.dumps(value, cls=DjangoJSONEncoder).lower()
                if email.lower() in text or name.lower() in text:
                    found.append(f"{model._meta.label} {row['pk']} {field}: {value}"[:300])
    return found


def test_demo_people_download_everything_they_wrote_and_are_named_nowhere_once_their_account_is_deleted(demo):
    kinds_seen = set()
    for person in demo.values():
        download = json.dumps(export_personal_data(person, by=person), cls=DjangoJSONEncoder)
        for kind, texts in what_they_wrote(person).items():
            for text in texts:
                kinds_seen.add(kind)
                assert json.dumps(text)[1:-1] in download, f"{person.name}'s download leaves out their {kind}: {text}"
    assert kinds_seen == set(what_they_wrote(demo[SAM])), "somebody wrote something of every kind"

    statements = set(SignUp.objects.values_list("statement", flat=True))
    comments = ReviewComment.objects.count()
    before = {email: (person.name, person.email) for email, person in demo.items()}
    for name, email in before.values():
        assert rows_that_name(name, email), "the search finds them before they go"
    for person in demo.values():
        erase_account(person, by=person)

    for name, email in before.values():
        assert rows_that_name(name, email) == []
    # What belongs to the organisations and the partnership stays.
    assert set(SignUp.objects.values_list("statement", flat=True)) == statements
    assert ReviewComment.objects.count() == comments
    assert SignUp.objects.get(organisation__name="Riverside Works").lead_name == "Former member"
