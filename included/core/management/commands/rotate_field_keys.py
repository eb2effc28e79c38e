"""Encrypt every encrypted field again with the newest key in INCLUDED_FIELD_KEYS.

To change the key: put a new key first in INCLUDED_FIELD_KEYS (keep the old one after it), restart, run this
command, then take the old key out and restart again. See docs/deployment.md.

It finds the fields itself (every `EncryptedTextField`, and so every `EncryptedIntegerField`, of every model), so
an app that adds one needs nothing more.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from included.core.crypto import EncryptedTextField

BATCH = 500


def encrypted_fields():
    """(model, [field names]) for every model with an encrypted field."""
    for model in apps.get_models():
        names = [field.name for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]
        if names:
            yield model, names


class Command(BaseCommand):
    help = "Encrypt every encrypted field again with the newest key in INCLUDED_FIELD_KEYS."

    def handle(self, *args, **options):
        for model, names in encrypted_fields():
            rows = model._base_manager
            ids = list(rows.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(ids), BATCH):
                with transaction.atomic():
                    # Reading decrypts with whichever key opens the value; writing encrypts with the newest key.
                    for row in rows.select_for_update().filter(pk__in=ids[start : start + BATCH]).only(*names):
                        rows.filter(pk=row.pk).update(**{name: getattr(row, name) for name in names})
            self.stdout.write(f"{model._meta.label}: {len(ids)} row{'s' if len(ids) != 1 else ''} encrypted again.")
