from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "included.core"
    label = "core"
    verbose_name = "Core"
