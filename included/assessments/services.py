"""Every change to sign-ups, self-assessments and reviews goes through these functions.

Each one first asks the access rules whether the person acting (`by`) may make the change, and raises
PermissionDenied if not, before any other work. Then it checks that the change is allowed in the object's current
state, makes it inside one transaction and writes an audit row.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from included.access import rules
from included.access.rules import require
from included.core import audit, public_cache
from included.core.receipts import create_once
from included.core.versions import EditConflict, EditConflicts, update_if_unchanged

from . import signals
from .enums import AssessmentStatus, ReviewStatus, Verdict
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

# What a person is told when they try a change that is not theirs to make.
ONLY_ADMINS = "Only your organisation's admins can do this."
ONLY_MEMBERS = "Only people in the organisation can change its self-assessment."
ONLY_COORDINATORS = "Only the partnership's coordinators can choose reviewers, once a self-assessment is submitted."
ONLY_THE_REVIEWER = "Only the reviewer who was asked can give this review."
ONLY_THE_ORGANISATION = "Only people in the organisation can respond to its reviewers."
ONLY_READERS = "Only people who may see this self-assessment can download its files."
ONLY_COORDINATORS_APPROVE = "Only the partnership's coordinators can approve statements."


class AssessmentLocked(Exception):
    """The cycle was submitted, so it can no longer change."""


class CycleInProgress(ValidationError):
    """The sign-up already has a draft cycle, perhaps started by someone else a moment ago. `draft` is that cycle."""

    def __init__(self, draft):
        super().__init__("There is already a self-assessment in progress for this framework.")
        self.draft = draft


class NotReady(Exception):
    def __init__(self, message, missing=()):
        super().__init__(message)
        self.missing = list(missing)


def _approved_at_once(partnership, statement, now):
    """Where statements need no approval, a saved statement is approved as it is saved, so the register shows it
    at once, and keeps showing it if the partnership starts approving statements later."""
    if partnership.statements_need_approval:
        return {}
    return {"approved_statement": statement, "approved_at": now, "approved_by": None}


def sign_up(organisation, framework_version, *, lead_name, lead_role, statement, by):
    """Sign an organisation up to a framework version with a named lead and a public statement.

    An organisation that left this framework version earlier signs up again on the same record, so its earlier
    self-assessments are still there. Where the partnership approves statements, the statement waits for a
    coordinator before it goes on the register.
    """
    require(rules.can_sign_up(by, organisation), ONLY_ADMINS)
    now = timezone.now()
    values = {"lead_name": lead_name.strip(), "lead_role": lead_role.strip(), "statement": statement.strip()}
    values |= _approved_at_once(organisation.partnership, values["statement"], now)
    with transaction.atomic():
        earlier = (
            SignUp.objects.select_for_update()
            .filter(organisation=organisation, framework_version=framework_version)
            .first()
        )
        if earlier is not None:
            if not earlier.is_withdrawn:
                raise ValidationError(f"{organisation} has already signed up to {framework_version}.")
            return _sign_up_again(earlier, values, now=now, by=by)
        try:
            with transaction.atomic():
                record = SignUp.objects.create(
                    organisation=organisation,
                    framework_version=framework_version,
                    signed_by=by,
                    signed_at=now,
                    **values,
                )
        except IntegrityError as error:
            raise ValidationError(f"{organisation} has already signed up to {framework_version}.") from error
        audit.record(
            "sign_up.created",
            actor=by,
            obj=record,
            partnership=organisation.partnership,
            summary=f"{organisation} signed up to {framework_version}",
        )
    return record


def _sign_up_again(record, values, *, now, by):
    for name, value in values.items():
        setattr(record, name, value)
    record.withdrawn_at = None
    record.withdrawn_by = None
    record.returned_at = None
    record.returned_reason = ""
    record.signed_at = now
    record.signed_by = by
    record.version += 1
    record.save(
        update_fields=[
            *values,
            "withdrawn_at",
            "withdrawn_by",
            "returned_at",
            "returned_reason",
            "signed_at",
            "signed_by",
            "version",
            "updated_at",
        ]
    )
    audit.record(
        "sign_up.rejoined",
        actor=by,
        obj=record,
        partnership=record.partnership,
        summary=f"{record.organisation} signed up to {record.framework_version} again",
    )
    return record


def update_statement(record, *, lead_name, lead_role, statement, by, expected_version=None):
    """Change the lead and the public statement of a sign-up.

    `expected_version` is the version the person's form showed (by default, the version of `record` as it was
    read). If someone saved the statement since, nothing changes and EditConflict holds what is saved now. Where
    the partnership approves statements, a changed statement waits for a coordinator again, and the register
    keeps showing the one approved last.
    """
    require(rules.can_sign_up(by, record.organisation), ONLY_ADMINS)
    values = {"lead_name": lead_name.strip(), "lead_role": lead_role.strip(), "statement": statement.strip()}
    values |= _approved_at_once(record.partnership, values["statement"], timezone.now())
    if values["statement"] != record.statement:
        values |= {"returned_at": None, "returned_reason": ""}
    expected = record.version if expected_version is None else expected_version
    with transaction.atomic():
        if not update_if_unchanged(record, expected, **values):
            raise EditConflict(current=SignUp.objects.get(pk=record.pk), attempted=values)
        # An update sends no signal: clear the cached public pages once this commits.
        public_cache.bump_public_generation(record.organisation.partnership_id)
        audit.record(
            "sign_up.updated",
            actor=by,
            obj=record,
            partnership=record.partnership,
            summary=f"{record.organisation} changed its statement",
        )
    return record


def withdraw_sign_up(record, *, by):
    """Take the organisation off a framework. Nothing is deleted: its cycles stay, the register says when it
    left, and its admins can sign up again. Withdrawing twice changes nothing the second time."""
    require(rules.can_withdraw_sign_up(by, record), ONLY_ADMINS)
    with transaction.atomic():
        locked = SignUp.objects.select_for_update().get(pk=record.pk)
        if locked.is_withdrawn:
            return locked
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = by
        locked.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
        audit.record(
            "sign_up.withdrawn",
            actor=by,
            obj=locked,
            partnership=locked.partnership,
            summary=f"{locked.organisation} left {locked.framework_version}",
        )
    return locked


class StatementChanged(Exception):
    """The organisation changed its statement after the coordinator read it, so what they decided on is gone."""


def _decide_on_statement(record, expected_version, **values):
    """Write a coordinator's decision only if the statement is still the one they read. It does not bump the
    version: deciding is not an edit, so an admin editing the statement at the same time is not told of a
    conflict."""
    with transaction.atomic():
        rows = SignUp.objects.filter(pk=record.pk, version=expected_version, withdrawn_at__isnull=True)
        if rows.update(updated_at=timezone.now(), **values) != 1:
            raise StatementChanged("The statement changed after you opened it. Read it again, then decide.")
        record.refresh_from_db()
        # An update sends no signal: the register shows the approved statement, so clear it here.
        public_cache.bump_public_generation(record.organisation.partnership_id)
        return record


def approve_statement(record, *, by, expected_version):
    """Put the statement the coordinator read on the public register."""
    require(rules.can_approve_statement(by, record), ONLY_COORDINATORS_APPROVE)
    with transaction.atomic():
        record = _decide_on_statement(
            record,
            expected_version,
            approved_statement=F("statement"),
            approved_at=timezone.now(),
            approved_by=by,
            returned_at=None,
            returned_reason="",
        )
        audit.record(
            "sign_up.statement_approved",
            actor=by,
            obj=record,
            partnership=record.partnership,
            summary=f"Approved the statement of {record.organisation}",
        )
    return record


def return_statement(record, *, by, expected_version, reason):
    """Send the statement back to the organisation with a reason, and tell its admins (by email, as each chose:
    signal `statement_returned`). The register keeps showing the one approved last, if there is one; the
    organisation's next change asks for approval again."""
    require(rules.can_approve_statement(by, record), ONLY_COORDINATORS_APPROVE)
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why you are sending the statement back.")
    with transaction.atomic():
        record = _decide_on_statement(record, expected_version, returned_at=timezone.now(), returned_reason=reason)
        audit.record(
            "sign_up.statement_returned",
            actor=by,
            obj=record,
            partnership=record.partnership,
            summary=f"Sent the statement of {record.organisation} back",
            reason=reason,
        )
        signals.statement_returned.send(sender=SignUp, sign_up=record)
    return record


