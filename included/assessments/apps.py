from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "included.assessments"
    label = "assessments"
    verbose_name = "Assessments"
