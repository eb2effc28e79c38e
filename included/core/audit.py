"""Write the audit trail. Every service function that changes something that matters calls `record`.

A row's details (what was written, the values before a change) are cleared after settings.RETAIN_AUDIT_DETAILS_DAYS;
who did what, to what, and when, stays.
"""

import datetime

from django.conf import settings

from .models import AuditEvent
from .personal_data import register_retention


def record(action, *, actor=None, obj=None, partnership=None, summary="", **details):
    if partnership is None and obj is not None:
        partnership = getattr(obj, "partnership", None)
    actor = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor,
        partnership=partnership,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=str(summary)[:300],
        details=details,
    )


@register_retention("Details of old audit rows removed")
def old_details(now):
    limit = now - datetime.timedelta(days=settings.RETAIN_AUDIT_DETAILS_DAYS)
    return AuditEvent.objects.filter(at__lt=limit).exclude(details={}).update(details={})
