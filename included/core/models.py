import re

from django.apps import apps
from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


MENTION = re.compile(r"\{(\w+)\}")


def _mention_text(thing):
    """How a mentioned person reads today: their name, else their email address (an invitation's address)."""
    if thing is None:
        return "someone"
    return getattr(thing, "name", "") or getattr(thing, "email", "") or "someone"


class AuditEventQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def about(self, obj):
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))

    def with_text(self):
        """The rows, each with `text` filled in, looking up everyone they mention in one query per kind."""
        events = list(self)
        wanted = {}
        for event in events:
            for label, pk in event.mentions.values():
                wanted.setdefault(label, set()).add(pk)
        found = {}
        for label, pks in wanted.items():
            model = apps.get_model(label)
            found.update({(label, thing.pk): thing for thing in model._default_manager.filter(pk__in=pks)})
        for event in events:
            event._mentioned = {key: found.get((label, pk)) for key, (label, pk) in event.mentions.items()}
        return events


class AuditEvent(models.Model):
    """One row per change that matters, and per view of sensitive data: who, what, when."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    summary = models.CharField(max_length=300, blank=True, help_text="People appear as {placeholders}: see text.")
    mentions = models.JSONField(
        default=dict, blank=True, help_text="Who each placeholder in the summary stands for: [model, id]."
    )
    details = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.text}"

    @property
    def text(self):
        """The summary as it reads today, with each mentioned person's current name filled in."""
        mentioned = getattr(self, "_mentioned", None)
        if mentioned is None:
            mentioned = {}
            for key, (label, pk) in self.mentions.items():
                mentioned[key] = apps.get_model(label)._default_manager.filter(pk=pk).first()
        return MENTION.sub(
            lambda match: _mention_text(mentioned[match[1]]) if match[1] in mentioned else match[0], self.summary
        )
