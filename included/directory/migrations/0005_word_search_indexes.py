"""Indexes that let PostgreSQL find a word inside a service's name, description or who it is for without reading
every service: Find help and the Open Referral API search by "contains", which an ordinary index cannot serve.

They are trigram indexes (PostgreSQL's pg_trgm extension, which any database owner may add since PostgreSQL 13) on
exactly the expression Django's `icontains` compares, UPPER(column). On SQLite, or where the extension cannot be
added, nothing is made: search works the same, only slower on a large directory.
"""

from django.db import migrations, transaction

COLUMNS = ("name", "description", "who_it_is_for")


def _index(column):
    return f"directory_service_{column}_words"


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as error:  # noqa: BLE001 - any refusal leaves search working, only slower
        print(f"\n  Word search indexes not made: the pg_trgm extension could not be added ({error}).")
        return
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{_index(column)}" ON "directory_service" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{_index(column)}"')


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_place_and_time_versions")]

    operations = [migrations.RunPython(add_indexes, remove_indexes, elidable=False)]
