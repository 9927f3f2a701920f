"""The outbox's own scheduled job: the sweep that keeps sending going whatever happened
to the worker."""

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone

from notifications import sender
from notifications.models import Heartbeat
from notifications.tasks import heartbeat, send_due

logger = logging.getLogger("notifications.jobs")
WORKER_LATE = dt.timedelta(minutes=5)
STUCK_TASK_AFTER = dt.timedelta(hours=1)


def worker_heartbeat_age(now=None):
    """Seconds since the worker last ran a task, or None if it never has."""
    now = now or timezone.now()
    beat = Heartbeat.objects.filter(name="worker").values_list("beat_at", flat=True).first()
    return None if beat is None else max((now - beat).total_seconds(), 0)


def _db_tasks():
    """The django-tasks-db result table when that is the task backend, else None."""
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if backend != "django_tasks_db.DatabaseBackend":
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult


def _enqueue_once(task, db_tasks):
    """Enqueue `task` unless one is already waiting for the worker."""
    path = task.module_path
    if db_tasks is not None and db_tasks.objects.filter(status="READY", task_path=path).exists():
        return False
    task.enqueue()
    return True


def sweep_outbox(*, now=None):
    """Recover interrupted messages, put back failures whose next attempt is due, start
    the worker on whatever is due, and send it here if the worker looks down."""
    now = now or timezone.now()
    requeued, failed = sender.recover_stale(now)
    retried = sender.requeue_due_failures(now)
    db_tasks = _db_tasks()
    stuck = 0
    if db_tasks is not None:
        # A worker killed mid-task leaves its row 'RUNNING' for ever: close it, so the
        # task list tells the truth (it never blocks the next task: that is a new row).
        stuck = db_tasks.objects.filter(
            status="RUNNING",
            task_path__startswith="notifications.tasks.",
            started_at__lt=now - STUCK_TASK_AFTER,
        ).update(status="FAILED", finished_at=now)
    _enqueue_once(heartbeat, db_tasks)
    due = sender.due_count(now)
    started = _enqueue_once(send_due, db_tasks) if due else False
    result = {
        "due": due,
        "recovered": requeued,
        "interrupted_twice": failed,
        "retried": retried,
        "closed_stuck_tasks": stuck,
        "worker_started": started,
    }
    age = worker_heartbeat_age(now)
    if due and (age is None or age > WORKER_LATE.total_seconds()):
        logger.warning(
            "the worker looks down: sending due emails from the scheduled run",
            extra={"event": "outbox.fallback", "worker_heartbeat_age": age},
        )
        result.update(sender.send_queued())
    return result
