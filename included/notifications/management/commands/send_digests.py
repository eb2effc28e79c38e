"""Send each person one email with everything they chose to hear about once a week. Run it weekly from cron."""

from django.core.management.base import BaseCommand

from included.notifications.sending import send_digests


class Command(BaseCommand):
    help = "Send the weekly emails: one for each person with something waiting, leaving out what is done."

    def handle(self, *args, **options):
        outcome = send_digests()
        self.stdout.write(f"Weekly emails queued: {outcome['sent']}. Things left out as done: {outcome['left out']}.")
