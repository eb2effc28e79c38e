from django.apps import AppConfig


class StepsConfig(AppConfig):
    name = "included.steps"
    label = "steps"
    verbose_name = "Small steps"
    # Shown to every signed-in person, with or without an organisation or a partnership.
    me_cards = "included.steps.me.cards"
    # Suggested steps waiting for the person, on their home page's to-do list (included.core.todo, FOR_YOU).
    personal_to_do = "included.steps.todo.to_do"

    def ready(self):
        from . import personal_data  # noqa: F401  (registers what small steps hold about a person)
