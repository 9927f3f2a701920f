"""The panel's decisions: the one place a Decision is recorded, changed or reopened.

Rules:

* Only a panel chair records decisions (not on a bid they are in conflict with).
* Only eligible bids (submitted and screened eligible) that are fully assessed (as many
  submitted assessments as the round's quota) can have a decision.
* Accept and reserve need a bid that passes the quality threshold and every minimum; reject
  is possible for any eligible, fully assessed bid.
* Feedback for the applicant is required for reject and reserve.
* The reserve list is one ordered list, positions 1, 2, 3 ... with no gaps: a bid added at a
  position moves those from there down by one; a bid leaving the list closes its gap.
* A released decision (cohorts.release) cannot change until programme staff reopen it.
  Reopening takes it back from the applicant (released_at is cleared) until staff release
  the round's decisions again.
* Every change is audited (old and new) and kept by simple-history.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from applications import audit
from applications.models import Round
from core import access
from scoring.models import Decision
from scoring.rules.ranking import INCOMPLETE
from scoring.select import selection

OUTCOME_VERBS = {
    Decision.Outcome.ACCEPT: "accepted",
    Decision.Outcome.RESERVE: "put on the reserve list",
}
RELEASED_MESSAGE = (
    "{reference}'s decision has been released to the applicant. Programme staff must reopen "
    "it before it can change."
)


def snapshot(decision):
    if decision is None:
        return None
    return {
        "outcome": decision.outcome,
        "reserve_position": decision.reserve_position,
        "feedback": decision.feedback,
    }


def _check_bid(current, bid, outcome):
    """Raise ValidationError unless the bid can have this outcome in the current selection."""
    if bid.reference not in current.data.info:
        raise ValidationError(
            f"{bid.reference} cannot have a decision: it has not been screened eligible"
        )
    if current.ranking is None:
        raise ValidationError(
            f"The ranking cannot be worked out, so no decision can be recorded: "
            f"{current.error.message}"
        )
    row = current.row(bid.reference)
    if row.status == INCOMPLETE:
        raise ValidationError(
            f"{bid.reference} cannot have a decision until it is fully assessed: "
            f"{row.excluded.reason}"
        )
    if outcome in OUTCOME_VERBS and row.excluded:
        verb = OUTCOME_VERBS[outcome]
        raise ValidationError(
            {"outcome": f"{bid.reference} cannot be {verb}: {row.excluded.reason}"}
        )


def _renumber_reserve(user, round_, bid, position):
    """Close up the reserve list around `bid`, inserting it at `position` (or leaving it out
    when position is None). Returns the position it takes."""
    others = list(
        Decision.objects.select_for_update()
        .filter(bid__round=round_, outcome=Decision.Outcome.RESERVE)
        .exclude(bid=bid)
        .select_related("bid")
        .order_by("reserve_position", "bid__reference")
    )
    if position is not None:
        if not 1 <= position <= len(others) + 1:
            raise ValidationError(
                {"reserve_position": f"Enter a reserve position between 1 and {len(others) + 1}"}
            )
        others.insert(position - 1, None)
    for number, decision in enumerate(others, start=1):
        if decision is None or decision.reserve_position == number:
            continue
        if decision.released_at is not None:
            raise ValidationError(
                {"reserve_position": RELEASED_MESSAGE.format(reference=decision.bid.reference)}
            )
        old = snapshot(decision)
        decision.reserve_position = number
        decision._history_user = user
        decision.save(update_fields=["reserve_position"])
        audit.record(
            "decision.reserve_moved", user, bid=decision.bid, old=old, new=snapshot(decision)
        )
    return position


def _record(user, current, bid, outcome, feedback, reserve_position):
    access.check(user, "scoring.decide", bid)
    _check_bid(current, bid, outcome)
    existing = Decision.objects.select_for_update().filter(bid=bid).first()
    if existing is not None and existing.released_at is not None:
        raise ValidationError(RELEASED_MESSAGE.format(reference=bid.reference))
    position = None
    if outcome == Decision.Outcome.RESERVE:
        position = reserve_position
        if position is None:
            was_reserve = existing is not None and existing.outcome == Decision.Outcome.RESERVE
            position = existing.reserve_position if was_reserve else None
        if position is None:
            position = (
                Decision.objects.filter(bid__round=bid.round_id, outcome=Decision.Outcome.RESERVE)
                .exclude(bid=bid)
                .count()
                + 1
            )
    _renumber_reserve(user, bid.round, bid, position)
    old = snapshot(existing)
    decision = existing or Decision(bid=bid)
    decision.outcome = outcome
    decision.reserve_position = position
    decision.feedback = feedback
    decision.decided_by = user
    decision.decided_at = timezone.now()
    decision._history_user = user
    decision.save()
    audit.record("decision.recorded", user, bid=bid, old=old, new=snapshot(decision))
    return decision


def _validate(outcome, feedback):
    errors = {}
    if outcome not in Decision.Outcome.values:
        errors["outcome"] = "Select a decision"
    elif outcome != Decision.Outcome.ACCEPT and not feedback:
        errors["feedback"] = "Enter feedback for the applicant"
    if errors:
        raise ValidationError(errors)


def record_decision(user, bid, outcome, feedback="", reserve_position=None):
    """Record or change the panel's decision on a bid (see the module docstring). Raises
    PermissionDenied or ValidationError (keyed by form field); nothing is saved then."""
    access.check(user, "scoring.decide", bid)
    feedback = (feedback or "").strip()
    _validate(outcome, feedback)
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=bid.round_id).first()  # one at a time
        current = selection.for_round(bid.round, with_stability=False)
        return _record(user, current, bid, outcome, feedback, reserve_position)


def accept_proposed(user, round_):
    """Record accept for every proposed bid that has no decision yet. Returns
    (accepted references, references left alone because they already had a decision)."""
    if not user.has_perm("scoring.decide"):
        raise PermissionDenied
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=round_.pk).first()
        current = selection.for_round(round_, with_stability=False)
        if current.proposal is None or not current.proposal.feasible:
            raise ValidationError("There is no proposed cohort to accept")
        from applications.models import Bid

        bids = Bid.objects.select_related("round").in_bulk(
            [current.data.info[ref].pk for ref in current.proposal.selected]
        )
        accepted, kept = [], []
        for reference in current.proposal.selected:
            info = current.data.info[reference]
            if info.decision:
                kept.append(reference)
                continue
            bid = bids[info.pk]
            if not user.has_perm("scoring.decide", bid):
                continue  # in conflict: the bid does not exist for them
            _record(user, current, bid, Decision.Outcome.ACCEPT, "", None)
            accepted.append(reference)
    return accepted, kept


def reopen_decision(user, decision, reason):
    """Programme staff reopen a released decision so the chair can change it."""
    access.check(user, "scoring.reopen_decision", decision.bid)
    reason = (reason or "").strip()
    if decision.released_at is None:
        raise ValidationError("This decision has not been released: the chair can change it")
    if not reason:
        raise ValidationError({"reason": "Enter a reason for reopening the decision"})
    with transaction.atomic():
        decision = Decision.objects.select_for_update().select_related("bid").get(pk=decision.pk)
        old = {"released_at": decision.released_at.isoformat(), **snapshot(decision)}
        decision.released_at = None
        decision.released_by = None
        decision._history_user = user
        decision.save(update_fields=["released_at", "released_by"])
        audit.record(
            "decision.reopened",
            user,
            bid=decision.bid,
            old=old,
            new={"released_at": None, **snapshot(decision)},
            note=reason,
        )
    return decision
