from django.apps import AppConfig


class InvitationsConfig(AppConfig):
    name = "included.invitations"
    label = "invitations"
    verbose_name = "Invitations"

    def ready(self):
        from . import personal_data  # noqa: F401  (registers what invitations hold about a person)
