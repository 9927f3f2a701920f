import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from applications.models import AuditEvent, Bid
from cohorts import emails, outbox, release
from cohorts.forms import EmailTemplateForm
from cohorts.models import EmailKind, Offer
from notifications.models import OutboxMessage
from scoring.models import Decision
from tests.cohort_helpers import (
    STANDARD,
    FlakyBackend,
    WorkerStopped,
    add_colleague,
    applicant_for,
    decided_bids,
    in_days,
)
from tests.factories.applications import make_bid
from tests.factories.emails import delivered
from tests.factories.scoring import screen_ineligible

pytestmark = pytest.mark.django_db
State = OutboxMessage.State


CONFIRMATION = "submission_confirmation"


def confirmations(*places):
    return [(CONFIRMATION, f"lead@{place.lower()}.example.gov.uk") for place in sorted(places)]


@pytest.fixture
def decided(open_round, chair):
    """The STANDARD decisions; the submission confirmations of their set-up are sent
    first (by the product's sender), so what follows counts only decision emails."""
    with delivered() as sent:
        bids = decided_bids(open_round, chair, STANDARD)
    assert sent == confirmations("Sheffield", "Leeds", "Liverpool", "Nottingham", "Birmingham")
    return bids


def release_now(round_, staff_user, now=None):
    now = now or timezone.now()
    return release.release_decisions(round_, staff_user, reply_by=in_days(14, now), now=now)


def test_release_sets_released_makes_offers_and_drafts_once(open_round, staff_user, decided):
    with delivered() as sent:
        add_colleague(decided["Sheffield"], "second@sheffield.example.gov.uk", "Sam Second")
    assert sent == [("bid_invitation", "second@sheffield.example.gov.uk")]
    now = timezone.now()
    result = release_now(open_round, staff_user, now)
    assert (result.released, result.drafts, result.already) == (5, 6, False)
    assert set(Decision.objects.values_list("released_at", flat=True)) == {now}
    assert set(Decision.objects.values_list("released_by", flat=True)) == {staff_user.pk}
    assert sorted(Offer.objects.values_list("bid__place_name", flat=True)) == [
        "Leeds",
        "Sheffield",
    ]
    drafts = outbox.decision_messages(open_round).values_list("to_email", "kind", "state")
    assert sorted(drafts) == [
        ("lead@birmingham.example.gov.uk", "unsuccessful", "draft"),
        ("lead@leeds.example.gov.uk", "offer", "draft"),
        ("lead@liverpool.example.gov.uk", "reserve", "draft"),
        ("lead@nottingham.example.gov.uk", "reserve", "draft"),
        ("lead@sheffield.example.gov.uk", "offer", "draft"),
        ("second@sheffield.example.gov.uk", "offer", "draft"),
    ]
    # A double click or a second release creates nothing new.
    again = release_now(open_round, staff_user)
    assert again.already is True
    assert outbox.decision_messages(open_round).count() == 6
    assert Offer.objects.count() == 2
    assert AuditEvent.objects.filter(action="decisions.released").count() == 1
    assert AuditEvent.objects.filter(action="decision.released").count() == 5


def test_release_refuses_while_a_bid_has_no_decision(open_round, staff_user, decided):
    with delivered() as sent:
        waiting = make_bid(open_round, applicant_for("Plymouth"), "Plymouth", submitted=True)
        ineligible = make_bid(open_round, applicant_for("Kent"), "Kent", submitted=True)
        screen_ineligible(ineligible)
    assert sent == confirmations("Plymouth", "Kent")
    with pytest.raises(release.ReleaseError) as error:
        release_now(open_round, staff_user)
    assert error.value.message == (
        "You cannot release the decisions yet: 1 bid has no panel decision: "
        f"{waiting.reference} (Plymouth)"
    )
    assert not Decision.objects.filter(released_at__isnull=False).exists()
    assert not outbox.decision_messages(open_round).exists()


def test_release_refuses_a_reply_by_date_in_the_past(open_round, staff_user, chair):
    decided_bids(open_round, chair, STANDARD)  # no email is counted here
    now = timezone.now()
    with pytest.raises(release.ReleaseError) as error:
        release.release_decisions(open_round, staff_user, reply_by=in_days(-1, now), now=now)
    assert error.value.message == "The reply-by date must be in the future"


