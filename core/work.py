"""Background work that lost its worker: detected by age and put right, for every kind of task.

A worker process can die mid-task (out of memory, a deploy, a killed container). The task's row
then says «running» for ever. Two layers put that right:

- every task row of django-tasks-db still running after ``settings.TASK_STALE_AFTER`` is marked
  failed (its worker is gone), and tasks registered with ``retry_when_lost`` are queued again;
- each app registers a ``stale_work_recoverer`` for its own rows that mirror a task's state
  (a PDF «a ser preparado»), which queues them again or marks them failed with retry.

``recover_stale_work()`` runs both: ``manage.py recover_stale_work`` (the worker runs it at start,
cron may run it often) and the pages that show such a state (lazily, for one row).
"""

import logging
from collections.abc import Callable
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

#: Recoverers of app rows: each takes the cut-off time and returns how many rows it put right.
_RECOVERERS: dict[str, Callable[[datetime], int]] = {}
#: Dotted paths of tasks that are safe to run again when their worker was lost.
_RETRY_WHEN_LOST: set[str] = set()


def stale_work_recoverer(name: str) -> Callable:
    """Register a function ``(cutoff) -> int`` that recovers an app's rows stuck before cutoff."""

    def register(function: Callable[[datetime], int]) -> Callable[[datetime], int]:
        _RECOVERERS[name] = function
        return function

    return register


def retry_when_lost(task):
    """Mark a task (a ``django.tasks`` Task) as safe to queue again if its worker died."""
    _RETRY_WHEN_LOST.add(task.module_path)
    return task


def stale_cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - settings.TASK_STALE_AFTER


def _recover_task_rows(cutoff: datetime) -> int:
    if not apps.is_installed("django_tasks_db"):
        return 0
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    recovered = 0
    with transaction.atomic():
        stale = list(
            DBTaskResult.objects.select_for_update()
            .filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
            .order_by("started_at")
        )
        for row in stale:
            row.status = TaskResultStatus.FAILED
            row.finished_at = timezone.now()
            row.exception_class_path = "core.work.WorkerLost"
            row.traceback = "The worker running this task stopped before it finished."
            row.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
            recovered += 1
            if row.task_path in _RETRY_WHEN_LOST:
                task = import_string(row.task_path).using(
                    queue_name=row.queue_name, priority=row.priority, backend=row.backend_name
                )
                arguments = row.args_kwargs or {}
                transaction.on_commit(
                    lambda task=task, arguments=arguments: task.enqueue(
                        *arguments.get("args", []), **arguments.get("kwargs", {})
                    )
                )
    if recovered:
        logger.warning("Marked %s task(s) whose worker was lost as failed", recovered)
    return recovered


def recover_stale_work(now: datetime | None = None) -> dict[str, int]:
    """Put right every task and app row still running past the cut-off; say how many of each."""
    cutoff = stale_cutoff(now)
    counts = {"tasks": _recover_task_rows(cutoff)}
    for name, recover in _RECOVERERS.items():
        counts[name] = recover(cutoff)
    return counts


class WorkerLost(Exception):
    """The exception class recorded on a task row whose worker disappeared."""
