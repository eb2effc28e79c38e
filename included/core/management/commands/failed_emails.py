"""List the emails Included gave up on, and those waiting to be tried again after a failure; --retry sends again."""

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from included.core import mail
from included.core.enums import EmailStatus
from included.core.models import OutgoingEmail


class Command(BaseCommand):
    help = "List emails that could not be sent. With --retry, try the ones Included gave up on again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry",
            nargs="*",
            type=int,
            metavar="ID",
            help="Try again: the emails with these ids, or every email Included gave up on if no id is given.",
        )

    def handle(self, *args, retry=None, **options):
        if retry is not None:
            emails = OutgoingEmail.objects.all()
            if retry:
                emails = emails.filter(pk__in=retry)
            count = mail.send_again(emails)
            self.stdout.write(f"{count} email{'s' if count != 1 else ''} will be sent again.")
            return
        troubled = OutgoingEmail.objects.filter(
            Q(status=EmailStatus.FAILED) | Q(status=EmailStatus.WAITING, attempts__gt=0)
        ).order_by("created_at", "id")
        if not troubled.exists():
            self.stdout.write("No failed emails.")
            return
        for email in troubled:
            when = timezone.localtime(email.next_attempt_at).strftime("%Y-%m-%d %H:%M")
            state = "gave up" if email.status == EmailStatus.FAILED else f"next try {when}"
            self.stdout.write(
                f"{email.pk}\t{timezone.localtime(email.created_at):%Y-%m-%d %H:%M}\t{email.recipient}\t"
                f"{email.subject}\t{email.attempts} tries, {state}\t{email.last_error}"
            )