def test_unknown_placeholder_is_named_at_save(open_round):
    template = emails.template_for(open_round, EmailKind.UNSUCCESSFUL)
    form = EmailTemplateForm(
        {"subject": "Decision for {partnership}", "body": "Dear {name},\n{fedback}"},
        instance=template,
    )
    assert not form.is_valid()
    assert form.errors["body"] == [
        "Unknown placeholder {fedback}: use one of {name}, {partnership}, {reference}, "
        "{round}, {place}, {decision}, {feedback}, {contact_email}"
    ]
    # {reply_by} belongs to offers only.
    with pytest.raises(ValidationError) as error:
        emails.check_placeholders("Reply by {reply_by}", EmailKind.RESERVE)
    assert error.value.messages[0].startswith("Unknown placeholder {reply_by}: use one of")


def test_emails_are_plain_text_with_user_text_as_typed(open_round, staff_user, decided):
    bid = decided["Liverpool"]
    Bid.objects.filter(pk=bid.pk).update(place_name="Liverpool\nCity <Region>")
    release_now(open_round, staff_user)
    outbox.queue(open_round, actor=staff_user)
    outbox.send_queued(open_round.pk)
    message = next(m for m in mail.outbox if m.to == ["lead@liverpool.example.gov.uk"])
    assert (
        message.subject
        == "Leading Places: Liverpool City <Region> (LP2-0003) is on the reserve list"
    )
    assert message.content_subtype == "plain"
    assert "Feedback from the panel:\nClose to the line: <b>good</b> outcomes & measures." in (
        message.body
    )
    assert "at position 1." in message.body
    assert message.body.startswith("Dear Liverpool Lead,\n\n")


def test_offer_email_has_reply_by_and_link(open_round, staff_user, decided):
    now = dt.datetime(2030, 3, 1, 9, 0, tzinfo=dt.UTC)
    reply_by = dt.datetime(2030, 3, 19, 12, 0, tzinfo=dt.UTC)
    release.release_decisions(open_round, staff_user, reply_by=reply_by, now=now)
    outbox.queue(open_round, actor=staff_user, now=now)
    outbox.send_queued(open_round.pk)
    offer = Offer.objects.get(bid=decided["Sheffield"])
    message = next(m for m in mail.outbox if m.to == ["lead@sheffield.example.gov.uk"])
    assert message.subject == "Leading Places: offer of a place for Sheffield (LP2-0001)"
    assert (
        "Accept or decline the offer by 12pm on Tuesday 19 March 2030:\n"
        f"http://testserver/cohorts/offers/{offer.pk}/\n" in message.body
    )


def test_each_email_is_sent_exactly_once_across_repeats(open_round, staff_user, decided):
    release_now(open_round, staff_user)
    assert outbox.queue(open_round, actor=staff_user) == 5
    assert outbox.queue(open_round, actor=staff_user) == 0  # a double click
    assert outbox.send_queued(open_round.pk) == {"sent": 5, "failed": 0}
    assert outbox.send_queued(open_round.pk) == {"sent": 0, "failed": 0}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        outbox.decision_messages(open_round).values_list("to_email", flat=True)
    )
    assert len(mail.outbox) == 5
    assert set(outbox.decision_messages(open_round).values_list("state", flat=True)) == {State.SENT}


def _many_messages(open_round, staff_user, chair, count=8):
    """`count` unsuccessful emails to Sheffield's team, queued; the set-up's own emails
    (the confirmation, the colleagues' invitations) already sent. Returns the addresses
    of the decision emails in the order they are sent."""
    colleagues = [f"person{index}@sheffield.example.gov.uk" for index in range(count - 1)]
    with delivered() as sent:
        bids = decided_bids(
            open_round,
            chair,
            [("Sheffield", "reject", None, "Not this time.")],
        )
        for email in colleagues:
            add_colleague(bids["Sheffield"], email)
    assert sent == sorted(
        confirmations("Sheffield") + [("bid_invitation", email) for email in colleagues]
    )
    release_now(open_round, staff_user)
    outbox.queue(open_round, actor=staff_user)
    return list(decisions_in_order(open_round).values_list("to_email", flat=True))


def decisions_in_order(round_):
    return outbox.decision_messages(round_).order_by("pk")


