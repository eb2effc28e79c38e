from django.apps import AppConfig

from included.core.navigation import NavEntry


class OpendataConfig(AppConfig):
    name = "included.opendata"
    label = "opendata"
    verbose_name = "Open data"
    navigation = (NavEntry("Open data", "opendata:index", order=90, public_label="Open data"),)
