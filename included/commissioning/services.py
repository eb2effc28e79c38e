"""Every change to rounds, applications, panels and decisions: one function per thing a person does.

Each asks `included.access` first, then changes the data inside one transaction and writes an audit row.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from included.access.rules import (
    can_apply,
    can_ask_about,
    can_join_panel,
    can_open_rounds,
    can_run_round,
    can_score,
    can_write_scoring_frameworks,
    panel_place_of,
    require,
)
from included.core import audit
from included.core.receipts import create_once
from included.core.versions import EditConflict, update_if_unchanged

from . import evidence, scoring, signals
from .enums import ApplicationStatus, PanelRole
from .models import Application, Declaration, Lot, PanelMember, Question, Round, Score, ScoringFramework


class CommissioningError(Exception):
    """Something that cannot be done now, said in plain words."""


def open_round(organisation, *, by, form_token="", **details):
    """A funder, commissioner or public body opens a grants programme or a tender."""
    require(can_open_rounds(by, organisation), "Only the admins of a funder, commissioner or council can open a round.")

    def create():
        round = Round.objects.create(
            partnership=organisation.partnership, organisation=organisation, opened_by=by, **details
        )
        audit.record("commissioning.round_opened", actor=by, obj=round, summary=round.title)
        return round

    with transaction.atomic():
        return create_once(form_token, "commissioning:open_round", Round, create)


# What the people running a round may change until it closes. The kind, the organisation and the scoring framework
# stay as opened: applicants and the panel may already be working to them.
CHANGEABLE = (
    "title",
    "purpose",
    "eligibility",
    "eligible_sectors",
    "total_amount",
    "largest_award",
    "small_grant_limit",
    "minimum_turnover",
    "insurance_required",
    "opens_on",
    "closes_on",
)
ONLY_RUNNING = "Only the admins of the organisation running this round can change it."


def why_round_cannot_change(round):
    """Why a round can no longer change, in words for the person trying; "" while it can."""
    if round.is_withdrawn:
        return "This round was withdrawn, so it can no longer change."
    if not round.can_still_change:
        return "This round has closed, so it can no longer change."
    return ""


def change_round(round, *, by, expected_version, **details):
    """Change a round's words, dates and money until it closes. Refused once it has closed or was withdrawn, and
    when it would hold less than it has already awarded. If someone saved it since the form was opened, nothing
    changes and EditConflict holds what is saved now."""
    require(can_run_round(by, round), ONLY_RUNNING)
    values = {name: details[name] for name in CHANGEABLE if name in details}
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        if refused := why_round_cannot_change(locked):
            raise CommissioningError(refused)
        awarded = locked.total_amount - money_left(locked)
        if "total_amount" in values and values["total_amount"] < awarded:
            raise CommissioningError(f"The round has already awarded £{awarded:,.2f}. It must hold at least that.")
        if not update_if_unchanged(locked, expected_version, **values):
            raise EditConflict(current=locked, attempted=values)
        audit.record(
            "commissioning.round_changed",
            actor=by,
            obj=locked,
            partnership=locked.partnership,
            summary=locked.title,
            fields=sorted(values),
        )
    return locked


def withdraw_round(round, *, by, reason):
    """Withdraw a round with a reason that its applicants read, and tell them by email. It takes no more
    applications. Refused once anything in it has been awarded, and the second time."""
    require(can_run_round(by, round), ONLY_RUNNING)
    reason = reason.strip()
    if not reason:
        raise CommissioningError("Say why you are withdrawing the round. Everyone who applied reads it.")
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        if locked.is_withdrawn:
            raise CommissioningError("This round has already been withdrawn.")
        if locked.applications.awarded().exists():
            raise CommissioningError("Money in this round has already been awarded, so it cannot be withdrawn.")
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = by
        locked.withdrawal_reason = reason
        locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"])
        audit.record(
            "commissioning.round_withdrawn",
            actor=by,
            obj=locked,
            partnership=locked.partnership,
            summary=locked.title,
            reason=reason,
        )
        signals.round_withdrawn.send(sender=Round, round=locked)
    return locked


def write_scoring_framework(partnership, content, *, by):
    """Save a new version of a scoring framework, written in the browser, for this partnership's rounds. It passes
    the same checks as a shipped file (weights add up to 100, social value at least 10, a descriptor per score)."""
    require(
        can_write_scoring_frameworks(by, partnership),
        "Only the admins of a funder, commissioner or council can write scoring frameworks.",
    )
    scheme = scoring.parse(content)
    if ScoringFramework.objects.filter(slug=scheme.slug, version=scheme.version).exists():
        raise scoring.ScoringFileError([f"Version {scheme.version} already exists. Give this version a new name."])
    with transaction.atomic():
        framework = ScoringFramework.objects.create(
            partnership=partnership,
            written_by=by,
            slug=scheme.slug,
            version=scheme.version,
            name=scheme.name,
            content=content,
        )
        audit.record(
            "commissioning.scoring_framework_written",
            actor=by,
            obj=framework,
            partnership=partnership,
            summary=str(framework),
        )
    return framework


def add_lot(round, *, by, title, description, amount):
    require(can_run_round(by, round), "Only the admins of the organisation running this round can add lots.")
    with transaction.atomic():
        lot = Lot.objects.create(round=round, title=title, description=description, amount=amount)
        audit.record("commissioning.lot_added", actor=by, obj=round, partnership=round.partnership, summary=title)
    return lot


def apply(round, organisation, *, by, evidence_consent, annual_turnover=None, policies="", form_token="", **details):
    """Send an application. Small amounts use the short form, so turnover and policies are never kept for them;
    with consent, what Included shows about the organisation is attached as it is today."""
    require(can_apply(by, round, organisation), "Only your organisation's admins can apply for it.")
    if not round.is_open:
        raise CommissioningError("This round is not taking applications.")
    short = round.uses_short_form(details["amount_requested"])
    now = timezone.now()

    def create():
        application = Application.objects.create(
            round=round,
            organisation=organisation,
            submitted_by=by,
            submitted_at=now,
            short_form=short,
            annual_turnover=None if short else annual_turnover,
            policies="" if short else policies,
            evidence_consent=evidence_consent,
            evidence=evidence.snapshot(organisation, now=now) if evidence_consent else {},
            evidence_taken_at=now if evidence_consent else None,
            **details,
        )
        audit.record(
            "commissioning.application_sent",
            actor=by,
            obj=application,
            partnership=round.partnership,
            summary=application.title,
        )
        return application

    try:
        with transaction.atomic():
            return create_once(form_token, "commissioning:apply", Application, create)
    except IntegrityError:
        raise CommissioningError(f"{organisation.name} has already applied to this round.") from None


def add_panel_member(
    round, person, role, *, by, recognition="", hours_given=None, hourly_rate=None, voucher_value=None
):
    """Put someone on the panel, with how they are paid or thanked for their time, and tell them by email."""
    require(can_run_round(by, round), "Only the admins of the organisation running this round can choose its panel.")
    if not can_join_panel(person, round, role):
        raise CommissioningError(
            "Panel members with lived experience must be the partnership's reviewers; officers must belong to "
            "the organisation running the round."
        )
    try:
        with transaction.atomic():
            place = PanelMember.objects.create(
                round=round,
                user=person,
                role=role,
                recognition=recognition,
                hours_given=hours_given,
                hourly_rate=hourly_rate,
                voucher_value=voucher_value,
            )
            audit.record(
                "commissioning.panel_member_added",
                actor=by,
                obj=round,
                partnership=round.partnership,
                summary=PanelRole(role).label,
                mentions={"person": person},
            )
            signals.panel_member_added.send(sender=PanelMember, place=place)
    except IntegrityError:
        raise CommissioningError(f"{person} is already on this panel.") from None
    return place


def declare_interest(application, *, by, has_conflict, details=""):
    """Before scoring, a panel member says whether they have a conflict of interest. It cannot be taken back."""
    place = panel_place_of(by, application.round)
    require(place is not None, "Only the round's panel members can declare an interest.")
    try:
        with transaction.atomic():
            declaration = Declaration.objects.create(
                application=application, panel_member=place, has_conflict=has_conflict, details=details
            )
            audit.record(
                "commissioning.interest_declared",
                actor=by,
                obj=application,
                partnership=application.round.partnership,
                summary="A conflict of interest" if has_conflict else "No conflict of interest",
            )
    except IntegrityError:
        raise CommissioningError("You have already said whether you have a conflict with this application.") from None
    return declaration


def submit_score(application, *, by, scores, comments=""):
    """A panel member's own scores, sent once, before they may see anyone else's."""
    require(can_score(by, application), "You cannot score this application.")
    scheme = application.round.scoring_framework.scheme
    _check_scores(scheme, scores)
    place = panel_place_of(by, application.round)
    try:
        with transaction.atomic():
            score = Score.objects.create(
                application=application,
                panel_member=place,
                scores=scores,
                comments=comments,
                total=scheme.weighted_total(scores),
            )
            audit.record(
                "commissioning.score_sent", actor=by, obj=application, partnership=application.round.partnership
            )
    except IntegrityError:
        raise CommissioningError("You have already scored this application.") from None
    return score


def _check_scores(scheme, scores):
    expected = {criterion.key for criterion in scheme.criteria}
    if set(scores) != expected or any(score not in scheme.scores for score in scores.values()):
        raise CommissioningError("Give every criterion one of the scores on the scale.")


def scoring_still_to_do(application):
    """Panel members with no conflict who have not yet sent their scores for this application."""
    conflicted = application.declarations.filter(has_conflict=True).values("panel_member_id")
    scored = application.scores.values("panel_member_id")
    return application.round.panel.exclude(pk__in=conflicted).exclude(pk__in=scored)


def moderate(application, *, by, scores, reasons):
    """Once every panel member without a conflict has scored, record the score the panel agreed, and why."""
    require(can_run_round(by, application.round), "Only the admins running this round can record the agreed score.")
    scheme = application.round.scoring_framework.scheme
    _check_scores(scheme, scores)
    with transaction.atomic():
        # The row is locked, so a decision made at the same moment waits and then sees this agreed score.
        _lock(application)
        if application.is_decided:
            raise CommissioningError("This application has been decided: its agreed score cannot change.")
        if not application.scores.exists() or scoring_still_to_do(application).exists():
            raise CommissioningError("Every panel member without a conflict must send their scores first.")
        application.agreed_scores = scores
        application.agreed_score = scheme.weighted_total(scores)
        application.moderation_reasons = reasons
        application.moderated_by = by
        application.moderated_at = timezone.now()
        application.save(
            update_fields=[
                "agreed_scores",
                "agreed_score",
                "moderation_reasons",
                "moderated_by",
                "moderated_at",
                "updated_at",
            ]
        )
        audit.record(
            "commissioning.score_agreed",
            actor=by,
            obj=application,
            partnership=application.round.partnership,
            summary=f"{application.agreed_score} out of 100",
        )
    return application


def decide(application, *, by, award, reasons, feedback, amount_awarded=None):
    """Award or decline a moderated application, with reasons and feedback the applicant reads in its letter. The
    applicant's people are emailed that the letter is ready (nothing of the decision is in the email)."""
    require(can_run_round(by, application.round), "Only the admins running this round can decide.")
    if award and (amount_awarded is None or amount_awarded <= Decimal("0")):
        raise CommissioningError("Say how much you are awarding.")
    with transaction.atomic():
        # Locked, so two people deciding at once cannot both decide: the second sees the first's decision.
        _lock(application)
        if application.round.is_withdrawn:
            raise CommissioningError("This round was withdrawn, so nothing in it is decided.")
        if not application.is_moderated:
            raise CommissioningError("Record the panel's agreed score before you decide.")
        if application.is_decided:
            raise CommissioningError("This application has already been decided.")
        if award and amount_awarded > money_left(application.round):
            raise CommissioningError(
                f"The round has £{money_left(application.round):,.2f} left. Award that much or less."
            )
        application.status = ApplicationStatus.AWARDED if award else ApplicationStatus.DECLINED
        application.amount_awarded = amount_awarded if award else None
        application.decision_reasons = reasons
        application.feedback = feedback
        application.decided_by = by
        application.decided_at = timezone.now()
        application.save(
            update_fields=[
                "status",
                "amount_awarded",
                "decision_reasons",
                "feedback",
                "decided_by",
                "decided_at",
                "updated_at",
            ]
        )
        audit.record(
            "commissioning.decided",
            actor=by,
            obj=application,
            partnership=application.round.partnership,
            summary=ApplicationStatus(application.status).label,
        )
        signals.application_decided.send(sender=Application, application=application)
    return application


