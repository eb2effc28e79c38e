"""The themes that come with Included (included/stories/themes.py)."""

from django.db import migrations

from included.stories.themes import THEMES, add_shipped_themes


def add_themes(apps, schema_editor):
    add_shipped_themes(apps.get_model("stories", "Theme"))


def remove_themes(apps, schema_editor):
    apps.get_model("stories", "Theme").objects.filter(partnership=None, slug__in=[s for s, _ in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_initial")]

    operations = [migrations.RunPython(add_themes, remove_themes)]
