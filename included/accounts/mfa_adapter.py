"""Keeping the secrets behind authenticator apps and recovery codes encrypted in the database.

allauth.mfa stores the secret an authenticator app makes its codes from, and the seed of the recovery codes, and
passes each through its adapter's `encrypt` and `decrypt`. Here they are encrypted with Fernet keys from
settings.TOTP_ENCRYPTION_KEYS (INCLUDED_TOTP_KEYS), so a copy of the database alone cannot make anyone's codes.
The keys are a list, newest first (a MultiFernet): the newest encrypts, and every key decrypts, so a key can be
changed without anyone setting their app up again (see docs/deployment.md).
"""

from functools import cache

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import transaction

# The kinds of authenticator whose data holds secrets, and where: one secret, or a list of them.
TOTP = "totp"
RECOVERY_CODES = "recovery_codes"
SECRETS = {TOTP: ("secret",), RECOVERY_CODES: ("seed",)}
SECRET_LISTS = {RECOVERY_CODES: ("migrated_codes",)}


class MFAAdapter(DefaultMFAAdapter):
    """allauth.mfa as Included uses it: secrets encrypted, and our own words."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": (
            "That code did not work. Type the 6 numbers your authenticator app shows now, or one of your recovery "
            "codes. The app's numbers change every 30 seconds"
        ),
        "cannot_delete_authenticator": "You cannot turn this off",
        "cannot_generate_recovery_codes": (
            "Set up an authenticator app or a security key first. Then you can make recovery codes"
        ),
        "unverified_email": "Confirm your email address before you set up two-step verification",
    }

    def generate_authenticator_name(self, user, type):
        """The name a new security key gets if the person leaves the name empty: "Security key", then
        "Security key 2" and so on."""
        from allauth.mfa.models import Authenticator

        count = Authenticator.objects.filter(user_id=user.pk, type=type).count()
        return "Security key" if count == 0 else f"Security key {count + 1}"

    def encrypt(self, text):
        return secret_box().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text):
        return secret_box().decrypt(encrypted_text.encode()).decode()


def secret_box():
    """A MultiFernet built from the keys in settings, read each time so a test can change them."""
    return _box(tuple(settings.TOTP_ENCRYPTION_KEYS))


@cache
def _box(keys):
    return MultiFernet([Fernet(key) for key in keys])


def is_encrypted(box, text):
    try:
        box.decrypt(text.encode())
    except InvalidToken:
        return False
    return True


def encrypt_if_plain(box):
    return lambda text: text if is_encrypted(box, text) else box.encrypt(text.encode()).decode()


def decrypt_if_encrypted(box):
    return lambda text: box.decrypt(text.encode()).decode() if is_encrypted(box, text) else text


def rewrite_secrets(authenticators, change):
    """Pass every secret stored for authenticator apps and recovery codes through `change`, and save the ones that
    changed. `authenticators` is allauth's Authenticator model, or its historical copy in a migration.

    Each row is locked while it is rewritten, so a recovery code used at that moment is not marked unused again.
    Returns how many were rewritten.
    """
    rewritten = 0
    with transaction.atomic():
        for authenticator in authenticators.objects.select_for_update().filter(type__in=list(SECRETS)).order_by("pk"):
            data = dict(authenticator.data)
            for name in SECRETS[authenticator.type]:
                if name in data:
                    data[name] = change(data[name])
            for name in SECRET_LISTS.get(authenticator.type, ()):
                if name in data:
                    data[name] = [change(each) for each in data[name]]
            if data != authenticator.data:
                authenticator.data = data
                authenticator.save(update_fields=["data"])
                rewritten += 1
    return rewritten