def test_a_send_interrupted_half_way_and_restarted_sends_each_once(open_round, staff_user, chair):
    addresses = _many_messages(open_round, staff_user, chair)
    stopping = FlakyBackend(fail_on=5, exception=WorkerStopped())
    with pytest.raises(WorkerStopped):
        outbox.send_queued(open_round.pk, connection=stopping)
    assert [m.to[0] for m in mail.outbox] == addresses[:4]
    states = list(decisions_in_order(open_round).values_list("state", flat=True))
    assert states == [State.SENT] * 4 + [State.QUEUED] * 4

    assert outbox.send_queued(open_round.pk) == {"sent": 4, "failed": 0}
    assert [m.to[0] for m in mail.outbox] == addresses
    assert outbox.send_queued(open_round.pk) == {"sent": 0, "failed": 0}
    assert len(mail.outbox) == 8


def test_a_backend_error_marks_the_message_failed_for_retry(open_round, staff_user, chair):
    addresses = _many_messages(open_round, staff_user, chair)
    flaky = FlakyBackend(fail_on=5, exception=ConnectionRefusedError("Connection refused"))
    assert outbox.send_queued(open_round.pk, connection=flaky) == {"sent": 7, "failed": 1}
    failed = OutboxMessage.objects.get(state=State.FAILED)
    assert failed.to_email == addresses[4]
    assert failed.error == "ConnectionRefusedError: Connection refused"
    assert outbox.counts(open_round)["failed"] == 1

    assert outbox.retry_failed(open_round, actor=staff_user) == 1
    assert outbox.retry_failed(open_round, actor=staff_user) == 0
    assert outbox.send_queued(open_round.pk) == {"sent": 1, "failed": 0}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(addresses)
    assert len(mail.outbox) == 8
    assert outbox.decision_messages(open_round).get(to_email=addresses[4]).attempts == 2


def test_a_message_claimed_by_a_dead_worker_is_retried_once_after_the_delay(
    open_round, staff_user, chair
):
    _many_messages(open_round, staff_user, chair, count=2)
    first = decisions_in_order(open_round).first()
    now = timezone.now()
    # A worker claimed it and died (kill -9) before the email server answered.
    OutboxMessage.objects.filter(pk=first.pk).update(
        state=State.SENDING, claimed_at=now - dt.timedelta(minutes=14, seconds=59), attempts=1
    )
    assert outbox.send_queued(open_round.pk, now=now) == {"sent": 1, "failed": 0}
    first.refresh_from_db()
    assert first.state == State.SENDING  # not yet: the delay has not passed
    assert len(mail.outbox) == 1

    later = now + dt.timedelta(seconds=2)
    assert outbox.send_queued(open_round.pk, now=later) == {"sent": 1, "failed": 0}
    first.refresh_from_db()
    assert (first.state, first.attempts, first.interruptions) == (State.SENT, 2, 1)
    assert [m.to[0] for m in mail.outbox].count(first.to_email) == 1
    assert len(mail.outbox) == 2

    # Interrupted a second time: never re-sent by itself, left for a person to decide.
    OutboxMessage.objects.filter(pk=first.pk).update(
        state=State.SENDING, claimed_at=later - dt.timedelta(minutes=16)
    )
    assert outbox.send_queued(open_round.pk, now=later) == {"sent": 0, "failed": 0}
    first.refresh_from_db()
    assert (first.state, first.error, first.next_attempt_at) == (
        State.FAILED,
        outbox.INTERRUPTED,
        None,
    )
    assert len(mail.outbox) == 2


def test_a_message_claimed_elsewhere_is_skipped(open_round, staff_user, chair):
    _many_messages(open_round, staff_user, chair, count=3)
    other = decisions_in_order(open_round).first()
    # Another worker claimed it a moment ago.
    OutboxMessage.objects.filter(pk=other.pk).update(state=State.SENDING, claimed_at=timezone.now())
    assert outbox.send_queued(open_round.pk) == {"sent": 2, "failed": 0}
    assert other.to_email not in [m.to[0] for m in mail.outbox]


def test_sending_runs_as_a_background_task(
    open_round, staff_user, decided, django_capture_on_commit_callbacks
):
    release_now(open_round, staff_user)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        outbox.queue(open_round, actor=staff_user)
    assert len(callbacks) == 1
    assert len(mail.outbox) == 5
    assert outbox.counts(open_round)["sent"] == 5
