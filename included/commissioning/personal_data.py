"""What commissioning holds about a person: panel places (with what they were paid), their scores and declarations,
the questions they asked and answered, and the rounds and applications they opened, withdrew, sent, moderated or
decided.

Rounds, applications and decisions belong to the organisations involved and stay; a person who deletes their
account is taken out of their words. Panel places and scores stay too, as the record of how money was decided, but
keep only a link to an account that deletion makes "Former member".
"""

from django.db.models import Q

from included.core.personal_data import register_eraser, register_exporter, scrub_rows

from .models import Application, Declaration, PanelMember, Question, Round, Score, ScoringFramework

COVERS = [
    "commissioning.Round",
    "commissioning.Lot",
    "commissioning.Application",
    "commissioning.PanelMember",
    "commissioning.Declaration",
    "commissioning.Score",
    "commissioning.Question",
    "commissioning.ScoringFramework",
]


@register_exporter(covers=COVERS)
def commissioning(user):
    places = PanelMember.objects.filter(user=user).select_related("round")
    return {
        "funding_rounds_you_opened": [
            {"round": r.title, "opened_on": r.created_at} for r in Round.objects.filter(opened_by=user)
        ],
        "funding_rounds_you_withdrew": [
            {"round": r.title, "withdrawn_at": r.withdrawn_at, "reason": r.withdrawal_reason}
            for r in Round.objects.filter(withdrawn_by=user)
        ],
        "applications_you_sent_or_decided": [
            {"application": a.title, "round": a.round.title, "sent_at": a.submitted_at, "status": a.status}
            for a in Application.objects.filter(Q(submitted_by=user) | Q(moderated_by=user) | Q(decided_by=user))
            .select_related("round")
            .distinct()
        ],
        "panels_you_sat_on": [
            {
                "round": place.round.title,
                "role": place.get_role_display(),
                "how_you_were_thanked": place.get_recognition_display(),
                "hours": place.hours_given,
                "paid": place.paid,
            }
            for place in places
        ],
        "conflicts_you_declared": [
            {"application": d.application.title, "conflict": d.has_conflict, "details": d.details}
            for d in Declaration.objects.filter(panel_member__user=user).select_related("application")
        ],
        "scores_you_gave": [
            {"application": s.application.title, "scores": s.scores, "total": s.total, "comments": s.comments}
            for s in Score.objects.filter(panel_member__user=user).select_related("application")
        ],
        "scoring_frameworks_you_wrote": [
            {"framework": f.name, "version": f.version, "written_at": f.created_at}
            for f in ScoringFramework.objects.filter(written_by=user)
        ],
        "questions_you_asked_or_answered": [
            {"kind": q.kind, "text": q.text, "answer": q.answer, "asked_at": q.created_at}
            for q in Question.objects.filter(Q(asked_by=user) | Q(answered_by=user))
        ],
    }


@register_eraser(covers=COVERS)
def forget_commissioning(user):
    """Take the person's name and email out of what they wrote; the records of decisions about money stay."""
    scrub_rows(Declaration.objects.filter(panel_member__user=user), ["details"], user)
    scrub_rows(Score.objects.filter(panel_member__user=user), ["comments"], user)
    scrub_rows(Question.objects.filter(Q(asked_by=user) | Q(answered_by=user)), ["text", "answer"], user)
    scrub_rows(
        Application.objects.filter(Q(submitted_by=user) | Q(moderated_by=user) | Q(decided_by=user)),
        ["summary", "policies", "moderation_reasons", "decision_reasons", "feedback"],
        user,
    )
    scrub_rows(Round.objects.filter(opened_by=user), ["purpose", "eligibility"], user)
    scrub_rows(Round.objects.filter(withdrawn_by=user), ["withdrawal_reason"], user)
    scrub_rows(ScoringFramework.objects.filter(written_by=user), ["content"], user)
