"""The sender: hands queued outbox messages to the email server, each exactly once.

Claiming: a message is claimed just before it is sent, one at a time, with a conditional
UPDATE ... SET state='sending', claim=<this run's token> WHERE pk=... AND state='queued'
(atomic on PostgreSQL and SQLite alike), so two workers, the scheduled sweep and a double
click never both send it, and a worker holds at most one message at any moment.

Failures: an error from the email server (or from rendering the attachment) marks the
message failed, with the error, and schedules another attempt with back-off (1, 2, 4 ...
minutes, at most an hour apart, OUTBOX_MAX_ATTEMPTS attempts in all); staff can also
retry failures at once.

A worker that is stopped (SIGTERM, Ctrl+C) puts back the message it holds. A worker that
dies outright (kill -9, power cut) leaves its message 'sending': after STALE_AFTER it is
put back in the queue ONCE (the email server may have accepted it just before the
crash, so the recipient may get it twice; we accept that small risk once rather than
risk it never arriving). If that happens to the same message again it is marked failed
and left for a person to decide.
"""

import datetime as dt
import logging
import uuid

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import F, Q
from django.utils import timezone

from notifications import attachments
from notifications.models import Heartbeat, OutboxMessage

logger = logging.getLogger("notifications.sender")
State = OutboxMessage.State

STALE_AFTER = dt.timedelta(minutes=15)
BATCH = 50
INTERRUPTED = (
    "Sending was interrupted before the email server confirmed this message. Check with "
    "the recipient whether it arrived before you retry."
)
REQUEUED_AFTER_INTERRUPTION = (
    "Sending was interrupted (the worker stopped before the email server confirmed it); "
    "queued again once, automatically."
)


def max_attempts():
    return getattr(settings, "OUTBOX_MAX_ATTEMPTS", 10)


def backoff(attempts):
    """How long to wait before the next attempt after `attempts` failed ones."""
    return dt.timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def beat(name, now=None):
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": now or timezone.now()})


def recover_stale(now=None, *, round_id=None):
    """Messages held longer than STALE_AFTER by a worker that never confirmed them: put
    back in the queue the first time, marked failed the second. Returns (requeued,
    failed)."""
    now = now or timezone.now()
    stale = OutboxMessage.objects.filter(state=State.SENDING, claimed_at__lt=now - STALE_AFTER)
    if round_id is not None:
        stale = stale.filter(round_id=round_id)
    requeued = stale.filter(interruptions=0).update(
        state=State.QUEUED,
        claim="",
        claimed_at=None,
        queued_at=now,
        interruptions=F("interruptions") + 1,
        error=REQUEUED_AFTER_INTERRUPTION,
    )
    failed = stale.filter(interruptions__gte=1).update(
        state=State.FAILED,
        claim="",
        error=INTERRUPTED,
        next_attempt_at=None,
        interruptions=F("interruptions") + 1,
    )
    if requeued or failed:
        logger.warning(
            "interrupted emails recovered",
            extra={"event": "email.recovered", "requeued": requeued, "failed": failed},
        )
    return requeued, failed


def requeue_due_failures(now=None):
    """Failed messages whose next attempt is due go back in the queue."""
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        state=State.FAILED, next_attempt_at__isnull=False, next_attempt_at__lte=now
    ).update(state=State.QUEUED, queued_at=now, next_attempt_at=None, claimed_at=None)


def retry_failed(messages, *, now=None):
    """Put failed messages (a queryset) back in the queue now. Returns how many."""
    now = now or timezone.now()
    return messages.filter(state=State.FAILED).update(
        state=State.QUEUED, queued_at=now, claimed_at=None, next_attempt_at=None
    )


def due_count(now=None):
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        Q(state=State.QUEUED)
        | Q(state=State.FAILED, next_attempt_at__lte=now)
        | Q(state=State.SENDING, claimed_at__lt=now - STALE_AFTER)
    ).count()


def _claim(pk, token, now):
    return OutboxMessage.objects.filter(pk=pk, state=State.QUEUED).update(
        state=State.SENDING, claim=token, claimed_at=now, attempts=F("attempts") + 1
    )