def start_assessment(sign_up, *, by):
    """Open a new draft cycle. It starts from the last submitted cycle, so people only change what changed.

    If the sign-up already has a draft, CycleInProgress says which.
    """
    require(rules.can_work_for(by, sign_up.organisation), ONLY_MEMBERS)
    with transaction.atomic():
        # Two people starting at once: the second waits here for the first to finish, then finds its draft.
        if SignUp.objects.select_for_update().get(pk=sign_up.pk).is_withdrawn:
            raise ValidationError("Your organisation has left this framework. Sign up again to start a new cycle.")
        draft = sign_up.assessments.filter(status=AssessmentStatus.DRAFT).first()
        if draft is not None:
            raise CycleInProgress(draft)
        previous = sign_up.assessments.exclude(status=AssessmentStatus.DRAFT).order_by("-number").first()
        assessment = Assessment.objects.create(
            sign_up=sign_up,
            organisation=sign_up.organisation,
            number=(previous.number + 1) if previous else 1,
            previous=previous,
            started_by=by,
        )
        earlier = {}
        if previous is not None:
            earlier = {answer.item_id: answer for answer in previous.items.prefetch_related("actions")}
        items = []
        for framework_item in sign_up.framework_version.assessed_items():
            before = earlier.get(framework_item.pk)
            items.append(
                AssessmentItem(
                    assessment=assessment,
                    item=framework_item,
                    updated_by=by,
                    **({field: getattr(before, field) for field in AssessmentItem.EDITABLE_FIELDS} if before else {}),
                )
            )
        AssessmentItem.objects.bulk_create(items)
        if earlier:
            new_by_item = {answer.item_id: answer for answer in assessment.items.all()}
            carried = [
                Action(
                    assessment_item=new_by_item[item_id],
                    what=action.what,
                    who=action.who,
                    due=action.due,
                    status=action.status,
                )
                for item_id, before in earlier.items()
                if item_id in new_by_item
                for action in before.actions.all()
                if action.status != "done"
            ]
            Action.objects.bulk_create(carried)
        audit.record(
            "assessment.started",
            actor=by,
            obj=assessment,
            partnership=sign_up.partnership,
            summary=f"Cycle {assessment.number} started for {sign_up}",
        )
    return assessment


