"""Encrypt the secrets of authenticator apps and recovery codes that were stored as they were.

Until now, allauth kept them in plain text. Secrets already encrypted are left alone, so running it twice is safe.
Going back decrypts them again.
"""

from django.db import migrations

from included.accounts.mfa_adapter import decrypt_if_encrypted, encrypt_if_plain, rewrite_secrets, secret_box


def encrypt_secrets(apps, schema_editor):
    rewrite_secrets(apps.get_model("mfa", "Authenticator"), encrypt_if_plain(secret_box()))


def decrypt_secrets(apps, schema_editor):
    rewrite_secrets(apps.get_model("mfa", "Authenticator"), decrypt_if_encrypted(secret_box()))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets)]
