from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "included.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        # Register what the outbox holds about a person, and how long the outbox, the audit details and the task
        # worker's finished results are kept; and the deployment checks.
        from . import audit, checks, mail, worker  # noqa: F401
