"""The demo partnership's impact records, built through the impact services as coordinators and admins would."""

import datetime
from decimal import Decimal

from django.utils import timezone

from included.access.enums import MemberRole
from included.assessments.models import Assessment
from included.impact import services
from included.partnerships.models import Partnership

from .content import read

IMPACT = read("impact")


def _day(days_ago):
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def load_demo_impact(partnership, coordinator, reviewer, organisations):
    """Facts, social mobility figures and a draft report for last year. `organisations` maps keys to rows."""
    Partnership.objects.filter(pk=partnership.pk).update(suppression_k=IMPACT["suppression_k"])
    partnership.refresh_from_db()
    for fact in IMPACT["facts"]:
        services.record_partnership_fact(
            partnership,
            kind=fact["kind"],
            description=fact["description"],
            happened_on=_day(fact["days_ago"]),
            evidence_url=fact["evidence_url"],
            amount=Decimal(fact["amount"]) if "amount" in fact else None,
            by=coordinator,
        )
    for figures in IMPACT["social_mobility"]:
        organisation = organisations[figures["organisation"]]
        cycle = Assessment.objects.filter(organisation=organisation).submitted().order_by("-submitted_at").first()
        if cycle is None:
            continue
        admin = organisation.memberships.filter(role=MemberRole.ADMIN).order_by("pk").first().user
        services.record_social_mobility(
            cycle, collected_on=_day(figures["collected_days_ago"]), by=admin, **figures["counts"]
        )
    report = services.start_report(partnership, timezone.localdate().year - 1, by=coordinator)
    report = services.save_report_section(
        report, "introduction", IMPACT["report"]["introduction"], expected_version=report.version, by=coordinator
    )
    services.save_report_section(
        report, "what_we_saw", IMPACT["report"]["what_we_saw"], expected_version=report.version, by=reviewer
    )
