"""The emails a test's set-up causes, delivered the way the product delivers them.

Set-up helpers go through the product's functions, so they queue the product's emails
too (a submission confirmation for every submitted bid, an invitation for every
colleague). A test about one kind of email runs its set-up inside `delivered()`: the
set-up's emails are sent by the product's own sender (notifications.sender, started by
the outbox's on-commit callback, as when each change commits in production), listed for
the test to assert exactly, and then taken out of Django's test outbox (mail.outbox), so
what the test counts next are only the emails of the step under test.
"""

import contextlib

from django.core import mail
from django.test import TestCase

from notifications.models import OutboxMessage

State = OutboxMessage.State


@contextlib.contextmanager
def delivered(using="default"):
    """Run the set-up inside as if each of its changes committed: the on-commit callbacks
    it registers run, so the outbox's sender starts and sends what the set-up queued.

    Yields a list that is filled on leaving with (kind, to_email) of every message the
    set-up queued, sorted; each was sent once, and none is left waiting (drafts, which
    staff queue later, are not counted and stay drafts). mail.outbox is then emptied."""
    before = set(OutboxMessage.objects.values_list("pk", flat=True))
    arrived = len(mail.outbox)
    sent = []
    with TestCase.captureOnCommitCallbacks(using=using, execute=True):
        yield sent
    made = OutboxMessage.objects.exclude(pk__in=before).exclude(state=State.DRAFT)
    waiting = list(made.exclude(state=State.SENT).values_list("kind", "to_email", "state"))
    assert waiting == [], f"The set-up's emails were not all sent: {waiting}"
    sent.extend(sorted(made.values_list("kind", "to_email")))
    assert len(mail.outbox) - arrived == len(sent)
    mail.outbox.clear()
