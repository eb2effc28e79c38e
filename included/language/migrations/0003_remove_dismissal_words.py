from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("language", "0002_dismissals_keep_no_words"),
    ]

    operations = [
        migrations.RemoveField(model_name="dismissal", name="words"),
    ]
