from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "included.notifications"
    label = "notifications"
    verbose_name = "Emails about things waiting"

    def ready(self):
        # Listens to the events that email people; registers what it holds about a person, and the outbox hooks.
        from . import personal_data, receivers, sending  # noqa: F401