def _ensure_draft(assessment):
    if assessment.status != AssessmentStatus.DRAFT:
        raise AssessmentLocked("This self-assessment was submitted, so it cannot change.")


def _lock_draft(assessment):
    """Lock the cycle's row until the transaction ends, and check it is still a draft.

    Every change to a draft's items, files and actions takes this lock first, and so does submitting. So a save
    waits for a submit (and then finds the cycle locked), and a submit waits for a save (and then sees its rating):
    a cycle is never submitted with an item someone was emptying at that moment.
    """
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _ensure_draft(locked)
    return locked


def save_item(assessment_item, data, *, expected_version, by, evidence_file=None, content_type=""):
    """Save one item's answers, and the evidence file sent with them if there is one, together or not at all.

    If someone saved the item since `expected_version`, nothing is saved and EditConflict is raised: the check and
    the write are one UPDATE of the item's own row (`core.versions.update_if_unchanged`), so of two saves of the
    same version exactly one is written. `evidence_file` must already be checked for size and real type
    (`content_type`), as ItemForm does.
    """
    require(rules.can_work_on_cycle(by, assessment_item.assessment), ONLY_MEMBERS)
    _ensure_draft(assessment_item.assessment)
    values = {field: data[field] for field in AssessmentItem.EDITABLE_FIELDS if field in data}
    with _files_kept_only_if_committed() as written, transaction.atomic(durable=bool(evidence_file)):
        _lock_draft(assessment_item.assessment)
        if not update_if_unchanged(assessment_item, expected_version, **values, updated_by=by):
            current = AssessmentItem.objects.select_related("assessment", "updated_by").get(pk=assessment_item.pk)
            raise EditConflict(current=current, attempted=values)
        audit.record(
            "assessment_item.saved",
            actor=by,
            obj=assessment_item,
            partnership=assessment_item.assessment.organisation.partnership,
            summary=f"Saved {assessment_item.item} in cycle {assessment_item.assessment.number}",
        )
        if evidence_file:
            _keep_evidence_file(assessment_item, evidence_file, content_type=content_type, by=by, written=written)
    assessment_item.refresh_from_db()
    return assessment_item


