"""Start a partnership from the command line and print each first coordinator's invitation link.

For setting up a new site from a script: after `createsuperuser`, the superuser (the host) starts the first
partnership. It goes through the same service as the host's page, so it checks, audits and emails the same way.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from included.accounts.models import User
from included.invitations.services import InvitationError, start_partnership
from included.partnerships.services import PartnershipError


def default_base_url():
    """The site's address, from the first named host in ALLOWED_HOSTS: https on a live server."""
    hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host not in ("*", "") and "*" not in host]
    if not hosts:
        return ""
    scheme = "https" if getattr(settings, "PRODUCTION", False) else "http"
    port = "" if scheme == "https" or hosts[0] not in ("127.0.0.1", "localhost") else ":8000"
    return f"{scheme}://{hosts[0]}{port}"


class Command(BaseCommand):
    help = "Start a partnership and invite its first coordinators. Prints the link each of them is emailed."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The partnership's name.")
        parser.add_argument("--area", required=True, help="The place it covers, like a county or a city.")
        parser.add_argument("--slug", default="", help="Its web address after /p/. Made from the name if left out.")
        parser.add_argument("--description", default="", help="A sentence or two for its public pages.")
        parser.add_argument("--contact-email", default="", help="Its public contact email address.")
        parser.add_argument(
            "--coordinator",
            action="append",
            required=True,
            metavar="EMAIL",
            help="A first coordinator's email address. Give it once for each coordinator.",
        )
        parser.add_argument(
            "--by",
            default="",
            metavar="EMAIL",
            help="The email address of the superuser starting it. Needed only if there is more than one.",
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address for the links, like https://included.example.org. "
            "By default it comes from ALLOWED_HOSTS.",
        )

    def _host(self, email):
        hosts = User.objects.filter(is_superuser=True, is_active=True)
        if email:
            host = hosts.filter(email__iexact=email.strip()).first()
            if host is None:
                raise CommandError(f"There is no active superuser with the email address {email}.")
            return host
        found = list(hosts[:2])
        if not found:
            raise CommandError("There is no superuser yet. Run manage.py createsuperuser first.")
        if len(found) > 1:
            raise CommandError("There is more than one superuser. Say which one is starting it with --by EMAIL.")
        return found[0]

    def handle(self, *args, **options):
        host = self._host(options["by"])
        base_url = options["base_url"] or default_base_url()
        if not base_url.startswith(("http://", "https://")):
            raise CommandError(
                "Give the site's address for the links with --base-url, like https://included.example.org."
            )
        try:
            partnership, invitations = start_partnership(
                by=host,
                coordinator_emails=options["coordinator"],
                base_url=base_url,
                name=options["name"],
                area=options["area"],
                slug=options["slug"],
                description=options["description"],
                contact_email=options["contact_email"],
            )
        except (PartnershipError, InvitationError, PermissionDenied) as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(f"Started {partnership.name}. Its pages are at {base_url.rstrip('/')}/p/{partnership.slug}/")
        self.stdout.write(f"Each link works once, for {settings.INVITATION_DAYS} days. It was emailed too:")
        for invitation in invitations:
            self.stdout.write(f"  {invitation.email}: {invitation.link}")
