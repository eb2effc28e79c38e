"""Load a taxonomy from a JSON file shaped like data/taxonomy_included.json (the LGA's service types, say)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from included.directory.models import Taxonomy, TaxonomyTerm
from included.directory.taxonomies import load_taxonomy, read_taxonomy_file


class Command(BaseCommand):
    help = "Load or update a directory taxonomy (slug, name, description, terms with code, name, description)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            data = read_taxonomy_file(path)
            with transaction.atomic():
                taxonomy = load_taxonomy(data, taxonomy_model=Taxonomy, term_model=TaxonomyTerm)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"Could not load {path}: {error!r}") from error
        self.stdout.write(f"Loaded “{taxonomy.name}” with {taxonomy.terms.count()} terms.")
