"""Saving without losing anyone's work: a record people edit carries a version number.

A form sends back the version it showed (core.forms.VersionedForm). The save writes only if the row still has that
version, and adds one to it, in one UPDATE of that row alone. If someone else saved first, nothing is written and
the service raises EditConflict; the page then shows both versions and lets the person choose
(`saved_version` and core/components/edit_conflict.html).
"""

import datetime
from decimal import Decimal

from django import forms
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format

from .models import AuditEvent


class EditConflict(Exception):
    """Someone else saved this record after the person opened it. Nothing was saved.

    `current` is the record as it is saved now; `attempted` is what this person tried to save.
    """

    def __init__(self, current, attempted=None):
        super().__init__("Someone else saved this while you were editing it.")
        self.current = current
        self.attempted = attempted or {}


class EditConflicts(Exception):
    """Several records were saved together and someone else changed some of them first. Nothing was saved."""

    def __init__(self, conflicts):
        super().__init__("Someone else saved some of these while you were editing them.")
        self.conflicts = list(conflicts)

    def current_for(self, record):
        """The saved version of `record`, if it is one that changed."""
        return next((conflict.current for conflict in self.conflicts if conflict.current.pk == record.pk), None)


def update_if_unchanged(instance, expected_version, **values):
    """Write `values` to this row if its version is still `expected_version`, and add one to the version.

    One `UPDATE ... WHERE id = %s AND version = %s` on the row's own table, with no join: PostgreSQL checks the
    version again after waiting for another save's lock on the row, so of many saves of the same version exactly
    one is written. Returns whether this one was; if so, `instance` in memory has the new values too. Call it
    inside the service's transaction.
    """
    model = type(instance)
    if any(field.name == "updated_at" for field in model._meta.concrete_fields):
        values.setdefault("updated_at", timezone.now())
    rows = model._base_manager.filter(pk=instance.pk, version=expected_version)
    if rows.update(version=F("version") + 1, **values) != 1:
        return False
    for name, value in values.items():
        setattr(instance, name, value)
    instance.version = expected_version + 1
    return True


def last_saved_by(record, *actions):
    """Who last made one of these audited changes to `record`, or None if nobody known did."""
    event = AuditEvent.objects.about(record).filter(action__in=actions).select_related("actor").first()
    return event.actor if event else None


def saved_version(form, values, *, what, by=None, at=None):
    """What core/components/edit_conflict.html shows: who saved `what` and when, and the saved value of each of
    the form's visible fields, written the way the form's own choices name them.

    `values` maps field names to what is saved now. Fields it leaves out (a file, say) are not compared.
    """
    rows = [
        {"label": bound.label, "value": shown_value(bound.field, values[bound.name])}
        for bound in form.visible_fields()
        if bound.name in values
    ]
    return saved_details(rows, what=what, by=by, at=at)


def saved_details(rows, *, what, by=None, at=None):
    """The same, for a page that compares its own rows: each a {"label": ..., "value": ...}."""
    return {"what": what, "who": getattr(by, "name", "") or "", "at": at, "rows": rows}


def shown_value(field, value):
    """A saved value as a person would read it next to the form field it belongs to."""
    if isinstance(field, forms.BooleanField):
        return "Yes" if value else "No"
    if value is None or value == "" or value == []:
        return "Nothing"
    if isinstance(field, forms.ModelMultipleChoiceField):
        return "; ".join(field.label_from_instance(item) for item in value)
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): label for key, label in _flat_choices(field.choices)}
        chosen = value if isinstance(value, (list, tuple)) else [value]
        return "; ".join(str(labels.get(str(choice), choice)) for choice in chosen)
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, Decimal):
        return f"{value:,}"
    return str(value)


def _flat_choices(choices):
    for key, label in choices:
        if isinstance(label, (list, tuple)):
            yield from label
        else:
            yield key, label
