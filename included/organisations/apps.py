from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "included.organisations"
    label = "organisations"
    verbose_name = "Organisations"
