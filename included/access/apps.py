from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "included.access"
    label = "access"
    verbose_name = "Roles and access"
