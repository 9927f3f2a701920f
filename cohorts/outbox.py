"""The outbox: decision emails, each sent exactly once.

A message is created as a draft on release (one per recipient per decision; the unique
key (bid, kind, address) makes creating it twice harmless). Sending queues the drafts,
rendering their text from the round's template at that moment, and starts the sender in
the background (django-tasks). The sender claims queued messages in batches with a
conditional UPDATE ... SET state = 'sending', claim = <this run's token> WHERE state =
'queued' (atomic on PostgreSQL and SQLite alike, so two workers or a double click never
both claim a message), hands each to the email backend, and marks it sent as soon as the
backend accepts it. An error from the backend marks it failed, with the error, for staff
to retry. If the worker is stopped mid-send, the messages it holds go back to the queue.
If the process dies outright, the messages it held stay 'sending' and after STALE_AFTER
are marked failed with an explanation: the backend may have accepted one of them, so
nobody is emailed twice without a person deciding to retry.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Case, Count, F, Value, When
from django.utils import timezone

from applications import audit
from applications.models import BidCollaborator
from cohorts import emails
from cohorts.models import EmailKind, Offer, OutboundMessage

State = OutboundMessage.State
STALE_AFTER = dt.timedelta(minutes=15)
BATCH = 50
INTERRUPTED = (
    "Sending was interrupted before the email server confirmed this message. Check with "
    "the recipient whether it arrived before you retry."
)


def create_drafts(bid_kinds, *, now=None):
    """One draft per collaborator of each (bid, kind); existing messages are kept as
    they are. Returns the number of new drafts."""
    now = now or timezone.now()
    bids = {bid.pk: (bid, kind) for bid, kind in bid_kinds}
    collaborators = (
        BidCollaborator.objects.filter(bid_id__in=bids)
        .select_related("user")
        .order_by("bid_id", "added_at", "pk")
    )
    rows, seen = [], set()
    for collaborator in collaborators:
        bid, kind = bids[collaborator.bid_id]
        email = collaborator.user.email.strip().lower()
        if not email or (bid.pk, kind, email) in seen:
            continue
        seen.add((bid.pk, kind, email))
        rows.append(
            OutboundMessage(
                round_id=bid.round_id,
                bid=bid,
                kind=kind,
                recipient=collaborator.user,
                to_email=email,
                created_at=now,
            )
        )
    before = OutboundMessage.objects.filter(bid_id__in=bids).count()
    OutboundMessage.objects.bulk_create(rows, ignore_conflicts=True)
    return OutboundMessage.objects.filter(bid_id__in=bids).count() - before


def _render_drafts(drafts, round_):
    templates = {t.kind: t for t in emails.templates_for(round_)}
    offers = {o.bid_id: o for o in Offer.objects.filter(bid_id__in={m.bid_id for m in drafts})}
    for message in drafts:
        bid = message.bid
        decision = getattr(bid, "decision", None)
        values = emails.values_for(
            bid,
            message.kind,
            name=message.recipient.full_name if message.recipient else "",
            decision=decision,
            offer=offers.get(bid.pk),
            district_names=sorted(d.name for d in bid.districts.all()),
        )
        yield message, emails.render(templates[message.kind], values)


def queue(round_, *, actor=None, bid_ids=None, now=None):
    """Render the round's drafts (or those of bid_ids) and queue them, then start the
    sender once the transaction commits. Only rows still in draft are changed (the
    UPDATE is conditional), so a double click queues each message once. Returns the
    number queued."""
    now = now or timezone.now()
    with transaction.atomic():
        drafts = OutboundMessage.objects.filter(round=round_, state=State.DRAFT)
        if bid_ids is not None:
            drafts = drafts.filter(bid_id__in=bid_ids)
        drafts = list(
            drafts.select_related("bid__round", "bid__decision", "recipient")
            .prefetch_related("bid__districts")
            .order_by("pk")
        )
        rendered = list(_render_drafts(drafts, round_))
        queued = 0
        for start in range(0, len(rendered), BATCH):
            batch = rendered[start : start + BATCH]
            queued += OutboundMessage.objects.filter(
                pk__in=[m.pk for m, _ in batch], state=State.DRAFT
            ).update(
                state=State.QUEUED,
                queued_at=now,
                subject=Case(*[When(pk=m.pk, then=Value(r.subject)) for m, r in batch]),
                body=Case(*[When(pk=m.pk, then=Value(r.body)) for m, r in batch]),
            )
        if queued:
            audit.record(
                "emails.queued", actor, round=round_, subject="Decision emails", new=queued
            )
        start_sender(round_)
    return queued


def start_sender(round_):
    """Run the sender in the background after the current transaction commits."""
    from cohorts.tasks import send_round_emails

    round_id = round_.pk
    transaction.on_commit(lambda: send_round_emails.enqueue(round_id))


def retry_failed(round_, *, actor, now=None):
    """Put failed messages back in the queue. Returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        retried = OutboundMessage.objects.filter(round=round_, state=State.FAILED).update(
            state=State.QUEUED, queued_at=now, claimed_at=None
        )
        if retried:
            audit.record(
                "emails.retried", actor, round=round_, subject="Decision emails", new=retried
            )
        start_sender(round_)
    return retried