def add_evidence_file(assessment_item, uploaded, *, content_type, by):
    """Keep an evidence file under a random name. The caller has already checked its size and real type.

    The file and its row are kept together or not at all (see `_files_kept_only_if_committed`).
    """
    require(rules.can_work_on_cycle(by, assessment_item.assessment), ONLY_MEMBERS)
    _ensure_draft(assessment_item.assessment)
    with _files_kept_only_if_committed() as written, transaction.atomic(durable=True):
        _lock_draft(assessment_item.assessment)
        return _keep_evidence_file(assessment_item, uploaded, content_type=content_type, by=by, written=written)


@contextmanager
def _files_kept_only_if_committed():
    """Delete again the files written inside this block if the transaction inside it does not commit.

    A file is written before its row, so a committed row always has its file. The transaction must be the
    outermost one (`transaction.atomic(durable=True)`, which refuses to run inside another): only then does
    leaving it without an error mean the row is committed, and any error, the commit's own included, mean it is
    not. If the process dies in between, the file is left with no row; `manage.py remove_orphan_files` finds it.
    """
    written = []
    try:
        yield written
    except BaseException:
        for stored in written:
            stored.storage.delete(stored.name)
        raise


def _keep_evidence_file(assessment_item, uploaded, *, content_type, by, written):
    evidence = EvidenceFile(
        assessment_item=assessment_item,
        original_name=uploaded.name[:255],
        content_type=content_type,
        size=uploaded.size,
        uploaded_by=by,
    )
    evidence.file.save(uploaded.name, uploaded, save=False)
    written.append(evidence.file)
    evidence.save()
    audit.record(
        "evidence.added",
        actor=by,
        obj=evidence,
        partnership=assessment_item.assessment.organisation.partnership,
        summary=f"Added {evidence.original_name} to {assessment_item.item}",
    )
    return evidence


def remove_evidence_file(evidence, *, by):
    """Delete an evidence file from a draft. The stored file goes once the database change is committed."""
    require(rules.can_work_on_cycle(by, evidence.assessment_item.assessment), ONLY_MEMBERS)
    _ensure_draft(evidence.assessment_item.assessment)
    with transaction.atomic():
        _lock_draft(evidence.assessment_item.assessment)
        audit.record(
            "evidence.removed",
            actor=by,
            obj=evidence,
            partnership=evidence.assessment_item.assessment.organisation.partnership,
            summary=f"Removed {evidence.original_name}",
        )
        stored = evidence.file
        evidence.delete()
        transaction.on_commit(lambda: stored.storage.delete(stored.name))


def add_action(assessment_item, *, what, who, due, by, form_token=""):
    """Plan what the organisation will do to move up a level on one item.

    The same form sent twice (the same `form_token`) adds one action, and both times returns it.
    """
    require(rules.can_work_on_cycle(by, assessment_item.assessment), ONLY_MEMBERS)
    _ensure_draft(assessment_item.assessment)

    def new_action():
        action = Action.objects.create(assessment_item=assessment_item, what=what.strip(), who=who.strip(), due=due)
        audit.record(
            "action.added",
            actor=by,
            obj=action,
            partnership=assessment_item.assessment.organisation.partnership,
            summary=f"Action: {action}",
        )
        return action

    with transaction.atomic():
        _lock_draft(assessment_item.assessment)
        return create_once(form_token, f"assessments.action:{assessment_item.pk}", Action, new_action)


