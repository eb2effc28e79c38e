from django.apps import AppConfig

from included.access.enums import PartnershipRole
from included.core.navigation import NavEntry

COORDINATORS = frozenset({PartnershipRole.COORDINATOR})


class ImpactConfig(AppConfig):
    name = "included.impact"
    label = "impact"
    verbose_name = "Impact"
    navigation = (NavEntry("Impact", "impact:dashboard", order=55, shown_to=COORDINATORS, public_label="Impact"),)

    def ready(self):
        from included.core.public_cache import bump_on_change

        from . import personal_data, tasks  # noqa: F401
        from .models import AnnualReport, PartnershipFact, SocialMobilityReturn

        # The public impact page shows the facts, the employers' figures added up, and the published reports.
        bump_on_change(PartnershipFact, lambda fact: fact.partnership_id)
        bump_on_change(SocialMobilityReturn, lambda figures: figures.assessment.organisation.partnership_id)
        bump_on_change(AnnualReport, lambda report: report.partnership_id)
