"""Keeping the task worker's queue honest (django-tasks-db keeps it in our database).

If the worker is stopped or crashes while it runs a task, that task's row says "running" for ever and nothing runs
it again. `requeue_interrupted_tasks` puts such tasks back in the queue once they have been "running" for longer
than settings.TASK_STALE_SECONDS. That is safe because every task Included has can run twice without doing its
work twice: the email task only sends a row it claims (core/mail.py), and the co-production task checks whether
its email was already queued.

Finished tasks' rows (their arguments, results and any error) are removed after settings.RETAIN_TASK_RESULTS_DAYS.
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from .personal_data import register_retention


def requeue_interrupted_tasks(*, now=None):
    """Put tasks that were cut off half way back in the queue. Returns how many."""
    if not apps.is_installed("django_tasks_db"):
        return 0
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=settings.TASK_STALE_SECONDS)
    return DBTaskResult.objects.running().filter(started_at__lt=limit).update(status="READY", started_at=None)


@register_retention("Finished task results removed")
def finished_task_results(now):
    if not apps.is_installed("django_tasks_db"):
        return 0
    from django_tasks_db.models import DBTaskResult

    limit = now - datetime.timedelta(days=settings.RETAIN_TASK_RESULTS_DAYS)
    return DBTaskResult.objects.finished().filter(finished_at__lt=limit).delete()[0]
