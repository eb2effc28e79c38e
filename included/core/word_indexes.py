"""Trigram indexes, so that PostgreSQL can find a word inside a column without reading every row.

Django's `icontains` compares UPPER(column) LIKE UPPER('%word%'), which no ordinary index can serve. A GIN index
with pg_trgm's operator class on exactly that expression can. Migrations add them with `word_indexes(table,
columns)`. The extension is one any database owner may add since PostgreSQL 13; where it cannot be added, or on
SQLite, nothing is made and searching works the same, only slower on large tables.
"""

from django.db import migrations, transaction


def index_name(table, column):
    return f"{table}_{column}_words"


def _add(table, columns):
    def add(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception as error:  # noqa: BLE001 - any refusal leaves searching working, only slower
            print(f"\n  No word indexes on {table}: the pg_trgm extension could not be added ({error}).")
            return
        for column in columns:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{index_name(table, column)}" ON "{table}" '
                f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
            )

    return add


def _remove(table, columns):
    def remove(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for column in columns:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{index_name(table, column)}"')

    return remove


def word_indexes(table, columns):
    """The migration operation that adds (or, going back, drops) a word index on each column of the table."""
    return migrations.RunPython(_add(table, columns), _remove(table, columns), elidable=False)
