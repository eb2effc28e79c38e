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

    def ready(self):
        from . import personal_data  # noqa: F401  (registers what the language app holds about a person)
