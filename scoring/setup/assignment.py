"""Assigning assessors to bids: the Django layer.

The decision itself is `plan()`, a pure function on plain data in
scoring/assignment_plan.py (re-exported here; its docstring explains what "where possible"
means and why the plan is balanced). The functions here load the data with a fixed number
of queries, apply the plan in bulk, write the audit trail and email each assessor their new
bids. Hand assignment, unassignment, conflict declarations and changes of an assessor's
organisations go through here too, so the rules live in one place.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from accounts.permissions import ASSESSOR
from applications import audit
from applications.models import AuditEvent, Bid, Round
from core.refusals import Refused
from notifications.outbox import queue_email
from scoring.models import Assessment, AssessorProfile, Assignment, ConflictDeclaration, Score
from scoring.rules.assignment_plan import Plan, Shortfall, plan
from scoring.select.inputs import note_change
from scoring.setup import conflicts as conflict_rules

__all__ = ["Plan", "Shortfall", "plan"]


class AssignmentError(Refused):
    """An assignment change that is refused, with a message for the person who asked for it."""


class NeedsConfirmation(AssignmentError):  # noqa: N818
    """The change would lose submitted work: ask first."""


def assessor_pool():
    """Everyone who can be given bids: active users with the assessor role."""
    return User.objects.filter(is_active=True, groups__name=ASSESSOR).order_by("full_name", "pk")


NOT_RECORDED = (
    "has not recorded their interests yet, so conflicts with their organisations cannot be "
    "checked: they are given no bids automatically"
)


@dataclass
class RoundState:
    bids: list  # eligible bids
    assessors: list  # every assessor (the pool)
    assignments: list  # every assignment in the round, with bid, assessor and assessment
    conflicts: set  # {(bid_id, assessor_id)}
    recorded: set  # ids of the assessors who have recorded their interests

    @property
    def assignable(self):
        """The assessors automatic assignment may give bids to: those whose interests are
        recorded (for anyone else, conflicts cannot be known)."""
        return [a for a in self.assessors if a.pk in self.recorded]

    @property
    def skipped(self):
        """(assessor, reason) of each assessor automatic assignment leaves out."""
        return [(a, NOT_RECORDED) for a in self.assessors if a.pk not in self.recorded]

    def plan(self, quota):
        return plan(
            [b.pk for b in self.bids],
            [a.pk for a in self.assignable],
            self.conflicts,
            [(x.bid_id, x.assessor_id) for x in self.assignments],
            quota,
        )


def load_state(round_):
    """Everything automatic assignment needs, in six queries whatever the size."""
    bids = list(
        Bid.objects.for_round(round_)
        .in_assessment()
        .order_by("reference")
        .select_related("lead_organisation")
    )
    assessors = list(assessor_pool())
    assignments = list(
        Assignment.objects.filter(bid__round=round_)
        .select_related("assessor", "assessment")
        .order_by("bid_id", "assigned_at", "pk")
    )
    pairs = conflict_rules.conflict_pairs([b.pk for b in bids], [a.pk for a in assessors])
    recorded = set(
        AssessorProfile.objects.filter(user__in=[a.pk for a in assessors]).values_list(
            "user_id", flat=True
        )
    )
    return RoundState(bids, assessors, assignments, pairs, recorded)


@dataclass
class AutoAssignResult:
    created: list  # new Assignment objects
    shortfalls: list  # [(Bid, Shortfall)]
    emails_sent: int
    skipped: list  # [(assessor, reason)] left out of automatic assignment


def auto_assign(round_, actor, *, notify=True):
    """Give every eligible bid `round_.assessors_per_bid` assessors where possible.

    Idempotent: a second run adds nothing. Keeps every existing assignment."""
    if not actor.has_perm("scoring.set_up_round"):
        raise AssignmentError("Only programme staff can assign assessors")
    now = timezone.now()
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=round_.pk).first()
        state = load_state(round_)
        result = state.plan(round_.assessors_per_bid)
        objs = [
            Assignment(
                bid_id=bid_id,
                assessor_id=assessor_id,
                manual=False,
                assigned_by=actor,
                assigned_at=now,
            )
            for bid_id, assessor_id in result.new
        ]
        created = bulk_create_with_history(objs, Assignment, batch_size=500, default_user=actor)
        note_change("scoring.Assignment (bulk)")
        names = {a.pk: a.get_full_name() for a in state.assessors}
        references = {b.pk: b.reference or f"bid {b.pk}" for b in state.bids}
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(
                    at=now,
                    actor=actor,
                    actor_email=actor.email,
                    action="assignment.added",
                    round=round_,
                    round_slug=round_.slug,
                    bid_id=x.bid_id,
                    bid_reference=references[x.bid_id],
                    new={"assessor": names[x.assessor_id], "manual": False},
                    note="Assigned automatically",
                )
                for x in created
            ],
            batch_size=500,
        )
        audit.record(
            "assignment.automatic",
            actor,
            round=round_,
            subject=str(round_),
            new={"added": len(created), "short": len(result.shortfalls)},
        )
    by_id = {b.pk: b for b in state.bids}
    people = {a.pk: a for a in state.assessors}
    for x in created:
        x.bid = by_id[x.bid_id]
        x.assessor = people[x.assessor_id]
    sent = notify_new_assignments(created) if notify else 0
    shortfalls = [(by_id[s.bid], s) for s in result.shortfalls]
    return AutoAssignResult(
        created=created, shortfalls=shortfalls, emails_sent=sent, skipped=state.skipped
    )


def notify_new_assignments(assignments):
    """One email per assessor listing exactly their new bids, queued in the outbox.
    Returns the number queued."""
    by_assessor = defaultdict(list)
    for x in assignments:
        by_assessor[x.assessor].append(x)
    link = settings.SITE_URL + reverse("accounts:home")
    queued = 0
    with transaction.atomic():
        for assessor, mine in sorted(by_assessor.items(), key=lambda item: item[0].pk):
            bids = sorted((x.bid for x in mine), key=lambda b: b.reference or "")
            count = len(bids)
            subject = (
                f"You have {count} new bid{'s' if count != 1 else ''} to assess for Leading Places"
            )
            body = render_to_string(
                "scoring/email/new_bids.txt",
                {"assessor": assessor, "bids": bids, "count": count, "link": link},
            )
            ids = ",".join(str(pk) for pk in sorted(x.pk for x in mine))
            digest = hashlib.sha1(ids.encode(), usedforsecurity=False).hexdigest()
            queued += bool(
                queue_email(
                    key=f"assignment-notice:{assessor.pk}:{digest}",
                    kind="assignment_notice",
                    to_email=assessor.email,
                    subject=subject,
                    body=body,
                    recipient=assessor,
                    round=bids[0].round,
                )
            )
        if queued:
            Assignment.objects.filter(pk__in=[x.pk for x in assignments]).update(
                notified_at=timezone.now()
            )
    return queued


def conflict_description(assessor, bid):
    """Why `assessor` is in conflict with `bid`, in words; "" when they are not."""
    shared = list(
        bid.partners.filter(organisation__assessors__user=assessor)
        .select_related("organisation")
        .values_list("organisation__name", flat=True)
    )
    if shared:
        names = " and ".join(shared)
        verb = "is a partner" if len(shared) == 1 else "are partners"
        return f"{names} {verb} of {bid} and one of {assessor.get_full_name()}'s organisations"
    declaration = ConflictDeclaration.objects.filter(assessor=assessor, bid=bid).first()
    if declaration:
        return f"{assessor.get_full_name()} declared a conflict with {bid}: {declaration.reason}"
    return ""


def _check_assignable(bid):
    if not bid.has_submitted_version:
        raise AssignmentError(
            f"{bid} has not been submitted, so it cannot be assigned", field="assessor"
        )
    if bid.screening != Bid.Screening.ELIGIBLE:
        raise AssignmentError(
            f"Screen {bid} as eligible before assigning assessors", field="assessor"
        )


def assign_by_hand(bid, assessor, actor, *, notify=True):
    """Staff give `bid` to `assessor`. Refused, naming the conflict, if they are conflicted."""
    if not actor.has_perm("scoring.set_up_round"):
        raise AssignmentError("Only programme staff can assign assessors", field="assessor")
    if not assessor.has_perm("scoring.be_assigned"):
        raise AssignmentError(f"{assessor.get_full_name()} is not an assessor", field="assessor")
    with transaction.atomic():
        bid = Bid.objects.select_for_update().get(pk=bid.pk)
        _check_assignable(bid)
        reason = conflict_description(assessor, bid)
        if reason:
            raise AssignmentError(
                f"{assessor.get_full_name()} cannot assess {bid} because of a conflict: {reason}",
                field="assessor",
            )
        if Assignment.objects.filter(bid=bid, assessor=assessor).exists():
            raise AssignmentError(
                f"{assessor.get_full_name()} is already assessing {bid}", field="assessor"
            )
        assignment = Assignment.objects.create(
            bid=bid, assessor=assessor, manual=True, assigned_by=actor
        )
        audit.record(
            "assignment.added",
            actor,
            bid=bid,
            new={"assessor": assessor.get_full_name(), "manual": True},
            note="Assigned by hand",
        )
    if notify:
        notify_new_assignments([assignment])
    return assignment


def has_submitted_work(assignment):
    """The assessor has submitted their assessment (or it was returned to them after)."""
    return Assessment.objects.filter(
        assignment=assignment,
        status__in=[Assessment.Status.SUBMITTED, Assessment.Status.RETURNED],
    ).exists()


def work_summary(assignment):
    """(status label, number of scores given) of the assignment's assessment."""
    assessment = Assessment.objects.filter(assignment=assignment).first()
    if assessment is None:
        return Assessment.Status.NOT_STARTED.label, 0
    scored = Score.objects.filter(assessment=assessment, score__isnull=False).count()
    return assessment.get_status_display(), scored


