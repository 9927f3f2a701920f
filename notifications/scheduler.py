"""Scheduled jobs: every time-based job of the service, run by `manage.py run_scheduled`
(every minute from cron, a systemd timer or `make run`).

Apps register their jobs in AppConfig.ready():

    scheduler.register("lapse_offers", lapse_offers_job, order=10)

A job takes `now` and returns a short summary (a dict of counts). Each job must be
idempotent: running it twice does nothing the second time. Two runs of the command at
the same moment are safe: each job is claimed with a conditional UPDATE on its
ScheduledJob row (a lock with an expiry, so a run killed half-way does not hold it for
ever), and the run that does not get the lock skips that job.
"""

import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from notifications.models import ScheduledJob

logger = logging.getLogger("notifications.scheduler")
LOCK_FOR = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class Job:
    name: str
    run: object
    order: int
    description: str


@dataclass
class Outcome:
    name: str
    status: str  # "ok", "skipped" (another run holds it) or "failed"
    summary: object = None
    error: str = ""


_jobs: dict[str, Job] = {}


def register(name, run, *, order=50, description=""):
    _jobs[name] = Job(name, run, order, description or (run.__doc__ or "").strip())


def jobs():
    return sorted(_jobs.values(), key=lambda job: (job.order, job.name))


def _claim(name, token, now):
    try:
        with transaction.atomic():
            ScheduledJob.objects.get_or_create(name=name)
    except IntegrityError:  # created by the other run a moment ago
        pass
    return ScheduledJob.objects.filter(
        Q(locked_until__isnull=True) | Q(locked_until__lte=now), name=name
    ).update(locked_until=now + LOCK_FOR, locked_by=token, last_started_at=now)


def _release(name, token, outcome):
    ScheduledJob.objects.filter(name=name, locked_by=token).update(
        locked_until=None,
        locked_by="",
        last_finished_at=timezone.now(),
        last_result=outcome.error or str(outcome.summary),
        last_ok=outcome.status == "ok",
    )


def run_job(job, now=None, *, token=None):
    now = now or timezone.now()
    token = token or uuid.uuid4().hex
    if not _claim(job.name, token, now):
        outcome = Outcome(job.name, "skipped")
        logger.info(
            "scheduled job skipped: another run holds it",
            extra={"event": "job.skipped", "job": job.name},
        )
        return outcome
    try:
        summary = job.run(now=now)
    except Exception as error:
        outcome = Outcome(job.name, "failed", error=f"{type(error).__name__}: {error}")
        logger.exception(
            "scheduled job failed",
            extra={"event": "job.failed", "job": job.name, "error": outcome.error},
        )
    else:
        outcome = Outcome(job.name, "ok", summary)
        logger.info(
            "scheduled job ran",
            extra={"event": "job.ran", "job": job.name, "result": summary},
        )
    _release(job.name, token, outcome)
    return outcome


def run_all(now=None, *, only=None):
    """Run every registered job (or those named in `only`) in order; one failing job
    does not stop the others. Returns the outcomes."""
    from notifications.sender import beat

    now = now or timezone.now()
    token = uuid.uuid4().hex
    outcomes = [
        run_job(job, now, token=token) for job in jobs() if only is None or job.name in only
    ]
    beat("scheduler")
    return outcomes
