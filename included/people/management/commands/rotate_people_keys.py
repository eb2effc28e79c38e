"""Encrypt every person's words again with the newest key in INCLUDED_PEOPLE_KEYS.

To change the key: put a new key first in INCLUDED_PEOPLE_KEYS (keep the old one after it), restart, run this
command, then take the old key out. See docs/people.md.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from included.people.models import Fact

BATCH = 500


class Command(BaseCommand):
    help = "Encrypt what people wrote about themselves again with the newest key in INCLUDED_PEOPLE_KEYS."

    def handle(self, *args, **options):
        done = 0
        ids = list(Fact.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                # Reading decrypts with whichever key opens the value; writing encrypts with the newest key.
                for fact in Fact.objects.select_for_update().filter(pk__in=ids[start : start + BATCH]).only("text"):
                    Fact.objects.filter(pk=fact.pk).update(text=fact.text)
                    done += 1
        self.stdout.write(f"Encrypted {done} section{'s' if done != 1 else ''} again with the newest key.")
