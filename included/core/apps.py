from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "included.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from . import mail  # noqa: F401  (registers what the outbox holds about a person)
