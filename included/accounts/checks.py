from django.conf import settings
from django.core.checks import Error, register


@register()
def check_two_step_keys(app_configs, **kwargs):
    """Every key in INCLUDED_TOTP_KEYS must be a Fernet key, or no one with two-step verification could sign in."""
    from cryptography.fernet import Fernet

    errors = []
    for position, key in enumerate(settings.TOTP_ENCRYPTION_KEYS, start=1):
        try:
            Fernet(key)
        except ValueError:
            errors.append(
                Error(
                    f"Key {position} in INCLUDED_TOTP_KEYS is not a Fernet key.",
                    hint="Make one with: python -c 'from cryptography.fernet import Fernet; "
                    "print(Fernet.generate_key().decode())'",
                    id="accounts.E001",
                )
            )
    return errors
