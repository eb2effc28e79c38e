"""Saving without losing anyone's work: a record people edit carries a version number.

A form sends back the version it showed. The save writes only if the row still has that version, and adds one to
it, in one UPDATE of that row alone. If someone else saved first, nothing is written and the service raises
EditConflict, so the page can show both versions and let the person choose (see core/components/edit_conflict.html).
"""

from django.db.models import F
from django.utils import timezone


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
    one is written. Returns whether this one was. Call it inside the service's transaction.
    """
    model = type(instance)
    if any(field.name == "updated_at" for field in model._meta.concrete_fields):
        values.setdefault("updated_at", timezone.now())
    rows = model._base_manager.filter(pk=instance.pk, version=expected_version)
    return rows.update(version=F("version") + 1, **values) == 1
