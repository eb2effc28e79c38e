from django.apps import AppConfig

from included.core.navigation import NavEntry


class StepsConfig(AppConfig):
    name = "included.steps"
    label = "steps"
    verbose_name = "Small steps"
    # Shown to every signed-in person, with or without an organisation or a partnership.
    navigation = (NavEntry("Your small steps", "steps:home", order=80, personal=True),)

    def ready(self):
        from . import personal_data  # noqa: F401  (registers what small steps hold about a person)
