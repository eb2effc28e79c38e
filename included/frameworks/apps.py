from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "included.frameworks"
    label = "frameworks"
    verbose_name = "Frameworks"