def money_left(round):
    """What the round holds less what it has already awarded."""
    awarded = round.applications.awarded().aggregate(total=Sum("amount_awarded"))["total"] or Decimal("0")
    return round.total_amount - awarded


def _lock(application):
    """Lock the round's row, then the application's, and read its decision, moderation and whether the round was
    withdrawn again, as they are now.
    Every decision in a round takes the round's lock first, so two awards cannot both spend the last of its money."""
    round = Round.objects.select_for_update().filter(pk=application.round_id).first()
    application.round.withdrawn_at = round.withdrawn_at
    fresh = Application.objects.select_for_update().get(pk=application.pk)
    for name in ("status", "moderated_at", "decided_at"):
        setattr(application, name, getattr(fresh, name))


def ask_question(application, *, by, kind, text):
    require(can_ask_about(by, application), "Only the organisation that applied can ask about its application.")
    with transaction.atomic():
        question = Question.objects.create(application=application, kind=kind, text=text, asked_by=by)
        audit.record(
            "commissioning.question_asked", actor=by, obj=application, partnership=application.round.partnership
        )
    return question


def answer_question(question, *, by, answer):
    """Answer an applicant's question or appeal, once; the person who asked is emailed that it has an answer."""
    require(can_run_round(by, question.application.round), "Only the admins running this round can answer.")
    if question.answered_at is not None:
        raise CommissioningError("This has already been answered.")
    with transaction.atomic():
        question.answer = answer
        question.answered_by = by
        question.answered_at = timezone.now()
        question.save(update_fields=["answer", "answered_by", "answered_at", "updated_at"])
        audit.record(
            "commissioning.question_answered",
            actor=by,
            obj=question.application,
            partnership=question.application.round.partnership,
        )
        signals.question_answered.send(sender=Question, question=question)
    return question
