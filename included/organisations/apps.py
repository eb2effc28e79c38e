from django.apps import AppConfig

from included.access.enums import PartnershipRole
from included.core.navigation import NavEntry


class OrganisationsConfig(AppConfig):
    name = "included.organisations"
    label = "organisations"
    verbose_name = "Organisations"
    navigation = (
        NavEntry(
            "Organisations",
            "organisations:coordinator_list",
            order=35,
            shown_to=frozenset({PartnershipRole.COORDINATOR}),
        ),
    )
