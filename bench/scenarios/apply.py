"""Applicant scenarios: the dashboard at two sizes, one submission (with its PDF and email)
and one bid's PDF."""

from django.core import mail
from django.test import Client, override_settings

from accounts import permissions
from applications import bids
from applications.demo import load_demo_round
from applications.models import Bid
from applications.pdf import bid_pdf
from bench.lib import count_queries, measure_get, median_ms
from bench.scenarios import scenario
from notifications import sender
from tests.factories.accounts import sign_in_client, user_with
from tests.factories.applications import make_bid
from tests.factories.bulk import stored_submitted_bid

DEFAULT_SIZES = (10, 1000)


def _round():
    return load_demo_round()


def _applicant(email):
    return user_with(email, permissions.APPLICANT)


@scenario(order=40)
def apply_dashboard(reporter, sizes):
    round_ = _round()
    for n in sizes or DEFAULT_SIZES:
        user = _applicant(f"bench-dashboard-{n}@example.com")
        have = Bid.objects.filter(collaborators__user=user).count()
        for _ in range(n - have):
            stored_submitted_bid(round_, user)
        client = Client()
        sign_in_client(client, user)
        queries, ms = measure_get(client, "/apply/")
        reporter.emit("apply.dashboard", n, queries, ms)


@scenario(order=41)
def apply_submit(reporter, sizes):
    """What a submit request does in production: the submission, its audit record, the
    confirmation stored in the outbox and a task row for the worker. The worker renders
    the PDF and sends the email afterwards (checked below, not timed)."""
    round_ = _round()
    user = _applicant("bench-submit@example.com")
    drafts = [make_bid(round_, user, submitted=False) for _ in range(8)]
    pending = iter(drafts)
    mail.outbox = []

    def submit_one():
        submission, created = bids.submit(next(pending), user)
        assert created

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        queries, _ = count_queries(submit_one)
        ms = median_ms(submit_one, runs=6, warmup=0)
    assert mail.outbox == []
    sent = sender.send_queued()
    assert sent == {"sent": 7, "failed": 0}, sent
    assert len(mail.outbox) == 7 and all(m.attachments for m in mail.outbox)
    reporter.emit("apply.submit", 1, queries, ms)


@scenario(order=42)
def apply_pdf(reporter, sizes):
    round_ = _round()
    user = _applicant("bench-pdf@example.com")
    bid = make_bid(round_, user, place="Kent", submitted=True)  # through bids.submit
    submission = bid.submissions.get()
    queries, pdf = count_queries(lambda: bid_pdf(submission))
    assert pdf.startswith(b"%PDF")
    ms = median_ms(lambda: bid_pdf(submission), runs=5)
    reporter.emit("apply.pdf", 1, queries, ms, bytes=len(pdf))
