from django.db import migrations, models


class Migration(migrations.Migration):
    """Places and opening times can be changed, so each carries a version (core.versions); and the Open Referral
    API's service lists read in name order from an index."""

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
    ]
