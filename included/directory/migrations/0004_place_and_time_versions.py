from django.db import migrations, models


class Migration(migrations.Migration):
    """Places and opening times can be changed, so each carries a version (core.versions); the Open Referral
    API's service lists (and the fresh services of "Find help") read in name order from an index, and the other
    services of "Find help", most recently checked first, from another."""

    dependencies = [
        ("directory", "0003_checkreminder"),
    ]

    operations = [
        migrations.AddField(
            model_name="location",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="schedule",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.AddIndex(
            model_name="service",
            index=models.Index(fields=["partnership", "publication", "name", "id"], name="service_published_by_name"),
        ),
        migrations.AddIndex(
            model_name="service",
            index=models.Index(
                fields=["partnership", "publication", "-last_checked_on", "name", "id"],
                name="service_published_by_check",
            ),
        ),
    ]
