from django.apps import AppConfig

from included.access.enums import PartnershipRole
from included.core.navigation import NavEntry

COORDINATORS = frozenset({PartnershipRole.COORDINATOR})
NOBODY_SIGNED_IN = frozenset()


class JoiningConfig(AppConfig):
    name = "included.joining"
    label = "joining"
    verbose_name = "Requests to join"
    navigation = (
        NavEntry("Requests to join", "joining:requests", order=45, shown_to=COORDINATORS),
        # Only signed-out visitors see it: people who already take part join through an invitation.
        NavEntry("Ask to join", "joining:ask", order=95, shown_to=NOBODY_SIGNED_IN, public_label="Ask to join"),
    )
    # What this app puts on a person's to-do list (included.core.todo), gathered by included.www.todo.
    to_do = "included.joining.todo.to_do"

    def ready(self):
        from . import personal_data  # noqa: F401  (registers what requests to join hold about a person)
