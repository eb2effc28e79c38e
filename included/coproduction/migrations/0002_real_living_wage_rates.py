"""The Real Living Wage rates announced by the Living Wage Foundation in October 2025.

Coordinators add later rates in the admin; activities are compared with the rate in force on their date.
"""

import datetime
from decimal import Decimal

from django.db import migrations

RATES = [
    ("uk", Decimal("13.45"), datetime.date(2025, 10, 1)),
    ("london", Decimal("14.80"), datetime.date(2025, 10, 1)),
]


def add_rates(apps, schema_editor):
    rate_model = apps.get_model("coproduction", "RealLivingWageRate")
    for area, hourly_rate, in_force_from in RATES:
        rate_model.objects.get_or_create(area=area, in_force_from=in_force_from, defaults={"hourly_rate": hourly_rate})


def remove_rates(apps, schema_editor):
    rate_model = apps.get_model("coproduction", "RealLivingWageRate")
    for area, hourly_rate, in_force_from in RATES:
        rate_model.objects.filter(area=area, in_force_from=in_force_from, hourly_rate=hourly_rate).delete()


class Migration(migrations.Migration):
    dependencies = [("coproduction", "0001_initial")]

    operations = [migrations.RunPython(add_rates, remove_rates)]
