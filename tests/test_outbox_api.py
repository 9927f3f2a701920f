"""The public outbox API (notifications.outbox.queue_email) and the sender."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from notifications import attachments, sender
from notifications.models import OutboxMessage
from notifications.outbox import queue_email, queue_emails

pytestmark = pytest.mark.django_db
State = OutboxMessage.State


def _queue(key="test:1", **extra):
    return queue_email(
        key=key,
        to_email="someone@example.gov.uk",
        subject="Hello\nthere",
        body="Body text",
        kind="test",
        **extra,
    )


def test_queue_email_is_idempotent_and_sends_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        first = _queue()
        again = _queue()
        assert len(mail.outbox) == 0  # nothing is sent before the commit
    assert isinstance(first, OutboxMessage)
    assert again is None
    assert len(callbacks) == 1  # the sender is started once per transaction
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (["someone@example.gov.uk"], "Hello there", "Body text")
    ]
    first.refresh_from_db()
    assert (first.state, first.attempts, first.kind) == (State.SENT, 1, "test")
    assert _queue() is None
    assert OutboxMessage.objects.count() == 1


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _queue()
        raise RuntimeError("the change failed")
    assert callbacks == []
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_attachments_are_rendered_by_the_sender_once_per_run():
    calls = []

    def render(number):
        calls.append(number)
        return (f"file-{number}.txt", b"content", "text/plain")

    attachments.register("test_file", render)
    for index in range(3):
        _queue(f"test:{index}", attachment="test_file", attachment_args={"number": 7})
    assert calls == []
    assert sender.send_queued() == {"sent": 3, "failed": 0}
    assert calls == [7]
    assert [tuple(m.attachments[0]) for m in mail.outbox] == [
        ("file-7.txt", "content", "text/plain")
    ] * 3


def test_an_unknown_attachment_is_refused_when_queued():
    with pytest.raises(attachments.UnknownAttachment):
        _queue(attachment="no_such_renderer")
    assert OutboxMessage.objects.count() == 0


def test_queue_emails_skips_existing_keys():
    _queue("test:a")
    rows = [
        {"key": f"test:{k}", "to_email": f"{k}@example.gov.uk", "subject": "S", "body": "B",
         "kind": "test"}
        for k in "abc"
    ]  # fmt: skip
    assert queue_emails(rows) == 2
    assert queue_emails(rows) == 0
    assert sorted(OutboxMessage.objects.values_list("key", flat=True)) == [
        "test:a",
        "test:b",
        "test:c",
    ]


def test_failures_are_retried_with_back_off(settings):
    settings.EMAIL_BACKEND = "tests.outbox_helpers.RefusingBackend"
    message = _queue()
    now = timezone.now()
    assert sender.send_queued(now=now) == {"sent": 0, "failed": 1}
    message.refresh_from_db()
    assert message.state == State.FAILED
    assert message.error == "ConnectionRefusedError: [Errno 111] Connection refused"
    retry_at = message.next_attempt_at
    assert dt.timedelta(seconds=59) < retry_at - now <= dt.timedelta(minutes=1, seconds=1)
    # Not yet due: nothing happens.
    assert sender.send_queued(now=retry_at - dt.timedelta(seconds=1)) == {"sent": 0, "failed": 0}
    assert sender.send_queued(now=retry_at) == {"sent": 0, "failed": 1}
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at - retry_at > dt.timedelta(minutes=1, seconds=59)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert sender.send_queued(now=message.next_attempt_at) == {"sent": 1, "failed": 0}
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert (message.state, message.attempts, message.next_attempt_at) == (State.SENT, 3, None)


def test_back_off_doubles_up_to_an_hour_and_gives_up(settings):
    assert [sender.backoff(n).total_seconds() / 60 for n in range(1, 9)] == [
        1, 2, 4, 8, 16, 32, 60, 60,
    ]  # fmt: skip
    settings.OUTBOX_MAX_ATTEMPTS = 2
    settings.EMAIL_BACKEND = "tests.outbox_helpers.RefusingBackend"
    message = _queue()
    sender.send_queued()
    message.refresh_from_db()
    sender.send_queued(now=message.next_attempt_at)
    message.refresh_from_db()
    assert (message.state, message.attempts, message.next_attempt_at) == (State.FAILED, 2, None)
