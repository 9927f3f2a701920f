"""The public outbox API: every email the service sends is queued here.

    from notifications.outbox import queue_email
    queue_email(key=..., to_email=..., subject=..., body=..., kind=...)

Call it inside the transaction of the change the email is about: the message is stored
in that transaction (so it exists exactly when the change does) and the background worker
is started once the transaction commits. `key` is an idempotency key: a second call with
the same key creates nothing and returns None. Sending, retries and failures belong to
the worker (notifications.sender), so a request never fails because mail failed.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications import attachments
from notifications.models import OutboxMessage
from notifications.tasks import send_due

logger = logging.getLogger("notifications.outbox")
State = OutboxMessage.State


def _message(
    *,
    key,
    to_email,
    subject,
    body,
    kind,
    recipient=None,
    round=None,
    bid=None,
    attachment=None,
    attachment_args=None,
    more_to=None,
    state=State.QUEUED,
    now=None,
):
    if attachment and not attachments.is_registered(attachment):
        raise attachments.UnknownAttachment(
            f"No attachment renderer is registered as {attachment!r}"
        )
    now = now or timezone.now()
    return OutboxMessage(
        key=key[:200],
        kind=kind,
        to_email=to_email.strip(),
        more_to=[address.strip() for address in more_to or [] if address.strip() != to_email],
        subject=" ".join((subject or "").split())[:300],
        body=body or "",
        recipient=recipient,
        round=round if round is not None else (bid.round if bid is not None else None),
        bid=bid,
        attachment=attachment or "",
        attachment_args=attachment_args or {},
        state=state,
        created_at=now,
        queued_at=now if state == State.QUEUED else None,
    )


def queue_email(
    *,
    key: str,
    to_email: str,
    subject: str,
    body: str,
    kind: str,
    recipient=None,
    round=None,
    bid=None,
    attachment: str | None = None,
    attachment_args: dict | None = None,
    more_to: list[str] | None = None,
    now=None,
    draft: bool = False,
) -> OutboxMessage | None:
    """Store one email for the worker to send after the current transaction commits.
    Returns the new message, or None when a message with this key already exists.
    `more_to`: other addresses on the same email (one email to a whole team).
    `draft=True` stores it unsent, for staff to queue later (decision emails)."""
    if OutboxMessage.objects.filter(key=key[:200]).exists():
        return None
    message = _message(
        key=key,
        to_email=to_email,
        subject=subject,
        body=body,
        kind=kind,
        recipient=recipient,
        round=round,
        bid=bid,
        attachment=attachment,
        attachment_args=attachment_args,
        more_to=more_to,
        state=State.DRAFT if draft else State.QUEUED,
        now=now,
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:  # the same key, created a moment ago by someone else
        return None
    logger.info(
        "email queued",
        extra={"event": "email.queued", "key": message.key, "kind": kind, "state": message.state},
    )
    if not draft:
        send_after_commit()
    return message


def queue_emails(messages: list[dict], *, now=None, draft: bool = False) -> int:
    """queue_email for many messages at once (a fixed number of queries): each dict has
    queue_email's keyword arguments. Messages whose key exists are skipped. Returns the
    number created."""
    if not messages:
        return 0
    rows = [_message(**m, now=now, state=State.DRAFT if draft else State.QUEUED) for m in messages]
    keys = [row.key for row in rows]
    existing = set(OutboxMessage.objects.filter(key__in=keys).values_list("key", flat=True))
    rows = [row for row in rows if row.key not in existing]
    OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    created = OutboxMessage.objects.filter(key__in=[row.key for row in rows]).count()
    if created:
        logger.info(
            "emails queued",
            extra={"event": "email.queued", "count": created, "kind": rows[0].kind},
        )
        if not draft:
            send_after_commit()
    return created


class _StartSender:
    """The on-commit callback that starts the sender; one per transaction."""

    outbox_sender = True

    def __init__(self):
        self.done = False
        self.__qualname__ = "start the outbox sender"

    def __call__(self):
        self.done = True
        send_due.enqueue()


def send_after_commit():
    """Start the background sender once the current transaction commits (once per
    transaction, however many messages it queued). If starting it fails (the task queue
    is unreachable), the error is logged and the scheduled sweep sends the messages."""
    from django.db import connection

    if connection.in_atomic_block and any(
        getattr(func, "outbox_sender", False) and not func.done
        for _, func, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(_StartSender(), robust=True)
