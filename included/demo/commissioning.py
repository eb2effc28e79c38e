"""The demo's funding round, its panel, scores and decisions, built through the commissioning services.

What it says is in data/commissioning.yaml. The round is opened and applied to today, then its dates are moved
into the past, as the demo does for its other records.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from included.commissioning import services
from included.commissioning.loader import shipped_scoring_frameworks
from included.commissioning.models import Application, Round
from included.demo.content import read

COMMISSIONING = read("commissioning")


def _scores(round, value):
    return {criterion.key: value for criterion in round.scoring_framework.scheme.criteria}


def load_demo_commissioning(organisations, people, admin_of):
    """`organisations` by key, `people` by name, `admin_of(organisation)` its first admin."""
    spec = COMMISSIONING["round"]
    funder = organisations[spec["funder"]]
    funder_admin = admin_of(funder)
    today = timezone.localdate()
    round = services.open_round(
        funder,
        by=funder_admin,
        kind=spec["kind"],
        title=spec["title"],
        purpose=spec["purpose"],
        eligibility=spec["eligibility"],
        eligible_sectors=[],
        total_amount=Decimal(spec["total_amount"]),
        largest_award=Decimal(spec["largest_award"]),
        small_grant_limit=Decimal(spec["small_grant_limit"]),
        opens_on=today,
        closes_on=today,
        scoring_framework=shipped_scoring_frameworks()[0],
    )
    panel = {}
    for place in COMMISSIONING["panel"]:
        panel[place["role"]] = people[place["who"]]
        services.add_panel_member(
            round,
            people[place["who"]],
            place["role"],
            by=funder_admin,
            recognition=place["recognition"],
            hours_given=Decimal(place["hours"]) if "hours" in place else None,
            hourly_rate=Decimal(place["rate"]) if "rate" in place else None,
        )
    for entry in COMMISSIONING["applications"]:
        organisation = organisations[entry["organisation"]]
        application = services.apply(
            round,
            organisation,
            by=admin_of(organisation),
            title=entry["title"],
            summary=entry["summary"],
            amount_requested=Decimal(entry["amount"]),
            answers={criterion.key: entry["summary"] for criterion in round.scoring_framework.scheme.criteria},
            evidence_consent=True,
        )
        for role, person in panel.items():
            services.declare_interest(application, by=person, has_conflict=False)
            services.submit_score(application, by=person, scores=_scores(round, entry["score"][role]))
        services.moderate(
            application,
            by=funder_admin,
            scores=_scores(round, entry["score"]["agreed"]),
            reasons="The panel talked it through and agreed these scores together.",
        )
        decision = entry["decision"]
        services.decide(
            application,
            by=funder_admin,
            award="award" in decision,
            amount_awarded=Decimal(decision["award"]) if "award" in decision else None,
            reasons=decision["reasons"],
            feedback=decision["feedback"],
        )
    decided = timezone.now() - datetime.timedelta(days=spec["closed_days_ago"] - 7)
    Round.objects.filter(pk=round.pk).update(
        opens_on=today - datetime.timedelta(days=spec["opened_days_ago"]),
        closes_on=today - datetime.timedelta(days=spec["closed_days_ago"]),
    )
    Application.objects.filter(round=round).update(
        submitted_at=timezone.now() - datetime.timedelta(days=spec["closed_days_ago"] + 5),
        moderated_at=decided,
        decided_at=decided,
    )
    return round
