"""How a step's day and a done step are put into words. A day in the past is only a day: there is no "late",
"overdue" or "missed" here, on purpose (tests/steps check it)."""

from django.utils import timezone
from django.utils.dateformat import format as format_date


def day_in_mind(day):
    if day is None:
        return "No day set. That is fine."
    return f"A day you had in mind: {format_date(day, 'j F Y')}"


def celebration(done_at):
    return f"Done on {format_date(timezone.localtime(done_at), 'j F Y')}. Well done."