def set_action_status(action, status, *, by):
    """Actions can move on after submission too: doing them is the point."""
    require(rules.can_work_on_cycle(by, action.assessment_item.assessment), ONLY_MEMBERS)
    with transaction.atomic():
        action.status = status
        action.save(update_fields=["status", "updated_at"])
        audit.record(
            "action.status",
            actor=by,
            obj=action,
            partnership=action.assessment_item.assessment.organisation.partnership,
            summary=f"{action} is now {action.get_status_display()}",
        )
    return action


def remove_action(action, *, by):
    """Delete an action from a draft. Once submitted, actions stay on record."""
    require(rules.can_work_on_cycle(by, action.assessment_item.assessment), ONLY_MEMBERS)
    _ensure_draft(action.assessment_item.assessment)
    with transaction.atomic():
        _lock_draft(action.assessment_item.assessment)
        audit.record(
            "action.removed",
            actor=by,
            obj=action,
            partnership=action.assessment_item.assessment.organisation.partnership,
            summary=str(action),
        )
        action.delete()


def missing_ratings(assessment):
    return list(assessment.items.filter(rating__isnull=True).select_related("item"))


def submit_assessment(assessment, *, by):
    """Lock the cycle and send it on for review. Every item needs a rating first."""
    require(rules.can_work_on_cycle(by, assessment), ONLY_MEMBERS)
    with transaction.atomic():
        locked = _lock_draft(assessment)
        missing = missing_ratings(locked)
        if missing:
            raise NotReady("Give every item a rating before you submit.", missing=missing)
        locked.status = AssessmentStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.submitted_by = by
        locked.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
        audit.record(
            "assessment.submitted",
            actor=by,
            obj=locked,
            partnership=locked.organisation.partnership,
            summary=f"Cycle {locked.number} submitted by {locked.organisation}",
        )
        signals.cycle_submitted.send(sender=Assessment, assessment=locked)
    assessment.refresh_from_db()
    return assessment


def assign_reviewer(assessment, reviewer, *, by):
    """Ask one lived-experience reviewer to review a submitted cycle (see `assign_reviewers`)."""
    (review,) = assign_reviewers(assessment, [reviewer], by=by)
    return review


def assign_reviewers(assessment, reviewers, *, by):
    """Ask lived-experience reviewers of the same partnership to review a submitted cycle: all of them or none.

    Nobody reviews their own organisation, and nobody is asked twice. The cycle is then being reviewed.
    """
    require(rules.can_assign_reviewers(by, assessment), ONLY_COORDINATORS)
    reviewers = list(reviewers)
    if not reviewers:
        raise ValidationError("Choose at least one reviewer.")
    partnership = assessment.organisation.partnership
    with transaction.atomic():
        reviews = []
        for reviewer in reviewers:
            if not rules.is_reviewer(reviewer, partnership):
                raise ValidationError("Choose a lived-experience reviewer from this partnership.")
            if rules.is_member(reviewer, assessment.organisation):
                raise ValidationError("A reviewer cannot review their own organisation.")
            if ReviewerAway.objects.away_on(timezone.localdate()).filter(reviewer=reviewer, partnership=partnership):
                raise ValidationError(f"{reviewer} is not available for new reviews at the moment.")
            review, created = Review.objects.get_or_create(
                assessment=assessment, reviewer=reviewer, defaults={"assigned_by": by}
            )
            if not created:
                raise ValidationError(f"{reviewer} is already reviewing this self-assessment.")
            audit.record(
                "review.assigned",
                actor=by,
                obj=review,
                partnership=partnership,
                summary=f"{{reviewer}} asked to review {assessment}",
                mentions={"reviewer": reviewer},
            )
            reviews.append(review)
        Assessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.IN_REVIEW)
        public_cache.bump_public_generation(partnership.pk)
        signals.reviewers_assigned.send(sender=Review, reviews=reviews)
    assessment.refresh_from_db()
    return reviews


def _ensure_open(review):
    if review.status == ReviewStatus.COMPLETED:
        raise AssessmentLocked("This review is finished, so it cannot change.")


def _ensure_no_conflict(review):
    declaration = ConflictDeclaration.objects.filter(review=review).first()
    if declaration is not None and declaration.has_conflict:
        raise ValidationError("You told us you have a conflict of interest, so you cannot do this review.")


