"""Releasing the panel's decisions for a round: the one function that does it."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from applications import audit
from applications.models import Bid, Round
from cohorts import emails, outbox
from cohorts.models import Offer
from core.refusals import Refused
from scoring.models import Decision


class ReleaseError(Refused):
    """The decisions cannot be released now; `missing` lists the bids still without a
    panel decision, when that is why."""

    def __init__(self, message, field=None, missing=()):
        super().__init__(message, field=field)
        self.missing = list(missing)


@dataclass
class ReleaseResult:
    released: int = 0
    already: bool = False
    drafts: int = 0
    counts: dict = field(default_factory=dict)


def bids_needing_decision(round_):
    """Submitted bids not screened out: each needs a panel decision before release."""
    return (
        Bid.objects.for_round(round_)
        .with_submitted_version()
        .exclude(screening=Bid.Screening.INELIGIBLE)
    )


def missing_decisions(round_, limit=None):
    """The bids that need a decision and have none, by reference (the first `limit`)."""
    bids = (
        bids_needing_decision(round_)
        .filter(decision__isnull=True)
        .order_by("reference")
        .only("pk", "reference", "place_name", "title")
    )
    return list(bids if limit is None else bids[:limit])


def decisions_of(round_):
    return Decision.objects.filter(bid__round=round_)


def outcome_counts(round_):
    """Decisions of each outcome, in total and released: one aggregate query."""
    counts = decisions_of(round_).aggregate(
        released=Count("pk", filter=Q(released_at__isnull=False)),
        **{o: Count("pk", filter=Q(outcome=o)) for o in Decision.Outcome.values},
    )
    totals = {o: counts[o] for o in Decision.Outcome.values}
    totals["total"] = sum(totals.values())
    totals["released"] = counts["released"]
    return totals


def release_decisions(round_, actor, *, reply_by, now=None):
    """Release every unreleased decision of the round: set released_at/by, make offers
    to accepted bids (to reply by `reply_by`) and create the draft emails. Refuses while
    any bid that needs a decision has none. Running it again releases nothing twice."""
    if not actor.has_perm("cohorts.manage"):
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=round_.pk).first()  # one release at a time
        missing = missing_decisions(round_)
        if missing:
            names = ", ".join(f"{b.reference} ({b.display_name})" for b in missing)
            raise ReleaseError(
                f"You cannot release the decisions yet: {len(missing)} "
                f"{'bid has' if len(missing) == 1 else 'bids have'} no panel decision: {names}",
                missing=missing,
            )
        pending = list(
            decisions_of(round_)
            .filter(released_at__isnull=True)
            .select_related("bid__round")
            .order_by("bid__reference")
        )
        if not pending:
            if decisions_of(round_).exists():
                return ReleaseResult(already=True)
            raise ReleaseError("There are no panel decisions to release for this round")
        if reply_by <= now:
            raise ReleaseError("The reply-by date must be in the future", field="reply_by")
        for decision in pending:
            decision.released_at = now
            decision.released_by = actor
            decision.save(update_fields=["released_at", "released_by"])
            audit.record(
                "decision.released",
                actor,
                bid=decision.bid,
                new={"outcome": decision.outcome, "reserve_position": decision.reserve_position},
            )
        accepted = [d.bid for d in pending if d.outcome == Decision.Outcome.ACCEPT]
        Offer.objects.bulk_create(
            [Offer(round=round_, bid=bid, offered_at=now, reply_by=reply_by) for bid in accepted],
            ignore_conflicts=True,
        )
        for offer in Offer.objects.filter(bid__in=accepted, offered_at=now):
            audit.record("offer.made", actor, bid=offer.bid, new={"reply_by": reply_by.isoformat()})
        emails.templates_for(round_)
        drafts = outbox.create_drafts(
            [(d.bid, emails.OUTCOME_KIND[d.outcome]) for d in pending], now=now
        )
        audit.record(
            "decisions.released",
            actor,
            round=round_,
            subject="Panel decisions",
            new={"released": len(pending), "reply_by": reply_by.isoformat()},
        )
    return ReleaseResult(released=len(pending), drafts=drafts)