def _remove(assignment, actor, action, note):
    """Delete an assignment (its assessment and scores go too; their history stays)."""
    bid = assignment.bid
    status, scored = work_summary(assignment)
    old = {"assessor": assignment.assessor.get_full_name(), "manual": assignment.manual}
    if scored or status != Assessment.Status.NOT_STARTED.label:
        old["assessment"] = status
        old["scores"] = scored
    assignment.delete()
    audit.record(action, actor, bid=bid, old=old, note=note)


def unassign(assignment, actor, *, confirmed=False):
    """Staff take a bid from an assessor. Needs confirmation once they have submitted."""
    if not actor.has_perm("scoring.set_up_round"):
        raise AssignmentError("Only programme staff can unassign assessors")
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update()
            .select_related("bid", "assessor")
            .filter(pk=assignment.pk)
            .first()
        )
        if assignment is None:
            raise AssignmentError("That assessor has already been unassigned")
        if has_submitted_work(assignment) and not confirmed:
            raise NeedsConfirmation(
                f"{assignment.assessor.get_full_name()} has submitted their assessment of "
                f"{assignment.bid}. Unassigning them removes it from the moderation."
            )
        _remove(assignment, actor, "assignment.removed", "Unassigned by hand")


def remove_for_screening(bid, actor):
    """An ineligible bid leaves assessment: its assignments are removed. Returns how many."""
    removed = 0
    for assignment in Assignment.objects.filter(bid=bid).select_related("bid", "assessor"):
        _remove(assignment, actor, "assignment.removed", "The bid was screened as ineligible")
        removed += 1
    return removed


