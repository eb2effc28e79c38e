from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "included.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        # Register what the outbox holds about a person, and how long the outbox, the audit details, the task
        # worker's finished results and the rate limits' counts are kept; and the deployment checks.
        # Every write to the database throws away the pages kept for signed-in people, once it is committed.
        from django.db.backends.signals import connection_created

        from . import audit, checks, mail, throttle, worker  # noqa: F401
        from .signed_in_pages import watch_writes

        connection_created.connect(watch_writes, dispatch_uid="included-watch-writes")
