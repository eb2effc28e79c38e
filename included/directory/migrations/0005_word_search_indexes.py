"""Find help and the Open Referral API search for words inside a service's name, description and who it is for:
trigram indexes on PostgreSQL let them do that without reading every service (included/core/word_indexes.py)."""

from django.db import migrations

from included.core.word_indexes import word_indexes


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_place_and_time_versions")]

    operations = [word_indexes("directory_service", ["name", "description", "who_it_is_for"])]
