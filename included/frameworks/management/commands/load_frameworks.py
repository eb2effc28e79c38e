from django.core.management.base import BaseCommand, CommandError

from included.frameworks.loader import FrameworkFileError, load_framework_file, shipped_files
from included.partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "Load framework files. With no paths, loads the frameworks that come with Included. "
        "Files that are already loaded are left as they are, so this is safe to run on every start."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Framework files (.yaml) to load.")
        parser.add_argument(
            "--partnership",
            metavar="SLUG",
            help="Load the files as this partnership's own frameworks, instead of as frameworks for everyone.",
        )

    def handle(self, *args, paths, partnership, verbosity, **options):
        owner = None
        if partnership:
            owner = Partnership.objects.filter(slug=partnership).first()
            if owner is None:
                raise CommandError(f'There is no partnership with the slug "{partnership}".')
        files = paths or shipped_files()
        failed = 0
        for path in files:
            shown = path if paths else path.name
            try:
                result = load_framework_file(path, partnership=owner)
            except FrameworkFileError as error:
                failed += 1
                self.stderr.write(f"{shown}: could not be loaded, because:")
                for problem in error.problems:
                    self.stderr.write(f"  - {problem}")
                continue
            if verbosity >= 1:
                version = result.version
                state = "loaded" if result.loaded else "already up to date"
                self.stdout.write(f"{shown}: {version.framework.short_name} version {version.version} {state}")
        if failed:
            raise CommandError(
                f"{failed} of {len(files)} framework files could not be loaded. Nothing was saved from them."
            )
