from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "included.demo"
    label = "demo"
    verbose_name = "Demo partnership"
