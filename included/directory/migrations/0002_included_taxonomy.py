"""Loads Included's own taxonomy, "What it is for", from data/taxonomy_included.json."""

from pathlib import Path

from django.db import migrations

from included.directory.taxonomies import load_taxonomy, read_taxonomy_file

DATA = Path(__file__).resolve().parent.parent / "data" / "taxonomy_included.json"


def load(apps, schema_editor):
    load_taxonomy(
        read_taxonomy_file(DATA),
        taxonomy_model=apps.get_model("directory", "Taxonomy"),
        term_model=apps.get_model("directory", "TaxonomyTerm"),
    )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
