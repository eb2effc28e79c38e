"""Write the audit trail. Every service function that changes something that matters calls `record`.

People are never written into an audit row as text. A summary names them by a placeholder, and `mentions` says who
each placeholder stands for, by id:

    audit.record("review.assigned", actor=by, obj=review, summary=f"{{reviewer}} asked to review {cycle}",
                 mentions={"reviewer": reviewer})

The name (or, for an invitation, the email address) is filled in when the row is read (`AuditEvent.text`). So when
someone deletes their account, what the audit trail says about them changes with it: erasure is complete by
construction, with nothing to search and replace. Only placeholders the code attached to the row are filled in, so
words people typed into a summary cannot pull in anyone else's name.

A row's details (what was written, the values before a change) are cleared after settings.RETAIN_AUDIT_DETAILS_DAYS;
who did what, to what, and when, stays.
"""

import datetime

from django.conf import settings

from .models import AuditEvent
from .personal_data import register_retention


def record(action, *, actor=None, obj=None, partnership=None, summary="", mentions=None, **details):
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
        mentions={key: [thing._meta.label_lower, thing.pk] for key, thing in (mentions or {}).items()},
        details=details,
    )


@register_retention("Details of old audit rows removed")
def old_details(now):
    limit = now - datetime.timedelta(days=settings.RETAIN_AUDIT_DETAILS_DAYS)
    return AuditEvent.objects.filter(at__lt=limit).exclude(details={}).update(details={})
