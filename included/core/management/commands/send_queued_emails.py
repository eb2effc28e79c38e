"""Run from cron every few minutes, beside the worker: picks up what was cut off and sends what is due.

The worker sends each email as soon as it is queued, and tries again at the right time. This command is the safety
net for when the worker cannot: a task or a send cut off because the worker stopped, or a task that was lost.
"""

from django.core.management.base import BaseCommand

from included.core import mail, worker


class Command(BaseCommand):
    help = (
        "Put tasks that were cut off back in the queue, pick up sends that were cut off, and send emails that are due."
    )

    def handle(self, *args, **options):
        requeued = worker.requeue_interrupted_tasks()
        outcome = mail.send_due_emails()
        self.stdout.write(f"Tasks put back in the queue: {requeued}")
        for what, count in sorted(outcome.items()):
            self.stdout.write(f"Emails {what}: {count}")
