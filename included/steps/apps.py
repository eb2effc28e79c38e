from django.apps import AppConfig


class StepsConfig(AppConfig):
    name = "included.steps"
    label = "steps"
    verbose_name = "Small steps"
    # Shown to every signed-in person, with or without an organisation or a partnership.
    me_cards = "included.steps.me.cards"

    def ready(self):
        from . import personal_data  # noqa: F401  (registers what small steps hold about a person)
