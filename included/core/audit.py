"""Write the audit trail. Every service function that changes something that matters calls `record`."""

from .models import AuditEvent


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
