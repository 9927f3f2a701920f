"""Eligibility screening: programme staff mark each submitted bid eligible or ineligible
before assessment. `screen()` is the one function that changes a bid's screening."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from applications import audit
from applications.models import Bid
from core.refusals import Refused
from scoring.setup.assignment import remove_for_screening

OUTCOMES = (Bid.Screening.ELIGIBLE, Bid.Screening.INELIGIBLE)


class ScreeningError(Refused):
    """A screening decision that is refused, with a message for the person making it."""


def screen(bid, outcome, reason, actor):
    """Record the screening decision. An ineligible bid leaves assessment: its assignments
    are removed (their history stays). Returns the number of assignments removed."""
    if not actor.has_perm("scoring.set_up_round"):
        raise ScreeningError("Only programme staff can screen bids")
    if outcome not in OUTCOMES:
        raise ScreeningError("Select whether the bid is eligible")
    reason = (reason or "").strip()
    if outcome == Bid.Screening.INELIGIBLE and not reason:
        raise ScreeningError("Enter the reason the bid is ineligible")
    with transaction.atomic():
        bid = Bid.objects.select_for_update().get(pk=bid.pk)
        if not bid.has_submitted_version:
            raise ScreeningError(f"{bid} is not submitted, so it cannot be screened")
        old = {"screening": bid.screening, "reason": bid.screening_reason}
        new = {"screening": outcome, "reason": reason}
        if old == new:
            return 0
        bid.screening = outcome
        bid.screening_reason = reason
        bid.screened_by = actor
        bid.screened_at = timezone.now()
        bid.save(update_fields=["screening", "screening_reason", "screened_by", "screened_at"])
        audit.record("bid.screened", actor, bid=bid, old=old, new=new)
        removed = 0
        if outcome == Bid.Screening.INELIGIBLE:
            removed = remove_for_screening(bid, actor)
    return removed


def counts(round_):
    """{"pending": n, "eligible": n, "ineligible": n} of the round's submitted bids. One query."""
    return (
        Bid.objects.for_round(round_)
        .with_submitted_version()
        .aggregate(
            **{value: Count("pk", filter=Q(screening=value)) for value in Bid.Screening.values}
        )
    )
