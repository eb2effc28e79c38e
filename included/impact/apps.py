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
        from . import personal_data, tasks  # noqa: F401
