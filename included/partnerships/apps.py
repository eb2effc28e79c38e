from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "included.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"
