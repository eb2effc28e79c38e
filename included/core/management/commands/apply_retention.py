"""Run once a day from cron: removes the personal data Included no longer needs, after the periods in settings.

Every app registers its own rules (see included/core/personal_data.py). Running it twice in a row changes nothing
the second time. When it changed something, one audit row says how much.
"""

from django.core.management.base import BaseCommand

from included.core import audit, personal_data


class Command(BaseCommand):
    help = "Remove personal data kept longer than its period in settings (invitations, emails, task results...)."

    def handle(self, *args, **options):
        done = personal_data.apply_retention()
        for what, count in done.items():
            self.stdout.write(f"{what}: {count}")
        if any(done.values()):
            changed = ", ".join(f"{what.lower()}: {count}" for what, count in done.items() if count)
            audit.record("retention.applied", summary=f"Retention: {changed}"[:300], **done)
