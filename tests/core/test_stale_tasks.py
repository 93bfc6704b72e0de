"""Any task row of the database back end whose worker died is marked failed; tasks registered
as safe to repeat are queued again."""

from datetime import timedelta

import pytest
from django.tasks import TaskResultStatus, task
from django.utils import timezone

from core.work import recover_stale_work, retry_when_lost

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@retry_when_lost
@task()
def send_reminder(person_id: int) -> int:
    return person_id


@task()
def one_off(person_id: int) -> int:
    return person_id


def lose_worker(result_id) -> None:
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=result_id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(hours=2)
    )


def test_a_lost_task_is_failed_and_queued_again(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DB_TASKS
    result = send_reminder.enqueue(7)
    lose_worker(result.id)
    assert recover_stale_work()["tasks"] == 1
    lost = DBTaskResult.objects.get(pk=result.id)
    assert lost.status == TaskResultStatus.FAILED
    assert lost.exception_class_path == "core.work.WorkerLost"
    again = DBTaskResult.objects.exclude(pk=result.id).get()
    assert again.status == TaskResultStatus.READY
    assert again.args_kwargs == {"args": [7], "kwargs": {}}


def test_a_lost_task_not_marked_repeatable_is_only_failed(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DB_TASKS
    result = one_off.enqueue(8)
    lose_worker(result.id)
    recover_stale_work()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.FAILED
    assert DBTaskResult.objects.count() == 1


def test_a_running_task_within_the_timeout_is_left_alone(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DB_TASKS
    result = one_off.enqueue(9)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now()
    )
    assert recover_stale_work()["tasks"] == 0
