"""Operations scenarios: queueing the deadline reminders for many drafts at once."""

import datetime as dt
import time

from django.test import override_settings

from accounts import permissions
from accounts.models import User
from applications.demo import load_demo_round
from applications.models import Bid, BidCollaborator, BidSection
from applications.progress import STEP_NAMES
from bench.lib import count_queries
from bench.scenarios import scenario
from notifications import sender
from notifications.models import OutboxMessage
from reminders import deadlines
from reminders.models import SentReminder

DEFAULT_SIZES = (1000,)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _drafts(round_, n, at):
    """n draft bids, each with its own lead applicant, started at `at`."""
    have = Bid.objects.filter(round=round_, status=Bid.Status.DRAFT, place_name="Bench").count()
    users = [
        User(email=f"bench-reminder-{have + i}@example.com", full_name=f"Bench Lead {have + i}")
        for i in range(n - have)
    ]
    User.objects.bulk_create(users, batch_size=500)
    users = list(User.objects.filter(email__startswith="bench-reminder-").order_by("pk"))
    for user in users[have:]:
        permissions.add_role(user, permissions.APPLICANT)
    bids = Bid.objects.bulk_create(
        [
            Bid(round=round_, created_by=u, created_at=at, updated_at=at, place_name="Bench")
            for u in users[have:n]
        ],
        batch_size=500,
    )
    BidCollaborator.objects.bulk_create(
        [
            BidCollaborator(bid=b, user=u, role=BidCollaborator.Role.LEAD, added_at=at)
            for b, u in zip(bids, users[have:n], strict=True)
        ],
        batch_size=500,
    )
    BidSection.objects.bulk_create(
        [BidSection(bid=b, step=STEP_NAMES[0], data={}, updated_at=at) for b in bids],
        batch_size=500,
    )


@scenario(order=80)
def ops_reminders(reporter, sizes):
    round_ = load_demo_round()
    week_before = deadlines.reminder_time(round_.closes_at, 168)
    for n in sizes or DEFAULT_SIZES:
        _drafts(round_, n, week_before - dt.timedelta(days=1))
        drafts = Bid.objects.filter(round=round_, status=Bid.Status.DRAFT)
        SentReminder.objects.filter(bid__round=round_).delete()
        OutboxMessage.objects.filter(kind="deadline_reminder").delete()
        # Queueing only (the worker sends afterwards): the task goes to the database queue.
        with override_settings(TASKS=DB_TASKS):
            start = time.perf_counter()
            queries, queued = count_queries(lambda: deadlines.queue_reminders(round_, week_before))
            ms = (time.perf_counter() - start) * 1000
        expected = BidCollaborator.objects.filter(bid__in=drafts).count()
        assert queued == expected, (queued, expected)
        reporter.emit("ops.reminders", drafts.count(), queries, ms, emails=queued)
        # Then what the worker does with them.
        start = time.perf_counter()
        queries, sent = count_queries(sender.send_queued)
        ms = (time.perf_counter() - start) * 1000
        assert sent["sent"] >= queued, sent
        reporter.emit("ops.reminders.send", queued, queries, ms)
