from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "included.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the checks, connects the receivers)
