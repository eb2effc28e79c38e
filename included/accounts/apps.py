from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "included.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import checks, personal_data, signals  # noqa: F401  (the checks, what accounts holds, the receivers)
