"""What assessments hold about a person: sign-ups they made, what they wrote in self-assessments, evidence they
added, actions they planned, reviews they gave and their answers to reviewers.

Registered with the registry in included/core/personal_data.py. On erasure it all stays with the organisation (a
statement, a cycle, a review is the organisation's or the partnership's record), and the person's name and email
address are taken out of its text. The rows keep their link to the account, which is renamed "Former member".
"""

from django.db.models import Q

from included.access.models import OrganisationMember
from included.core.models import AuditEvent
from included.core.personal_data import register_eraser, register_exporter, scrub_rows

from .models import (
    Action,
    Assessment,
    AssessmentItem,
    ConflictDeclaration,
    EvidenceFile,
    Review,
    ReviewComment,
    ReviewerAway,
    SignUp,
)

COVERS = [
    "assessments.SignUp",
    "assessments.Assessment",
    "assessments.AssessmentItem",
    "assessments.EvidenceFile",
    "assessments.Action",
    "assessments.Review",
    "assessments.ReviewComment",
]


def _cycle(assessment):
    return {
        "organisation": assessment.organisation.name,
        "framework": str(assessment.sign_up.framework_version),
        "cycle": assessment.number,
    }


def _item(answer):
    return {**_cycle(answer.assessment), "item": f"{answer.item.number} {answer.item.title}"}


def _actions_added_by(user):
    added = AuditEvent.objects.filter(actor=user, action="action.added", object_type="assessments.action")
    return Action.objects.filter(pk__in=[int(pk) for pk in added.values_list("object_id", flat=True) if pk.isdigit()])


@register_exporter(covers=COVERS)
def assessments(user):
    cycle_related = ("organisation", "sign_up__framework_version__framework")
    item_related = tuple(f"assessment__{name}" for name in cycle_related) + ("item",)
    sign_ups = SignUp.objects.filter(signed_by=user).select_related("organisation", "framework_version__framework")
    cycles = Assessment.objects.filter(Q(started_by=user) | Q(submitted_by=user)).select_related(*cycle_related)
    answers = AssessmentItem.objects.filter(updated_by=user).select_related(*item_related)
    actions = _actions_added_by(user).select_related(*(f"assessment_item__{name}" for name in item_related))
    files = EvidenceFile.objects.filter(uploaded_by=user).select_related(
        *(f"assessment_item__{name}" for name in item_related)
    )
    reviews = Review.objects.filter(reviewer=user).select_related(*(f"assessment__{n}" for n in cycle_related))
    comments = ReviewComment.objects.filter(review__reviewer=user).select_related(
        *(f"assessment_item__{name}" for name in item_related)
    )
    answered = ReviewComment.objects.filter(responded_by=user).select_related(
        *(f"assessment_item__{name}" for name in item_related)
    )
    return {
        "sign_ups_you_made": [
            {
                "organisation": s.organisation.name,
                "framework": str(s.framework_version),
                "lead_name": s.lead_name,
                "lead_role": s.lead_role,
                "statement": s.statement,
                "signed_at": s.signed_at,
                "withdrawn_at": s.withdrawn_at,
            }
            for s in sign_ups
        ],
        "self_assessments_you_started_or_submitted": [
            {
                **_cycle(a),
                "you_started_it": a.started_by_id == user.pk,
                "you_submitted_it": a.submitted_by_id == user.pk,
                "started_at": a.created_at,
                "submitted_at": a.submitted_at,
            }
            for a in cycles
        ],
        # Each answer keeps only who saved it last, so these are the answers the person saved last.
        "self_assessment_answers_you_saved": [
            {
                **_item(a),
                "rating": a.rating,
                "target": a.target,
                "evidence": a.evidence,
                "evidence_links": a.links,
                "involvement": a.get_involvement_display(),
                "involvement_note": a.involvement_note,
                "saved_at": a.updated_at,
            }
            for a in answers
        ],
        "actions_you_added": [
            {
                **_item(a.assessment_item),
                "what": a.what,
                "who": a.who,
                "due": a.due,
                "status": a.get_status_display(),
                "added_at": a.created_at,
            }
            for a in actions
        ],
        # The files themselves are not in this download: open the self-assessment to download each one.
        "evidence_files_you_added": [
            {
                **_item(f.assessment_item),
                "file_name": f.original_name,
                "type": f.content_type,
                "size_in_bytes": f.size,
                "added_at": f.uploaded_at,
            }
            for f in files
        ],
        "reviews_you_gave": [
            {
                **_cycle(r.assessment),
                "status": r.get_status_display(),
                "overall_comments": r.summary,
                "asked_at": r.created_at,
                "finished_at": r.completed_at,
            }
            for r in reviews
        ],
        "review_comments_you_wrote": [
            {**_item(c.assessment_item), "verdict": c.get_verdict_display(), "comment": c.comment} for c in comments
        ],
        "your_answers_to_reviewers": [
            {
                **_item(c.assessment_item),
                "reviewer_comment": c.comment,
                "your_answer": c.response,
                "answered_at": c.responded_at,
            }
            for c in answered
        ],
    }


@register_eraser(covers=COVERS)
def forget_authors(user):
    """Take the person's name and email out of what they wrote, and out of their organisations' records."""
    theirs = OrganisationMember.objects.filter(user=user).values("organisation_id")
    of_their_organisations = Q(assessment__organisation__in=theirs)
    scrub_rows(
        SignUp.objects.filter(Q(signed_by=user) | Q(organisation__in=theirs)),
        ["lead_name", "lead_role", "statement"],
        user,
    )
    scrub_rows(
        AssessmentItem.objects.filter(Q(updated_by=user) | of_their_organisations),
        ["evidence", "evidence_links", "involvement_note"],
        user,
    )
    in_their_items = Q(assessment_item__assessment__organisation__in=theirs)
    scrub_rows(Action.objects.filter(in_their_items | Q(pk__in=_actions_added_by(user))), ["what", "who"], user)
    scrub_rows(EvidenceFile.objects.filter(Q(uploaded_by=user) | in_their_items), ["original_name"], user)
    scrub_rows(Review.objects.filter(Q(reviewer=user) | of_their_organisations), ["summary"], user)
    scrub_rows(
        ReviewComment.objects.filter(Q(review__reviewer=user) | Q(responded_by=user) | in_their_items),
        ["comment", "response"],
        user,
    )


@register_exporter(covers=["assessments.ReviewerAway", "assessments.ConflictDeclaration"])
def reviewing_choices(user):
    return {
        "when_you_can_review": [
            {"partnership": away.partnership.name, "not_available_until": away.until}
            for away in ReviewerAway.objects.filter(reviewer=user).select_related("partnership")
        ],
        "conflicts_of_interest_you_declared": [
            {
                "organisation": d.review.assessment.organisation.name,
                "has_conflict": d.has_conflict,
                "what_it_is": d.details,
                "declared_at": d.created_at,
            }
            for d in ConflictDeclaration.objects.filter(review__reviewer=user).select_related(
                "review__assessment__organisation"
            )
        ],
    }


@register_eraser(covers=["assessments.ReviewerAway", "assessments.ConflictDeclaration"])
def forget_reviewing_choices(user):
    # The away date is only the person's; what a conflict was is in their words. That a conflict was declared stays
    # with the review, so coordinators still know why someone else reviewed it.
    ReviewerAway.objects.filter(reviewer=user).delete()
    ConflictDeclaration.objects.filter(review__reviewer=user).update(details="")
