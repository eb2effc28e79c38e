"""Loads Included's own taxonomy, "What it is for", from data/taxonomy_included.json."""

from django.db import migrations

from included.directory.taxonomies import INCLUDED_TAXONOMY, load_taxonomy, read_taxonomy_file


def load(apps, schema_editor):
    load_taxonomy(
        read_taxonomy_file(INCLUDED_TAXONOMY),
        taxonomy_model=apps.get_model("directory", "Taxonomy"),
        term_model=apps.get_model("directory", "TaxonomyTerm"),
    )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
