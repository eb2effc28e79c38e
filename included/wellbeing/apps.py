from django.apps import AppConfig

from included.access.enums import PartnershipRole
from included.core.navigation import NavEntry


class WellbeingConfig(AppConfig):
    name = "included.wellbeing"
    label = "wellbeing"
    verbose_name = "Wellbeing"
    me_cards = "included.wellbeing.me.cards"
    navigation = (
        NavEntry(
            "Wellbeing figures", "wellbeing:partnership", order=82, shown_to=frozenset({PartnershipRole.COORDINATOR})
        ),
    )

    def ready(self):
        from . import personal_data  # noqa: F401  (registers what wellbeing answers hold about a person)
