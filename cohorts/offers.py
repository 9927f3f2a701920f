"""Offers of a place: accepting, declining, lapsing, and offering a freed place to the
next bid on the reserve list. Each state change is one conditional update, audited."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from applications import audit
from cohorts import outbox
from cohorts.models import EmailKind, Offer
from core.dates import LONDON, format_datetime
from core.refusals import Refused
from scoring.models import Decision

OFFER_REPLY_DAYS = 14


class OfferError(Refused):
    """The offer cannot be answered now (already answered, lapsed) or the answer is
    incomplete."""


def reply_by_for(now):
    """12pm (London) on the day OFFER_REPLY_DAYS from now."""
    day = timezone.localtime(now, LONDON).date() + dt.timedelta(days=OFFER_REPLY_DAYS)
    return dt.datetime.combine(day, dt.time(12), tzinfo=LONDON)


def offers_for(user):
    return Offer.objects.filter(bid__collaborators__user=user)


def respond(offer, user, *, accept, reason="", now=None):
    """Accept or decline an offer for the partnership. Raises Http404 for someone not
    working on the bid, OfferError when it can no longer be answered."""
    now = now or timezone.now()
    if not user.has_perm("cohorts.respond_to_offer", offer):
        raise Http404
    reason = (reason or "").strip()
    if not accept and not reason:
        raise OfferError("Enter why you are declining the offer")
    lapse_due(now=now, round_=offer.round)
    offer.refresh_from_db()
    if offer.status != Offer.Status.OPEN:
        raise OfferError(already_message(offer))
    status = Offer.Status.ACCEPTED if accept else Offer.Status.DECLINED
    with transaction.atomic():
        changed = Offer.objects.filter(pk=offer.pk, status=Offer.Status.OPEN).update(
            status=status,
            responded_at=now,
            responded_by=user,
            decline_reason="" if accept else reason,
        )
        if not changed:
            offer.refresh_from_db()
            raise OfferError(already_message(offer))
        audit.record(
            f"offer.{status}",
            user,
            bid=offer.bid,
            old=Offer.Status.OPEN,
            new=status,
            note="" if accept else reason,
        )
        if not accept:
            promote_next(offer.round, replaces=offer, actor=user, now=now)
    offer.refresh_from_db()
    return offer


def already_message(offer):
    if offer.status == Offer.Status.LAPSED:
        return (
            f"This offer lapsed at {format_datetime(offer.reply_by)}, so you can no longer "
            "accept or decline it"
        )
    if offer.status == Offer.Status.ACCEPTED:
        return "This offer has already been accepted"
    return "This offer has already been declined"


def lapse_due(*, now=None, round_=None):
    """Mark open offers past their reply-by date as lapsed and offer each freed place to
    the next reserve. Called by `manage.py lapse_offers`, and when the staff page or an
    offer is opened. Returns the lapsed offers."""
    now = now or timezone.now()
    due = Offer.objects.filter(status=Offer.Status.OPEN, reply_by__lte=now)
    if round_ is not None:
        due = due.filter(round=round_)
    lapsed = []
    for offer in due.select_related("bid", "round").order_by("reply_by", "pk"):
        with transaction.atomic():
            if not Offer.objects.filter(pk=offer.pk, status=Offer.Status.OPEN).update(
                status=Offer.Status.LAPSED
            ):
                continue  # someone else lapsed or answered it first
            audit.record(
                "offer.lapsed",
                None,
                bid=offer.bid,
                old=Offer.Status.OPEN,
                new=Offer.Status.LAPSED,
                note=f"No reply by {format_datetime(offer.reply_by)}",
            )
            promote_next(offer.round, replaces=offer, actor=None, now=now)
        lapsed.append(offer)
    return lapsed


def next_reserve(round_):
    return (
        Decision.objects.filter(
            bid__round=round_,
            outcome=Decision.Outcome.RESERVE,
            released_at__isnull=False,
            bid__offer__isnull=True,
        )
        .select_related("bid__round")
        .order_by("reserve_position", "bid__reference")
        .first()
    )


def promote_next(round_, *, replaces, actor, now):
    """Offer the place freed by `replaces` to the highest reserve not yet offered one,
    and queue the offer email. Returns the new offer, or None when no reserve is left."""
    for _ in range(5):
        decision = next_reserve(round_)
        if decision is None:
            audit.record(
                "offer.no_reserve_left",
                actor,
                round=round_,
                subject=str(replaces.bid),
                note="No bid is left on the reserve list to offer the place to",
            )
            return None
        try:
            with transaction.atomic():
                offer = Offer.objects.create(
                    round=round_,
                    bid=decision.bid,
                    offered_at=now,
                    reply_by=reply_by_for(now),
                    replaces=replaces,
                )
        except IntegrityError:
            # Either this reserve was just offered a place, or this freed place was just
            # filled by someone else.
            if Offer.objects.filter(replaces=replaces).exists():
                return Offer.objects.get(replaces=replaces)
            continue
        audit.record(
            "offer.made",
            actor,
            bid=decision.bid,
            new={
                "reply_by": offer.reply_by.isoformat(),
                "from_reserve_position": decision.reserve_position,
                "replaces": str(replaces.bid),
            },
        )
        outbox.create_drafts([(decision.bid, EmailKind.OFFER)], now=now)
        outbox.queue(round_, actor=actor, bid_ids=[decision.bid_id], now=now)
        return offer
    return None