def record_verdict(review, assessment_item, *, verdict, comment, by):
    """A reviewer agrees with or challenges one rating. A challenge needs a reason. A reviewer who declared a
    conflict of interest cannot start."""
    require(rules.can_give_review(by, review), ONLY_THE_REVIEWER)
    _ensure_open(review)
    _ensure_no_conflict(review)
    if assessment_item.assessment_id != review.assessment_id:
        raise ValidationError("That item is not part of this self-assessment.")
    comment = comment.strip()
    if verdict == Verdict.CHALLENGE and not comment:
        raise ValidationError("Say why you challenge this rating.")
    with transaction.atomic():
        record, _ = ReviewComment.objects.update_or_create(
            review=review, assessment_item=assessment_item, defaults={"verdict": verdict, "comment": comment}
        )
        if review.status == ReviewStatus.ASSIGNED:
            review.status = ReviewStatus.IN_PROGRESS
            review.save(update_fields=["status", "updated_at"])
        audit.record(
            "review.verdict",
            actor=by,
            obj=record,
            partnership=review.assessment.organisation.partnership,
            summary=f"{record.get_verdict_display()} on {assessment_item.item}",
        )
    return record


def complete_review(review, *, summary, by):
    """Finish a review. When every review of the cycle is finished, the cycle counts as reviewed."""
    require(rules.can_give_review(by, review), ONLY_THE_REVIEWER)
    _ensure_open(review)
    _ensure_no_conflict(review)
    with transaction.atomic():
        given = review.comments.count()
        needed = review.assessment.items.count()
        if given < needed:
            raise NotReady(f"Give your view on every item first. You have done {given} of {needed}.")
        review.summary = summary.strip()
        review.status = ReviewStatus.COMPLETED
        review.completed_at = timezone.now()
        review.save(update_fields=["summary", "status", "completed_at", "updated_at"])
        assessment = review.assessment
        if not assessment.reviews.exclude(status=ReviewStatus.COMPLETED).exists():
            assessment.status = AssessmentStatus.REVIEWED
            assessment.reviewed_at = review.completed_at
            assessment.save(update_fields=["status", "reviewed_at", "updated_at"])
        audit.record(
            "review.completed",
            actor=by,
            obj=review,
            partnership=assessment.organisation.partnership,
            summary=f"Review of {assessment} finished",
        )
        signals.review_completed.send(sender=Review, review=review)
    return review


def declare_conflict(review, *, has_conflict, details="", by):
    """Before starting, the reviewer says whether they have a conflict of interest with the organisation. It can
    change until they give their first view; a conflict stops them going on, and the coordinators see it."""
    require(rules.can_give_review(by, review), ONLY_THE_REVIEWER)
    _ensure_open(review)
    # Once views are given, what was declared stands. A review started before declarations were asked for has
    # none, and may still be given one.
    if review.comments.exists() and ConflictDeclaration.objects.filter(review=review).exists():
        raise ValidationError("You have started this review, so you cannot change what you declared.")
    details = details.strip() if has_conflict else ""
    with transaction.atomic():
        declaration, _ = ConflictDeclaration.objects.update_or_create(
            review=review, defaults={"has_conflict": has_conflict, "details": details}
        )
        audit.record(
            "review.conflict_declared",
            actor=by,
            obj=review,
            partnership=review.assessment.organisation.partnership,
            summary=(
                "{reviewer} declared a conflict of interest" if has_conflict else "{reviewer} declared no conflict"
            ),
            mentions={"reviewer": by},
        )
    return declaration


def set_away(reviewer, partnership, until, *, by):
    """The reviewer is not offered new reviews until `until`. No reason is asked for."""
    require(rules.is_the_person(by, reviewer) and rules.is_reviewer(by, partnership), ONLY_THE_REVIEWER)
    away, _ = ReviewerAway.objects.update_or_create(
        reviewer=reviewer, partnership=partnership, defaults={"until": until}
    )
    return away


