"""Every change to a person's email choices goes through these functions, which ask `access` first."""

from django.db import transaction

from included.access.rules import can_manage_account, require
from included.core import audit

from .enums import WEEKLY_EMAIL, Frequency, Kind
from .models import Preference
from .sending import choices_of

ONLY_YOU = "Only you can choose which emails you get."


def save_email_choices(person, choices, *, by):
    """Save how the person wants each kind of email: {kind: frequency}. Kinds left out keep what they had."""
    require(can_manage_account(by, person), ONLY_YOU)
    choices = {Kind(kind): Frequency(frequency) for kind, frequency in choices.items()}
    with transaction.atomic():
        for kind, frequency in choices.items():
            Preference.objects.update_or_create(user=person, kind=kind, defaults={"frequency": frequency})
        audit.record(
            "notifications.choices_saved",
            actor=by,
            obj=person,
            summary="Changed which emails they get",
            choices={str(kind): str(frequency) for kind, frequency in choices.items()},
        )


def stop_emails(person, kind, *, by):
    """Stop one kind of email for the person, or, for the weekly email, every kind they get that way.

    The "stop these emails" link calls this with `by` the person the signed link was made for. Returns the kinds
    that changed.
    """
    require(can_manage_account(by, person), ONLY_YOU)
    if kind == WEEKLY_EMAIL:
        kinds = [k for k, frequency in choices_of(person).items() if frequency == Frequency.WEEKLY]
    else:
        kinds = [Kind(kind)]
    with transaction.atomic():
        for each in kinds:
            Preference.objects.update_or_create(user=person, kind=each, defaults={"frequency": Frequency.NEVER})
        audit.record(
            "notifications.stopped",
            actor=by,
            obj=person,
            summary="Used the link in an email to stop some emails",
            kinds=[str(each) for each in kinds],
        )
    return kinds
