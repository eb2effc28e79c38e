"""The themes that come with Included, in plain words. A partnership can add its own in the admin."""

from django.db import migrations

THEMES = [
    ("getting-into-work", "Getting into work"),
    ("staying-in-work", "Staying in work"),
    ("peer-support", "Peer support"),
    ("co-production", "Working together with people with lived experience"),
    ("accessible-information", "Easy read and accessible information"),
    ("recruitment", "Recruitment and hiring"),
    ("wellbeing", "Wellbeing"),
    ("skills-and-training", "Skills and training"),
    ("digital-access", "Digital access"),
    ("partnership-working", "Working with partners"),
    ("funding-and-commissioning", "Funding and commissioning"),
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("stories", "Theme")
    for position, (slug, name) in enumerate(THEMES):
        Theme.objects.get_or_create(partnership=None, slug=slug, defaults={"name": name, "position": position})


def remove_themes(apps, schema_editor):
    apps.get_model("stories", "Theme").objects.filter(partnership=None, slug__in=[s for s, _ in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_initial")]

    operations = [migrations.RunPython(add_themes, remove_themes)]