def _finish(pk, token, state, *, error="", attempts=0, now=None):
    now = now or timezone.now()
    values = {"state": state, "error": error, "claim": ""}
    if state == State.SENT:
        values["sent_at"] = now
        values["next_attempt_at"] = None
    elif attempts < max_attempts():
        values["next_attempt_at"] = now + backoff(attempts)
    else:
        values["next_attempt_at"] = None
    OutboxMessage.objects.filter(pk=pk, state=State.SENDING, claim=token).update(**values)
    return values.get("next_attempt_at")


class _Attachments:
    """Renders each attachment once per run (several recipients of one submission)."""

    def __init__(self):
        self.cache = {}

    def get(self, name, args):
        key = (name, tuple(sorted((args or {}).items())))
        if key not in self.cache:
            self.cache[key] = attachments.render(name, args)
        return self.cache[key]


def send_queued(round_id=None, *, connection=None, limit=None, now=None):
    """Send every due message (of one round, or all) once: recover interrupted ones, put
    back failures whose next attempt is due, then send the queue. Safe to run in several
    processes at once. Returns {"sent": n, "failed": n}."""
    clock = (lambda: now) if now is not None else timezone.now
    now = clock()
    recover_stale(now, round_id=round_id)
    requeue_due_failures(now)
    pending = OutboxMessage.objects.filter(state=State.QUEUED)
    if round_id is not None:
        pending = pending.filter(round_id=round_id)
    ids = list(pending.order_by("pk").values_list("pk", flat=True)[:limit])
    result = {"sent": 0, "failed": 0}
    if not ids:
        return result
    token = uuid.uuid4().hex
    connection = connection or get_connection(fail_silently=False)
    rendered = _Attachments()
    opened = False
    try:
        for start in range(0, len(ids), BATCH):
            rows = (
                OutboxMessage.objects.filter(pk__in=ids[start : start + BATCH], state=State.QUEUED)
                .order_by("pk")
                .values(
                    "pk", "key", "kind", "to_email", "more_to", "subject", "body",
                    "attachment", "attachment_args", "attempts",
                )
            )  # fmt: skip
            for row in rows:
                # The claim is stamped with the wall clock, never the `now` a caller
                # passes (a scheduled run's time): another sender judges a claim stale by
                # the wall clock, so a fresh claim must never look 15 minutes old.
                if not _claim(row["pk"], token, timezone.now()):
                    continue  # another sender took it
                attempts = row["attempts"] + 1
                try:
                    email = EmailMessage(
                        row["subject"],
                        row["body"],
                        settings.DEFAULT_FROM_EMAIL,
                        [row["to_email"], *(row["more_to"] or [])],
                        connection=connection,
                    )
                    if row["attachment"]:
                        email.attach(*rendered.get(row["attachment"], row["attachment_args"]))
                    if not opened:
                        connection.open()
                        opened = True
                    accepted = email.send()
                except Exception as error:  # the server refused it (or is down): not sent
                    _failed(row, token, attempts, f"{type(error).__name__}: {error}", clock())
                    result["failed"] += 1
                    continue
                except BaseException:
                    # The worker is being stopped: the message it holds was not handed over.
                    OutboxMessage.objects.filter(state=State.SENDING, claim=token).update(
                        state=State.QUEUED, claim="", claimed_at=None
                    )
                    raise
                if accepted:
                    _finish(row["pk"], token, State.SENT, now=clock())
                    result["sent"] += 1
                    logger.info(
                        "email sent",
                        extra={
                            "event": "email.sent",
                            "key": row["key"],
                            "kind": row["kind"],
                            "to": row["to_email"],
                            "attempt": attempts,
                        },
                    )
                else:
                    _failed(
                        row,
                        token,
                        attempts,
                        "The email server did not accept the message.",
                        clock(),
                    )
                    result["failed"] += 1
    finally:
        if opened:
            try:
                connection.close()
            except Exception:  # closing a broken connection
                logger.warning("could not close the email connection", exc_info=True)
    return result


def _failed(row, token, attempts, error, now):
    retry_at = _finish(row["pk"], token, State.FAILED, error=error, attempts=attempts, now=now)
    logger.warning(
        "email failed",
        extra={
            "event": "email.failed",
            "key": row["key"],
            "kind": row["kind"],
            "to": row["to_email"],
            "attempt": attempts,
            "error": error,
            "retry_at": retry_at.isoformat() if retry_at else None,
        },
    )
