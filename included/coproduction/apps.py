from django.apps import AppConfig


class CoproductionConfig(AppConfig):
    name = "included.coproduction"
    label = "coproduction"
    verbose_name = "Co-production"
