from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand

from included.accounts.mfa_adapter import rewrite_secrets, secret_box


class Command(BaseCommand):
    help = (
        "Encrypt every two-step verification secret again with the newest key in INCLUDED_TOTP_KEYS. "
        "Run it after putting a new key first; then the old keys can be removed."
    )

    def handle(self, *args, **options):
        box = secret_box()
        rewritten = rewrite_secrets(Authenticator, lambda text: box.rotate(text.encode()).decode())
        self.stdout.write(f"Encrypted {rewritten} two-step verification secrets with the newest key.")
