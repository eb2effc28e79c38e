from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "included.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import personal_data, signals  # noqa: F401  (registers what accounts holds; connects the receivers)