def reassign(bid, actor, *, note, notify=True):
    """Top the bid up to its quota after an assessor left it. Returns the new assignments."""
    round_ = bid.round
    if not bid.is_in_assessment:
        return []
    pool = list(assessor_pool())
    existing = list(
        Assignment.objects.filter(bid__round=round_).values_list("bid_id", "assessor_id")
    )
    pairs = conflict_rules.conflict_pairs([bid.pk], [a.pk for a in pool])
    result = plan([bid.pk], [a.pk for a in pool], pairs, existing, round_.assessors_per_bid)
    by_id = {a.pk: a for a in pool}
    created = []
    for _, assessor_id in result.new:
        assignment = Assignment.objects.create(
            bid=bid, assessor=by_id[assessor_id], manual=False, assigned_by=None
        )
        created.append(assignment)
        audit.record(
            "assignment.added",
            actor,
            bid=bid,
            new={"assessor": by_id[assessor_id].get_full_name(), "manual": False},
            note=note,
        )
    if notify and created:
        transaction.on_commit(lambda: notify_new_assignments(created))
    return created


@dataclass
class ConflictResult:
    declaration: object
    removed: bool  # the bid was taken from the assessor
    replacements: list  # new Assignment objects


def declare_conflict(assessor, bid, reason):
    """An assessor declares a conflict with a bid, with a reason.

    The bid is taken from them (their draft assessment is discarded, kept in history) and
    given to another assessor if one is free of conflicts. Audited. Raises AssignmentError
    with a message for the assessor when refused."""
    reason = (reason or "").strip()
    if not reason:
        raise AssignmentError("Enter the reason for the conflict", field="reason")
    if not assessor.has_perm("scoring.record_interests"):
        raise AssignmentError(
            "Only assessors and panel chairs can declare a conflict", field="reason"
        )
    with transaction.atomic():
        bid = Bid.objects.select_for_update().select_related("round").get(pk=bid.pk)
        declaration, made = ConflictDeclaration.objects.get_or_create(
            assessor=assessor, bid=bid, defaults={"reason": reason}
        )
        if not made:
            raise AssignmentError(
                f"You have already declared a conflict with {bid}", field="reason"
            )
        audit.record(
            "conflict.declared",
            assessor,
            bid=bid,
            new={"assessor": assessor.get_full_name(), "reason": reason},
        )
        assignment = (
            Assignment.objects.filter(bid=bid, assessor=assessor)
            .select_related("bid", "assessor")
            .first()
        )
        replacements = []
        if assignment is not None:
            _remove(assignment, assessor, "assignment.removed", "The assessor declared a conflict")
            replacements = reassign(
                bid, assessor, note="Reassigned after an assessor declared a conflict"
            )
    return ConflictResult(declaration, assignment is not None, replacements)


def take_conflicted_bids(user, actor):
    """After `user`'s organisations change: take from them every assigned bid they are now
    in conflict with, and reassign it. Returns the bids taken."""
    assigned = Assignment.objects.filter(assessor=user).select_related("bid", "assessor")
    by_bid = {x.bid_id: x for x in assigned}
    taken = []
    for bid_id in sorted(conflict_rules.conflicted_bid_ids(user, list(by_bid))):
        assignment = by_bid[bid_id]
        _remove(
            assignment,
            actor,
            "assignment.removed",
            "One of the assessor's organisations is a partner of the bid",
        )
        reassign(
            assignment.bid,
            actor,
            note="Reassigned after an assessor's organisations changed",
        )
        taken.append(assignment.bid)
    return taken