def clear_away(reviewer, partnership, *, by):
    """The reviewer is available again."""
    require(rules.is_the_person(by, reviewer) and rules.is_reviewer(by, partnership), ONLY_THE_REVIEWER)
    ReviewerAway.objects.filter(reviewer=reviewer, partnership=partnership).delete()


def respond_to_comment(review_comment, *, response, by, expected_version=None):
    """The organisation answers a reviewer's challenge. It can change its answer later; the audit keeps each.

    `expected_version` is the version the person's form showed (by default, the version of `review_comment` as it
    was read). If someone answered since, nothing changes and EditConflict holds what is saved now.
    """
    require(rules.can_answer_review(by, review_comment.review), ONLY_THE_ORGANISATION)
    response = response.strip()
    if not response:
        raise ValidationError("Write your response.")
    _ensure_answerable(review_comment)
    with transaction.atomic():
        _record_response(review_comment, response, by=by, expected_version=expected_version)
        signals.challenges_answered.send(sender=ReviewComment, review_comments=[review_comment])
    return review_comment


def answer_challenges(assessment, answers, *, by, versions=None):
    """The organisation answers its reviewers' challenges on one cycle, all in one go, and gets back those changed.

    `answers` maps each challenge to the response typed for it, blank where none was. Only new or changed responses
    are saved. A response once given cannot be emptied. If nothing changed while a challenge still has no
    response, there is nothing to save: ValidationError. `versions` maps each challenge to the version its form
    showed (by default, the version as read); if someone answered any changed one since, nothing at all is saved
    and EditConflicts holds what is saved now for each of those.
    """
    require(rules.can_work_on_cycle(by, assessment), ONLY_THE_ORGANISATION)
    answers = {comment: (response or "").strip() for comment, response in answers.items()}
    for comment, response in answers.items():
        if comment.review.assessment_id != assessment.pk:
            raise ValidationError("That comment is not about this self-assessment.")
        _ensure_answerable(comment)
        if not response and comment.response:
            raise ValidationError("Your response cannot be empty. Write a response, or put back your earlier one")
    changed = {comment: response for comment, response in answers.items() if response and response != comment.response}
    if not changed and not all(answers.values()):
        raise ValidationError("Write a response to at least one challenge before you save")
    versions = versions or {}
    with transaction.atomic():
        conflicts = []
        for comment, response in changed.items():
            try:
                _record_response(comment, response, by=by, expected_version=versions.get(comment))
            except EditConflict as conflict:
                conflicts.append(conflict)
        if conflicts:
            raise EditConflicts(conflicts)
        if changed:
            signals.challenges_answered.send(sender=ReviewComment, review_comments=list(changed))
    return list(changed)


def _ensure_answerable(review_comment):
    # A reviewer can change their mind until they finish, so only a finished review's challenges can be answered.
    if not review_comment.is_challenge or review_comment.review.status != ReviewStatus.COMPLETED:
        raise ValidationError("You can respond to a challenge once its reviewer has finished the review.")


def _record_response(review_comment, response, *, by, expected_version=None):
    expected = review_comment.version if expected_version is None else expected_version
    values = {"response": response, "responded_at": timezone.now(), "responded_by": by}
    if not update_if_unchanged(review_comment, expected, **values):
        current = ReviewComment.objects.select_related("responded_by").get(pk=review_comment.pk)
        raise EditConflict(current=current, attempted=values)
    # An update sends no signal: the commitment page counts answered challenges, so clear it once this commits.
    public_cache.bump_public_generation(review_comment.review.assessment.organisation.partnership_id)
    audit.record(
        "review.response",
        actor=by,
        obj=review_comment,
        partnership=review_comment.review.assessment.organisation.partnership,
        summary=f"Responded on {review_comment.assessment_item.item}",
        response=response,
    )


def record_file_download(evidence, *, by):
    """Evidence can hold personal details, so every download is written down."""
    require(rules.can_see_cycle(by, evidence.assessment_item.assessment), ONLY_READERS)
    audit.record(
        "evidence.downloaded",
        actor=by,
        obj=evidence,
        partnership=evidence.assessment_item.assessment.organisation.partnership,
        summary=f"Downloaded {evidence.original_name}",
    )
