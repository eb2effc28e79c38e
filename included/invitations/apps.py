from django.apps import AppConfig


class InvitationsConfig(AppConfig):
    name = "included.invitations"
    label = "invitations"
    verbose_name = "Invitations"
    # What this app puts on a person's to-do list (included.core.todo), gathered by included.www.todo.
    to_do = "included.invitations.todo.to_do"

    def ready(self):
        from . import personal_data  # noqa: F401  (registers what invitations hold about a person)
