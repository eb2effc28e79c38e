from django.apps import AppConfig

from included.core.navigation import NavEntry


class CommissioningConfig(AppConfig):
    name = "included.commissioning"
    label = "commissioning"
    verbose_name = "Commissioning and grants"
    navigation = (
        NavEntry("Funding", "commissioning:rounds", order=60),
        NavEntry("Grants given", "commissioning:ledger", order=85, public_label="Grants given"),
    )
    # What this app puts on a person's to-do list (included.core.todo), gathered by included.www.todo.
    to_do = "included.commissioning.todo.to_do"

    def ready(self):
        from included.core.public_cache import bump_on_change

        from . import personal_data  # noqa: F401  (registers what panels, applications and questions hold)
        from .models import Application, Round

        bump_on_change(Application, lambda application: application.round.partnership_id)
        bump_on_change(Round, lambda round: round.partnership_id)  # the impact dashboard counts rounds
