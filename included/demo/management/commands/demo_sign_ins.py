import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand
from django.urls import reverse

from included.accounts.models import User
from included.demo.partnership import DEMO_PASSWORD, PARTNERSHIP, SIGN_INS
from included.partnerships.models import Partnership


class Command(BaseCommand):
    help = "Print how to sign in to the demo partnership: one person for each role, with the demo password."

    def add_arguments(self, parser):
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000", help="Where Included is running (default: %(default)s)."
        )

    def handle(self, *args, url, **options):
        if not Partnership.objects.filter(slug=PARTNERSHIP["slug"]).exists():
            self.stdout.write("The demo partnership is not loaded. To load it, run: manage.py load_demo")
            return
        people = {user.email: user for user in User.objects.filter(email__in=[email for _, email, _ in SIGN_INS])}
        authenticators = {(a.user_id, a.type): a for a in Authenticator.objects.filter(user__in=people.values())}
        write = self.stdout.write
        write(f"Try the demo partnership, {PARTNERSHIP['name']}.")
        write(f"Sign in at {url.rstrip('/')}{reverse('account_login')}")
        write("")
        write(f"Everyone in the demo has the same password: {DEMO_PASSWORD}")
        write("This password is only for the demo. Do not use it for anything else,")
        write("and do not load the demo where there is real people's data.")
        for role, email, what_to_try in SIGN_INS:
            user = people.get(email)
            if user is None:
                continue
            write("")
            write(f"{role}: {user.name}")
            write(f"  Email: {email}")
            write(f"  Try: {what_to_try}")
            totp = authenticators.get((user.pk, Authenticator.Type.TOTP))
            if totp is not None:
                secret = decrypt(totp.data["secret"])
                write("  They use two-step verification. After the password, Included asks for a code.")
                write(
                    f"  The code right now is {current_code(secret)}. It changes every {mfa_settings.TOTP_PERIOD} "
                    "seconds: run this command again for a new one."
                )
                write(f"  To get codes on your phone, add this key to an authenticator app: {spaced(secret)}")
                write("  (Type it with or without the spaces.)")
                recovery = authenticators.get((user.pk, Authenticator.Type.RECOVERY_CODES))
                if recovery is not None:
                    unused = RecoveryCodes(recovery).get_unused_codes()
                    if unused:
                        write(f"  Or type this recovery code once instead: {unused[0]}")


def current_code(secret):
    """The six-digit code an authenticator app shows now for this secret."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def spaced(secret):
    """The key in groups of four, as authenticator apps show it, so it is easier to type."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
