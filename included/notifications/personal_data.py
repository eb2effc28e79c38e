"""What the email choices hold about a person: their choices, what we told them about, and addresses that asked
for no more emails. Registered with the registry in included/core/personal_data.py.

What a person was told about is kept settings.RETAIN_NOTIFICATIONS_DAYS, so nobody is told twice meanwhile.
"""

import datetime

from django.conf import settings

from included.core.personal_data import register_eraser, register_exporter, register_retention

from .models import Notification, Preference, StoppedAddress


@register_exporter(covers=["notifications.Preference", "notifications.Notification", "notifications.StoppedAddress"])
def email_choices(user):
    return {
        "your_email_choices": [
            {"emails_about": row.get_kind_display(), "when": row.get_frequency_display(), "chosen_at": row.updated_at}
            for row in Preference.objects.filter(user=user).order_by("kind")
        ],
        "what_we_emailed_you_about": [
            {"about": row.get_kind_display(), "what_became_of_it": row.get_status_display(), "at": row.created_at}
            for row in Notification.objects.filter(user=user).order_by("created_at", "id")
        ],
        "emails_you_stopped_before_you_had_an_account": [
            {"emails_about": row.get_kind_display(), "stopped_at": row.created_at}
            for row in StoppedAddress.objects.filter(email=user.email.lower()).order_by("kind")
        ],
    }


@register_eraser(covers=["notifications.Preference", "notifications.Notification", "notifications.StoppedAddress"])
def forget_email_choices(user):
    """None of it is of use to anyone once the account is gone."""
    Preference.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    Notification.objects.filter(email__iexact=user.email).delete()
    StoppedAddress.objects.filter(email=user.email.lower()).delete()


@register_retention("Old records of what people were emailed about removed")
def old_notifications(now):
    limit = now - datetime.timedelta(days=settings.RETAIN_NOTIFICATIONS_DAYS)
    return Notification.objects.filter(created_at__lt=limit).delete()[0]
