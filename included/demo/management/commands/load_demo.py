from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from included.demo.partnership import DemoAlreadyLoaded, load_demo
from included.partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "Load a made-up partnership to try Included with: people in every role, organisations of every kind, "
        "sign-ups, self-assessments and reviews. Everyone in it shares one password, so never load it where real "
        "people's data is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if there is already any partnership, so this is safe to run on every start.",
        )
        parser.add_argument(
            "--on-production",
            action="store_true",
            help="Load it even though INCLUDED_ENV is production, for a public demo server with no real data.",
        )

    def handle(self, *args, if_empty, on_production, verbosity, **options):
        if settings.PRODUCTION and not on_production:
            raise CommandError(
                "This is a production server. The demo's password is public, so it is not loaded here. "
                "If this server is only for the demo, add --on-production."
            )
        if if_empty and Partnership.objects.exists():
            if verbosity >= 1:
                self.stdout.write("There is already a partnership, so the demo was not loaded.")
            return
        try:
            partnership = load_demo()
        except DemoAlreadyLoaded as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            self.stdout.write(
                f"Loaded the demo: {partnership.name}. To see how to sign in, run: manage.py demo_sign_ins"
            )
