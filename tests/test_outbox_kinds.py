"""Every kind of email the service sends goes through the outbox and arrives exactly once,
even when the worker is stopped or killed half-way (checked on Django's locmem outbox)."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts import account_emails, permissions, two_factor
from applications import bids as bid_actions
from applications.models import Bid
from applications.samples import make_bid
from cohorts import outbox as decisions
from cohorts import release
from notifications import sender
from notifications.models import OutboxMessage
from reminders import deadlines
from scoring.assess import moderation
from scoring.setup import assignment
from tests.assess_helpers import (
    assign,
    eligible_bid,
    make_criteria,
    make_person,
    submitted_assessment,
)
from tests.cohort_helpers import (
    STANDARD,
    FlakyBackend,
    WorkerStopped,
    applicant_for,
    decided_bids,
    in_days,
)
from tests.factories.accounts import set_up_two_factor, sign_in_client
from tests.factories.emails import delivered as set_up_delivered

pytestmark = pytest.mark.django_db
State = OutboxMessage.State


def submission(ctx):
    bid = make_bid(ctx.round, ctx.applicant)
    bid_actions.submit(bid, ctx.applicant)
    return ["applicant@council.gov.uk"]


def bid_invitation(ctx):
    bid = make_bid(ctx.round, ctx.applicant)
    bid_actions.invite(bid, ctx.applicant, "Colleague@Sheffield.ac.uk")
    return ["colleague@sheffield.ac.uk"]


def staff_invitation(ctx):
    sign_in_client(ctx.client, ctx.staff)
    response = ctx.client.post(
        reverse("accounts:invitations"),
        {"email": "new.chair@uni.ac.uk", "role": permissions.PANEL_CHAIR},
    )
    assert response.status_code == 302
    return ["new.chair@uni.ac.uk"]


# The set-up's own emails (submission confirmations) are sent first, by the product's
# sender, so that what is queued and sent afterwards is the kind under test alone.
CONFIRMED = [("submission_confirmation", "applicant@council.gov.uk")]


def assignment_notice(ctx):
    with set_up_delivered() as sent:
        bid = eligible_bid(ctx.round, ctx.applicant)
    assert sent == CONFIRMED
    person = make_person("assessor9@uni.ac.uk", permissions.ASSESSOR)
    assignment.assign_by_hand(bid, person, ctx.staff)
    return ["assessor9@uni.ac.uk"]


def assessment_returned(ctx):
    criteria = make_criteria(ctx.round)
    with set_up_delivered() as sent:
        bid = eligible_bid(ctx.round, ctx.applicant)
        person = make_person("assessor8@uni.ac.uk", permissions.ASSESSOR)
        (given,) = assign(bid, person)
        assessment = submitted_assessment(given, criteria, [3, 3, 3, 3, 3], "fund")
    assert sent == CONFIRMED
    moderation.return_assessment(ctx.chair, assessment, "Please add evidence.")
    return ["assessor8@uni.ac.uk"]


def decision_emails(ctx):
    with set_up_delivered() as sent:
        decided_bids(ctx.round, ctx.chair, STANDARD[:3])
    assert sent == [
        ("submission_confirmation", f"lead@{p}.example.gov.uk")
        for p in ("leeds", "liverpool", "sheffield")
    ]
    release.release_decisions(ctx.round, ctx.staff, reply_by=in_days(14))
    decisions.queue(ctx.round, actor=ctx.staff)
    return [f"lead@{p}.example.gov.uk" for p in ("leeds", "liverpool", "sheffield")]


def deadline_reminder(ctx):
    week_before = deadlines.reminder_time(ctx.round.closes_at, 168)
    make_bid(ctx.round, applicant_for("Leeds"), "Leeds", at=week_before)
    deadlines.queue_reminders(ctx.round, week_before)
    return ["lead@leeds.example.gov.uk"]


def deadline_moved(ctx):
    make_bid(ctx.round, applicant_for("Leeds"), "Leeds")
    deadlines.move_deadline(ctx.round, ctx.staff, ctx.round.closes_at + dt.timedelta(days=1))
    return ["lead@leeds.example.gov.uk"]


def password_reset(ctx):
    account_emails.request_password_reset("Applicant@Council.gov.uk", "203.0.113.7")
    return ["applicant@council.gov.uk"]


def sign_up_confirmation(ctx):
    account_emails.request_sign_up(
        email="New.Person@Council.gov.uk",
        full_name="New Person",
        job_title="",
        password="a-long-enough-passphrase",
        next_url="",
        client_ip="203.0.113.7",
    )
    return ["new.person@council.gov.uk"]


def sign_up_existing_account(ctx):
    account_emails.request_sign_up(
        email=ctx.applicant.email,
        full_name="Someone",
        job_title="",
        password="a-long-enough-passphrase",
        next_url="",
        client_ip="203.0.113.7",
    )
    return ["applicant@council.gov.uk"]


def two_factor_reset(ctx):
    set_up_two_factor(ctx.chair)
    two_factor.reset(ctx.chair, ctx.staff)
    return ["chair@local.gov.uk"]


KINDS = {
    "submission_confirmation": submission,
    "bid_invitation": bid_invitation,
    "staff_invitation": staff_invitation,
    "assignment_notice": assignment_notice,
    "assessment_returned": assessment_returned,
    "offer, reserve, unsuccessful": decision_emails,
    "deadline_reminder": deadline_reminder,
    "deadline_moved": deadline_moved,
    "password_reset": password_reset,
    "sign_up_confirmation": sign_up_confirmation,
    "sign_up_existing_account": sign_up_existing_account,
    "two_factor_reset": two_factor_reset,
}


class Context:
    def __init__(self, **values):
        self.__dict__.update(values)


@pytest.fixture
def ctx(client, open_round, applicant, staff_user, chair):
    return Context(
        client=client, round=open_round, applicant=applicant, staff=staff_user, chair=chair
    )


def delivered():
    return sorted(address for m in mail.outbox for address in m.to)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_sent_once_after_the_worker_is_stopped_half_way(ctx, kind):
    expected = KINDS[kind](ctx)
    assert mail.outbox == []  # queued in the transaction, nothing sent in it
    queued = OutboxMessage.objects.filter(state=State.QUEUED)
    assert sorted(queued.values_list("to_email", flat=True)) == expected

    # The worker is stopped (SIGTERM) while it sends the first message.
    with pytest.raises(WorkerStopped):
        sender.send_queued(connection=FlakyBackend(fail_on=1, exception=WorkerStopped()))
    assert mail.outbox == []
    assert not OutboxMessage.objects.filter(state=State.SENDING).exists()

    # The restarted worker sends everything once; a second run sends nothing.
    assert sender.send_queued() == {"sent": len(expected), "failed": 0}
    assert sender.send_queued() == {"sent": 0, "failed": 0}
    assert delivered() == expected
    if kind == "submission_confirmation":
        (name, content, mimetype) = mail.outbox[0].attachments[0]
        assert (name, mimetype) == ("LP2-0001-version-1.pdf", "application/pdf")
        assert content.startswith(b"%PDF")


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_sent_once_after_the_worker_is_killed_holding_it(ctx, kind):
    expected = KINDS[kind](ctx)
    first = OutboxMessage.objects.filter(state=State.QUEUED).order_by("pk").first()
    # kill -9 while the first message was with the email server: it stays 'sending'.
    died_at = timezone.now()
    OutboxMessage.objects.filter(pk=first.pk).update(
        state=State.SENDING, claim="dead-worker", claimed_at=died_at, attempts=1
    )
    # The scheduled run (every minute) sends the rest at once, by itself.
    call_command("run_scheduled", stdout=io.StringIO())
    assert delivered() == sorted(set(expected) - {first.to_email})
    # After the stated delay the interrupted message is sent again, once.
    OutboxMessage.objects.filter(pk=first.pk).update(
        claimed_at=timezone.now() - sender.STALE_AFTER - dt.timedelta(seconds=1)
    )
    call_command("run_scheduled", stdout=io.StringIO())
    call_command("run_scheduled", stdout=io.StringIO())
    assert delivered() == expected
    first.refresh_from_db()
    assert (first.state, first.attempts, first.interruptions) == (State.SENT, 2, 1)


def test_submit_with_the_mail_server_down_shows_the_confirmation_and_sends_later(
    client, open_round, applicant, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.outbox_helpers.RefusingBackend"
    bid = make_bid(open_round, applicant)
    sign_in_client(client, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications:bid_submit", args=[bid.pk]), {"submission_version": "1"}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:bid_confirmation", args=[bid.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "LP2-0001" in page.content.decode()
    assert Bid.objects.get(pk=bid.pk).status == Bid.Status.SUBMITTED
    message = OutboxMessage.objects.get(kind="submission_confirmation")
    assert (message.state, message.attempts) == (State.FAILED, 1)
    assert message.error == "ConnectionRefusedError: [Errno 111] Connection refused"
    assert mail.outbox == []

    # The mail server is back; the next attempt is due and sends it, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert sender.send_queued(now=message.next_attempt_at) == {"sent": 1, "failed": 0}
    assert sender.send_queued(now=message.next_attempt_at) == {"sent": 0, "failed": 0}
    assert [m.subject for m in mail.outbox] == ["Leading Places: application LP2-0001 submitted"]


def test_the_submit_request_does_no_pdf_work(
    client, open_round, applicant, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    bid = make_bid(open_round, applicant)
    sign_in_client(client, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applications:bid_submit", args=[bid.pk]), {"submission_version": "1"})
    message = OutboxMessage.objects.get(kind="submission_confirmation")
    assert (message.attachment, message.attachment_args) == (
        "bid_pdf",
        {"submission_id": bid.submissions.get().pk},
    )
    assert message.state == State.QUEUED  # the worker (a dummy here) has not run


def test_a_run_at_a_past_time_is_not_taken_for_a_dead_worker_by_one_on_the_wall_clock(
    open_round, settings
):
    """A scheduled run passes its own time (here two hours ago); while it waits for the
    email server, the worker runs on the wall clock. The worker must not think the run's
    fresh claim is 15 minutes old and send the message a second time."""
    from notifications import sender
    from notifications.outbox import queue_email

    queue_email(key="past:1", to_email="a@example.gov.uk", subject="S", body="B", kind="test")
    settings.EMAIL_BACKEND = "tests.outbox_helpers.SenderAlongsideBackend"
    two_hours_ago = timezone.now() - dt.timedelta(hours=2)
    assert sender.send_queued(now=two_hours_ago) == {"sent": 1, "failed": 0}
    assert [m.to for m in mail.outbox] == [["a@example.gov.uk"]]
    message = OutboxMessage.objects.get(key="past:1")
    assert (message.state, message.attempts, message.interruptions) == (State.SENT, 1, 0)
