"""What Included already shows about an applicant, taken as a snapshot when it sends an application with consent.

The snapshot is plain data (JSON), dated, so the panel reads what was true on the day the application was sent,
even if the organisation's record changes later. The co-production figures come from the same measures as the
organisation's own co-production page (`included.coproduction.measures`).
"""

from django.utils import timezone

from included.assessments.enums import AssessmentStatus, ReviewStatus
from included.assessments.models import Assessment, SignUp
from included.coproduction import measures, reports
from included.coproduction.models import Activity, Contribution


def _day(moment):
    return timezone.localdate(moment).isoformat() if moment else None


def snapshot(organisation, *, now=None):
    """The evidence an application carries: sign-ups, the latest cycle and its review, pay and loop closure."""
    now = now or timezone.now()
    sign_ups = (
        SignUp.objects.active()
        .filter(organisation=organisation)
        .select_related("framework_version__framework")
        .order_by("signed_at", "pk")
    )
    latest = (
        Assessment.objects.filter(organisation=organisation)
        .exclude(status=AssessmentStatus.DRAFT)
        .select_related("sign_up__framework_version__framework")
        .order_by("-submitted_at", "-pk")
        .first()
    )
    activities = reports.activity_facts(Activity.objects.for_organisation(organisation))
    wage = measures.living_wage_comparison(activities, reports.living_wage_rates())
    closure = measures.loop_closure_share(
        reports.contribution_facts(Contribution.objects.for_organisation(organisation))
    )
    return {
        "taken_on": _day(now),
        "sign_ups": [
            {"framework": sign_up.framework_version.framework.name, "signed_on": _day(sign_up.signed_at)}
            for sign_up in sign_ups
        ],
        "latest_cycle": None
        if latest is None
        else {
            "framework": latest.sign_up.framework_version.framework.name,
            "submitted_on": _day(latest.submitted_at),
            "status": AssessmentStatus(latest.status).label,
            "reviewed_by_lived_experience": latest.reviews.filter(status=ReviewStatus.COMPLETED).exists(),
        },
        "coproduction_activities": len(activities),
        "paid_at_or_above_living_wage": {
            "part": wage.at_or_above.part,
            "whole": wage.at_or_above.whole,
            "words": str(wage.at_or_above) if wage.at_or_above.whole else "Nobody was paid by the hour",
        },
        "loop_closure": {"part": closure.part, "whole": closure.whole, "words": str(closure)},
    }


def rows(evidence):
    """The snapshot as (question, answer) pairs in plain words, for the application page and the panel."""
    if not evidence:
        return []
    sign_ups = evidence.get("sign_ups") or []
    latest = evidence.get("latest_cycle")
    return [
        (
            "Signed up to",
            "; ".join(f"{s['framework']}, on {s['signed_on']}" for s in sign_ups) or "No framework yet",
        ),
        (
            "Latest self-assessment",
            f"{latest['framework']}, sent on {latest['submitted_on']} ({latest['status']})"
            if latest
            else "None sent yet",
        ),
        (
            "Reviewed by people with lived experience",
            ("Yes" if latest["reviewed_by_lived_experience"] else "Not yet") if latest else "No cycle to review",
        ),
        ("Co-production activities recorded", str(evidence.get("coproduction_activities", 0))),
        ("Paid at or above the Real Living Wage", evidence["paid_at_or_above_living_wage"]["words"]),
        ("What people said that was answered and told back", evidence["loop_closure"]["words"]),
    ]
