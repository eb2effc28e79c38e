import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """A share's recipient may be one lived-experience reviewer of a partnership, as well as an organisation."""

    dependencies = [
        ("partnerships", "0001_initial"),
        ("people", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="share",
            name="recipient",
            field=models.CharField(
                choices=[("organisation", "An organisation"), ("reviewer", "A lived-experience reviewer")],
                default="organisation",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="share",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="shares",
                to="organisations.organisation",
            ),
        ),
        migrations.AddField(
            model_name="share",
            name="partnership",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reviewer_shares",
                to="partnerships.partnership",
            ),
        ),
        migrations.AddField(
            model_name="share",
            name="reviewer",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="shared_with_me_as_reviewer",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="share",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("organisation__isnull", False),
                    ("partnership__isnull", True),
                    ("recipient", "organisation"),
                    ("reviewer__isnull", True),
                )
                | models.Q(
                    ("everyone_there", False),
                    ("organisation__isnull", True),
                    ("partnership__isnull", False),
                    ("recipient", "reviewer"),
                    ("reviewer__isnull", False),
                ),
                name="share_names_one_kind_of_recipient",
            ),
        ),
    ]
