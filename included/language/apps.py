from django.apps import AppConfig


class LanguageConfig(AppConfig):
    name = "included.language"
    label = "language"
    verbose_name = "Language"
