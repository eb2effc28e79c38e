"""Remind people once about invitations they have not used, and admins about what people said that has no
response yet. Run it daily from cron; running it again changes nothing."""

from django.core.management.base import BaseCommand

from included.notifications.sending import send_reminders


class Command(BaseCommand):
    help = "Send reminders, once each, about unused invitations and contributions with no response."

    def handle(self, *args, **options):
        for what, count in send_reminders().items():
            self.stdout.write(f"{what}: {count} new.")
