from django.db import migrations, models


class Migration(migrations.Migration):
    """Assisted sign-ups: a person's invitation made with someone's help, claimed with a printed code."""

    dependencies = [
        ("invitations", "0003_person_invitations"),
    ]

    operations = [
        migrations.AlterField(
            model_name="invitation",
            name="email",
            field=models.EmailField(blank=True, max_length=254),
        ),
        migrations.AddField(
            model_name="invitation",
            name="assisted",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="invitation",
            name="claim_code_hash",
            field=models.CharField(blank=True, max_length=64, null=True, unique=True),
        ),
        migrations.AddConstraint(
            model_name="invitation",
            constraint=models.CheckConstraint(
                condition=models.Q(("email", ""), _negated=True) | models.Q(("assisted", True)),
                name="invitation_has_email_unless_assisted",
            ),
        ),
        migrations.AddConstraint(
            model_name="invitation",
            constraint=models.CheckConstraint(
                condition=models.Q(("assisted", False)) | models.Q(("kind", "person"), ("organisation__isnull", False)),
                name="assisted_sign_up_is_for_a_person_from_an_organisation",
            ),
        ),
    ]
