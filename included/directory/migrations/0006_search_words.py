"""A search looks for each word in one column that holds a service's name, description and who it is for, with one
word index on it. With an index on each of the three columns, PostgreSQL judged combining them dearer than reading
every service, and read all 20,000 for a word no service holds (included/core/word_indexes.py)."""

import django.db.models.functions.text
from django.db import migrations, models

from included.core.word_indexes import no_word_indexes, word_indexes


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_word_search_indexes")]

    operations = [
        migrations.AddField(
            model_name="service",
            name="words",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.db.models.functions.text.Concat(
                    "name",
                    models.Value(" "),
                    "description",
                    models.Value(" "),
                    "who_it_is_for",
                    output_field=models.TextField(),
                ),
                output_field=models.TextField(),
            ),
        ),
        word_indexes("directory_service", ["words"]),
        no_word_indexes("directory_service", ["name", "description", "who_it_is_for"]),
    ]
