"""Decision emails through the service's outbox (notifications): each sent exactly once.

A message is created as a draft on release (one per recipient per decision; its key
"decision:<bid>:<kind>:<address>" makes creating it twice harmless). Sending queues the
drafts, rendering their text from the round's template at that moment, and starts the
background sender once the transaction commits. Claiming, retries with back-off and
recovery after a crash belong to the sender (notifications.sender).
"""

from django.db import transaction
from django.db.models import Case, Count, Value, When
from django.utils import timezone

from applications import audit
from applications.models import BidCollaborator
from cohorts import emails
from cohorts.models import EmailKind, Offer
from notifications import sender
from notifications.models import OutboxMessage
from notifications.outbox import queue_emails, send_after_commit
from notifications.sender import INTERRUPTED, send_queued  # noqa: F401  (the decision API)

State = OutboxMessage.State
BATCH = 50


def decision_messages(round_):
    return OutboxMessage.objects.filter(round=round_, kind__in=EmailKind.values)


def draft_key(bid, kind, email):
    return f"decision:{bid.pk}:{kind}:{email}"


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
            {
                "key": draft_key(bid, kind, email),
                "kind": kind,
                "round": bid.round,
                "bid": bid,
                "recipient": collaborator.user,
                "to_email": email,
                "subject": "",
                "body": "",
            }
        )
    return queue_emails(rows, now=now, draft=True)


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
        drafts = decision_messages(round_).filter(state=State.DRAFT)
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
            queued += OutboxMessage.objects.filter(
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
        send_after_commit()
    return queued


def retry_failed(round_, *, actor, now=None):
    """Put failed messages back in the queue. Returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        retried = sender.retry_failed(decision_messages(round_), now=now)
        if retried:
            audit.record(
                "emails.retried", actor, round=round_, subject="Decision emails", new=retried
            )
        send_after_commit()
    return retried


def counts(round_):
    """{state: count} with every state present."""
    totals = dict.fromkeys(State.values, 0)
    for row in decision_messages(round_).values("state").annotate(n=Count("pk")).order_by():
        totals[row["state"]] = row["n"]
    totals["total"] = sum(totals[s] for s in State.values)
    totals["in_progress"] = totals[State.QUEUED] + totals[State.SENDING]
    return totals


def kind_counts(round_):
    """{kind: {state: n}} for the staff page."""
    table = {kind: dict.fromkeys(State.values, 0) for kind in EmailKind.values}
    for row in decision_messages(round_).values("kind", "state").annotate(n=Count("pk")).order_by():
        table[row["kind"]][row["state"]] = row["n"]
    return table