def recover_stale(round_id=None, now=None):
    """Messages claimed longer than STALE_AFTER ago, never confirmed: mark them failed
    (never re-send them by ourselves: the backend may have accepted them)."""
    now = now or timezone.now()
    stale = OutboundMessage.objects.filter(state=State.SENDING, claimed_at__lt=now - STALE_AFTER)
    if round_id is not None:
        stale = stale.filter(round_id=round_id)
    return stale.update(state=State.FAILED, error=INTERRUPTED, claim="")


def _claim(ids, token, now):
    """Claim the queued messages among ids for this run; returns those it got."""
    OutboundMessage.objects.filter(pk__in=ids, state=State.QUEUED).update(
        state=State.SENDING, claim=token, claimed_at=now, attempts=F("attempts") + 1
    )
    return list(
        OutboundMessage.objects.filter(pk__in=ids, state=State.SENDING, claim=token)
        .order_by("pk")
        .values_list("pk", "to_email", "subject", "body")
    )


def send_queued(round_id=None, *, connection=None, limit=None):
    """Send every queued message (of one round, or all) once. Safe to run in several
    workers at the same time: each claims a batch with one conditional UPDATE, and only
    sends what it claimed. Returns {"sent": n, "failed": n}."""
    recover_stale(round_id)
    pending = OutboundMessage.objects.filter(state=State.QUEUED)
    if round_id is not None:
        pending = pending.filter(round_id=round_id)
    ids = list(pending.order_by("pk").values_list("pk", flat=True)[:limit])
    result = {"sent": 0, "failed": 0}
    if not ids:
        return result
    token = uuid.uuid4().hex
    connection = connection or get_connection(fail_silently=False)
    with connection:
        for start in range(0, len(ids), BATCH):
            for pk, to_email, subject, body in _claim(
                ids[start : start + BATCH], token, timezone.now()
            ):
                email = EmailMessage(
                    subject, body, settings.DEFAULT_FROM_EMAIL, [to_email], connection=connection
                )
                try:
                    accepted = email.send()
                except Exception as error:  # the backend refused it: not sent
                    _finish(pk, State.FAILED, f"{type(error).__name__}: {error}")
                    result["failed"] += 1
                    continue
                except BaseException:
                    # The worker is being stopped: nothing it holds unsent was handed over.
                    OutboundMessage.objects.filter(state=State.SENDING, claim=token).update(
                        state=State.QUEUED, claim="", claimed_at=None
                    )
                    raise
                if accepted:
                    _finish(pk, State.SENT)
                    result["sent"] += 1
                else:
                    _finish(pk, State.FAILED, "The email server did not accept the message.")
                    result["failed"] += 1
    return result


def _finish(pk, state, error=""):
    values = {"state": state, "error": error, "claim": ""}
    if state == State.SENT:
        values["sent_at"] = timezone.now()
    OutboundMessage.objects.filter(pk=pk, state=State.SENDING).update(**values)


def counts(round_):
    """{state: count} with every state present."""
    totals = dict.fromkeys(State.values, 0)
    for row in (
        OutboundMessage.objects.filter(round=round_)
        .values("state")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        totals[row["state"]] = row["n"]
    totals["total"] = sum(totals[s] for s in State.values)
    totals["in_progress"] = totals[State.QUEUED] + totals[State.SENDING]
    return totals


def kind_counts(round_):
    """{kind: {state: n}} for the staff page."""
    table = {kind: dict.fromkeys(State.values, 0) for kind in EmailKind.values}
    for row in (
        OutboundMessage.objects.filter(round=round_)
        .values("kind", "state")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        table[row["kind"]][row["state"]] = row["n"]
    return table
