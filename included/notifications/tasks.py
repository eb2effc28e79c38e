"""The weekly email and the daily reminders as background tasks, for a scheduler that queues tasks instead of
running commands (`manage.py send_digests` and `manage.py send_reminders` do the same from cron)."""

from django.tasks import task

from . import sending


@task
def send_digests():
    return sending.send_digests()


@task
def send_reminders():
    return sending.send_reminders()
