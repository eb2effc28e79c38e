from django.apps import AppConfig

from included.core.navigation import NavEntry


class FrameworksConfig(AppConfig):
    name = "included.frameworks"
    label = "frameworks"
    verbose_name = "Frameworks"
    navigation = (NavEntry("Frameworks", "frameworks:list", order=90, public_label="Frameworks"),)
