from django.apps import AppConfig

from included.access.enums import PartnershipRole
from included.core.navigation import NavEntry


class LanguageConfig(AppConfig):
    name = "included.language"
    label = "language"
    verbose_name = "Language"
    navigation = (
        NavEntry(
            "Word lists",
            "language:word_lists",
            order=60,
            shown_to=frozenset({PartnershipRole.COORDINATOR, PartnershipRole.REVIEWER}),
        ),
    )
