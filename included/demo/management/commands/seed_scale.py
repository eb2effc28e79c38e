import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from included.demo.scale import seed_scale


class Command(BaseCommand):
    help = (
        "Add thousands of made-up organisations, with their people, sign-ups, cycles, reviews and co-production "
        "records, for load tests. The same --seed gives the same data. Never on a production server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, required=True, help="How many organisations to add.")
        parser.add_argument("--partnerships", type=int, default=1, help="Spread them over this many new partnerships.")
        parser.add_argument("--cycles", type=int, default=1, help="Self-assessment cycles for each sign-up.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same data.")
        parser.add_argument(
            "--into", metavar="SLUG", help="Add them all to this existing partnership (the demo is 'riverside')."
        )

    def handle(self, *args, organisations, partnerships, cycles, seed, into, verbosity, **options):
        if settings.PRODUCTION:
            raise CommandError("This is a production server. Made-up organisations are never added here.")
        if organisations < 1 or partnerships < 1 or cycles < 1:
            raise CommandError("--organisations, --partnerships and --cycles must each be at least 1.")
        if into and partnerships != 1:
            raise CommandError("--into adds to one partnership: leave out --partnerships.")
        call_command("load_frameworks", verbosity=0)
        started = time.monotonic()
        try:
            made = seed_scale(
                organisations=organisations, partnerships=partnerships, cycles=cycles, seed=seed, into=into
            )
        except (ValueError, IntegrityError) as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            names = ", ".join(f"{p.name} (/p/{p.slug}/)" for p in made)
            self.stdout.write(f"Added {organisations} organisations to {names} in {time.monotonic() - started:.0f} s.")
