from django.apps import AppConfig

from included.access.enums import PartnershipRole
from included.core.navigation import NavEntry


class WwwConfig(AppConfig):
    """The top floor: pages that gather from several apps. Nothing imports it."""

    name = "included.www"
    label = "www"
    verbose_name = "Home pages"
    navigation = (
        NavEntry("Invitations", "www:invitations", order=40, shown_to=frozenset({PartnershipRole.COORDINATOR})),
    )
