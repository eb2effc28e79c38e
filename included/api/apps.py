from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The public, read-only JSON API: one OpenAPI document for every app's open data."""

    name = "included.api"
    label = "api"
    verbose_name = "Public API"
