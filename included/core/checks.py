"""Deployment checks of our own, run by `manage.py check --deploy` beside Django's."""

from django.conf import settings
from django.core import checks

PRIVATE_CACHES = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")


@checks.register(checks.Tags.caches, deploy=True)
def check_limits_are_shared(app_configs, **kwargs):
    """Sign-in limits and rate limits count in the cache. A cache in each worker's memory gives every gunicorn
    worker its own count, so an attacker gets as many tries as there are workers, and a restart forgets them."""
    if settings.CACHES["default"]["BACKEND"] not in PRIVATE_CACHES:
        return []
    return [
        checks.Warning(
            "Rate limits and sign-in limits are counted in each worker's own memory.",
            hint="Set CACHE_TABLE to a table name and run `manage.py createcachetable` (see docs/deployment.md).",
            id="included.W001",
        )
    ]


@checks.register()
def check_field_keys(app_configs, **kwargs):
    """Every key in INCLUDED_FIELD_KEYS must be a Fernet key, or nobody's encrypted words could be read or saved."""
    from cryptography.fernet import Fernet

    errors = []
    for position, key in enumerate(settings.FIELD_ENCRYPTION_KEYS, start=1):
        try:
            Fernet(key)
        except ValueError:
            errors.append(
                checks.Error(
                    f"Key {position} in INCLUDED_FIELD_KEYS is not a Fernet key.",
                    hint="Make one with: python -c 'from cryptography.fernet import Fernet; "
                    "print(Fernet.generate_key().decode())'",
                    id="included.E001",
                )
            )
    return errors
