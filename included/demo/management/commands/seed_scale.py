import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from included.demo.scale import seed_scale
from included.demo.scale_directory import SERVICES_PER_ORGANISATION


class Command(BaseCommand):
    help = (
        "Add thousands of made-up organisations, with their people, sign-ups, cycles, reviews, co-production "
        "records and services in the directory, for load tests. The same --seed gives the same data. Never on a "
        "production server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, required=True, help="How many organisations to add.")
        parser.add_argument("--partnerships", type=int, default=1, help="Spread them over this many new partnerships.")
        parser.add_argument("--cycles", type=int, default=1, help="Self-assessment cycles for each sign-up.")
        parser.add_argument(
            "--services",
            type=int,
            help=f"How many services and spaces to add to the directory among them ({SERVICES_PER_ORGANISATION} for "
            "each organisation unless told).",
        )
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same data.")
        parser.add_argument(
            "--into", metavar="SLUG", help="Add them all to this existing partnership (the demo is 'riverside')."
        )

    def handle(self, *args, organisations, partnerships, cycles, seed, into, services, verbosity, **options):
        if settings.PRODUCTION:
            raise CommandError("This is a production server. Made-up organisations are never added here.")
        if organisations < 1 or partnerships < 1 or cycles < 1:
            raise CommandError("--organisations, --partnerships and --cycles must each be at least 1.")
        if services is not None and services < 0:
            raise CommandError("--services cannot be less than 0.")
        if into and partnerships != 1:
            raise CommandError("--into adds to one partnership: leave out --partnerships.")
        call_command("load_frameworks", verbosity=0)
        started = time.monotonic()
        try:
            made = seed_scale(
                organisations=organisations,
                partnerships=partnerships,
                cycles=cycles,
                seed=seed,
                into=into,
                services=services,
            )
        except (ValueError, IntegrityError) as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            names = ", ".join(f"{p.name} (/p/{p.slug}/)" for p in made)
            added = f"{organisations} organisations"
            if services != 0:
                added += f" and {SERVICES_PER_ORGANISATION * organisations if services is None else services} services"
            self.stdout.write(f"Added {added} to {names} in {time.monotonic() - started:.0f} s.")
