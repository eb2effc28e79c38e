from django.apps import AppConfig


class InvitationsConfig(AppConfig):
    name = "included.invitations"
    label = "invitations"
    verbose_name = "Invitations"
