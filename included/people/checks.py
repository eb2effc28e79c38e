from django.conf import settings
from django.core.checks import Error, register


@register()
def check_people_keys(app_configs, **kwargs):
    """Every key in INCLUDED_PEOPLE_KEYS must be a Fernet key, or nobody's Facts About Me could be read or saved."""
    from cryptography.fernet import Fernet

    errors = []
    for position, key in enumerate(settings.PEOPLE_ENCRYPTION_KEYS, start=1):
        try:
            Fernet(key)
        except ValueError:
            errors.append(
                Error(
                    f"Key {position} in INCLUDED_PEOPLE_KEYS is not a Fernet key.",
                    hint="Make one with: python -c 'from cryptography.fernet import Fernet; "
                    "print(Fernet.generate_key().decode())'",
                    id="people.E001",
                )
            )
    return errors
