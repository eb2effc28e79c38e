"""Encryption at rest for what a person writes about themselves.

A person's own words may say anything about their health or disability (special category data under UK GDPR), so
every section of "Facts About Me" is kept encrypted, field by field, with Fernet (AES in CBC mode with an HMAC). The
keys come from the environment (`INCLUDED_PEOPLE_KEYS`, read into settings.PEOPLE_ENCRYPTION_KEYS), newest first:
the newest encrypts, any of them decrypts. `manage.py rotate_people_keys` encrypts every value again with the
newest key, so an old key can then be taken out. A database copy, a backup or the SQLite file alone shows nothing.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

# Fernet tokens always start with this version byte, base64-encoded: a quick way to know a value is encrypted.
TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - not a secret: the start every Fernet token has


@cache
def _keys(keys):
    return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])


def fernet():
    return _keys(tuple(settings.PEOPLE_ENCRYPTION_KEYS))


def encrypt(text):
    if text is None:
        return None
    return fernet().encrypt(text.encode()).decode()


def decrypt(token):
    if token is None:
        return None
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        # Never show the token or the text: only that the keys in settings do not open it.
        raise InvalidToken("A value could not be decrypted with any key in INCLUDED_PEOPLE_KEYS") from error


def rotate(token):
    """The same value, encrypted again with the newest key."""
    return fernet().rotate(token.encode()).decode()


class EncryptedTextField(models.TextField):
    """Text kept encrypted in the database and plain in Python. It cannot be searched or ordered by in SQL, which is
    the point: nothing reads it but the code that shows it to the people allowed."""

    description = "Text encrypted with the keys in INCLUDED_PEOPLE_KEYS"

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value)
