"""Encryption of single fields at rest, for what a person tells Included about their health, wellbeing and plans.

One small API, used the same way by every app:

    encrypt_text("I feel calmer")  -> a Fernet token (text), different each time
    decrypt_text(token)            -> "I feel calmer"
    rotate_text(token)             -> the same words under the newest key
    words = EncryptedTextField()   -> a model field that holds tokens in the database and plain text in Python
    score = EncryptedIntegerField() -> the same for a whole number

Keys come from `settings.FIELD_ENCRYPTION_KEYS` (the environment variable INCLUDED_FIELD_KEYS, comma-separated,
newest first): the newest key encrypts, any key in the list decrypts (cryptography's MultiFernet). To change the
key, put a new one first, run `rotate_text` over the stored values (re-save the rows), then drop the old key.

An empty value is stored as an empty string, so "nothing written" needs no key. Because each token is different
even for the same words, an encrypted column cannot be searched, sorted or compared in SQL: do that in Python.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


class CannotDecrypt(ValueError):
    """The value was not made with any key in FIELD_ENCRYPTION_KEYS (a key was dropped too soon, or it is not a
    token at all). The message never holds the value."""


@cache
def _fernet(keys):
    if not keys:
        raise ImproperlyConfigured("Set FIELD_ENCRYPTION_KEYS: at least one Fernet key.")
    return MultiFernet([Fernet(key) for key in keys])


def _keys():
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt_text(text):
    """A token for `text` under the newest key; "" for "" or None."""
    if not text:
        return ""
    return _keys().encrypt(str(text).encode("utf-8")).decode("ascii")


def decrypt_text(token):
    """The text inside a token made by `encrypt_text`; "" for "" or None."""
    if not token:
        return ""
    try:
        return _keys().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as error:
        raise CannotDecrypt("This value cannot be decrypted with any of the keys in FIELD_ENCRYPTION_KEYS.") from error


def rotate_text(token):
    """The same text, encrypted again under the newest key."""
    if not token:
        return ""
    try:
        return _keys().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise CannotDecrypt("This value cannot be decrypted with any of the keys in FIELD_ENCRYPTION_KEYS.") from error


class EncryptedTextField(models.TextField):
    """Text that is encrypted before it is written and decrypted when it is read. Never filter or order by it."""

    def from_db_value(self, value, expression, connection):
        return decrypt_text(value) if value else ""

    def to_python(self, value):
        return "" if value is None else str(value)

    def get_prep_value(self, value):
        return encrypt_text(self.to_python(value))


class EncryptedIntegerField(EncryptedTextField):
    """A whole number kept encrypted as text. None (no answer) is stored as ""."""

    def from_db_value(self, value, expression, connection):
        return int(decrypt_text(value)) if value else None

    def to_python(self, value):
        if value in (None, ""):
            return None
        return int(value)

    def get_prep_value(self, value):
        value = self.to_python(value)
        return "" if value is None else encrypt_text(str(value))

    def formfield(self, **kwargs):
        from django import forms

        return forms.IntegerField(**kwargs)
