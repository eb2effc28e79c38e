from django.apps import AppConfig

from included.access.enums import PartnershipRole
from included.core.navigation import NavEntry


class NotificationsConfig(AppConfig):
    name = "included.notifications"
    label = "notifications"
    verbose_name = "Emails about things waiting"
    navigation = (
        NavEntry(
            "Emails we send",
            "notifications:previews",
            order=95,
            shown_to=frozenset({PartnershipRole.COORDINATOR}),
        ),
    )

    def ready(self):
        # Listens to the events that email people; registers what it holds about a person, and the outbox hooks.
        from . import personal_data, receivers, sending  # noqa: F401
