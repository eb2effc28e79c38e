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

    def ready(self):
        from included.core.public_cache import bump_on_change

        from .models import Organisation

        # Names, sectors and archiving show on the register and "You said, we did".
        bump_on_change(Organisation, lambda organisation: organisation.partnership_id)
