"""Scoring a bid: the assessor's queue, the rules of a complete assessment, and the two
state changes an assessor makes (`save_draft`, `submit_assessment`).

Each state change checks who may make it, runs in one transaction, refuses a stale save
(optimistic concurrency on `Assessment.version`) and is recorded by simple-history (every
Score and Assessment change, with who and when).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, Count, Q, Value, When
from django.utils import timezone

from applications import audit
from applications.models import Bid
from core.text import count_words
from scoring.models import Assessment, Assignment, Criterion, Score
from scoring.setup import conflicts

MIN_WORDS = 30


class StaleAssessment(Exception):
    """Someone (another tab) saved the assessment since this form was loaded."""

    def __init__(self, assessment):
        super().__init__("The assessment has changed since it was loaded")
        self.assessment = assessment


class AssessmentLocked(Exception):
    """The assessment is submitted: it cannot change unless the chair returns it."""

    def __init__(self, assessment):
        super().__init__("The assessment is submitted")
        self.assessment = assessment


@dataclass(frozen=True)
class Entry:
    score: int | None = None
    justification: str = ""


def scale_error(criterion, score):
    if score is None or criterion.scale_min <= score <= criterion.scale_max:
        return None
    return (
        f"Score for {criterion.name} must be a whole number from {criterion.scale_min} "
        f"to {criterion.scale_max}"
    )


def submission_errors(criteria, entries, recommendation):
    """{field name: message} for everything a submitted assessment needs."""
    errors = {}
    for criterion in criteria:
        entry = entries.get(criterion.pk) or Entry()
        if entry.score is None:
            errors[f"score_{criterion.pk}"] = f"Select a score for {criterion.name}"
        elif scale_error(criterion, entry.score):
            errors[f"score_{criterion.pk}"] = scale_error(criterion, entry.score)
        words = count_words(entry.justification)
        if words == 0:
            errors[f"justification_{criterion.pk}"] = f"Enter a justification for {criterion.name}"
        elif words < MIN_WORDS:
            errors[f"justification_{criterion.pk}"] = (
                f"Justification for {criterion.name} must be at least {MIN_WORDS} words "
                f"(you have {words})"
            )
    if recommendation not in Assessment.Recommendation.values:
        errors["recommendation"] = "Select an overall recommendation"
    return errors


# --- Reading ----------------------------------------------------------------------------


@dataclass
class QueueItem:
    assignment: Assignment
    bid: Bid
    status: str
    assessment: Assessment | None

    @property
    def status_label(self):
        return Assessment.Status(self.status).label

    @property
    def status_colour(self):
        return {
            Assessment.Status.NOT_STARTED: "grey",
            Assessment.Status.IN_PROGRESS: "light-blue",
            Assessment.Status.SUBMITTED: "green",
            Assessment.Status.RETURNED: "orange",
        }[self.status]


QUEUE_ORDER = {
    Assessment.Status.RETURNED: 0,
    Assessment.Status.IN_PROGRESS: 1,
    Assessment.Status.NOT_STARTED: 2,
    Assessment.Status.SUBMITTED: 3,
}


def queue(user):
    """The assessor's bids in assessment, without those they are in conflict with.
    Three queries whatever the number of bids."""
    assignments = (
        Assignment.objects.filter(assessor=user, bid__in=Bid.objects.in_assessment())
        .select_related("bid", "bid__region", "assessment")
        .order_by("bid__reference")
    )
    conflicted = conflicts.conflicted_bid_ids(user)
    items = []
    for assignment in assignments:
        if assignment.bid_id in conflicted:
            continue
        assessment = getattr(assignment, "assessment", None)
        status = assessment.status if assessment else Assessment.Status.NOT_STARTED
        items.append(QueueItem(assignment, assignment.bid, status, assessment))
    items.sort(key=lambda item: QUEUE_ORDER[item.status])
    return items


def _queue_rows(user):
    """The assessor's assignments as `queue` lists them, ordered in the database."""
    order = Case(
        *(When(assessment__status=status, then=Value(n)) for status, n in QUEUE_ORDER.items()),
        default=Value(QUEUE_ORDER[Assessment.Status.NOT_STARTED]),
    )
    return (
        Assignment.objects.filter(assessor=user, bid__in=Bid.objects.in_assessment())
        .exclude(bid_id__in=conflicts.conflicted_bid_ids(user))
        .select_related("bid", "bid__region", "assessment")
        .annotate(queue_order=order)
        .order_by("queue_order", "bid__reference")
    )


def _item(assignment):
    assessment = getattr(assignment, "assessment", None)
    status = assessment.status if assessment else Assessment.Status.NOT_STARTED
    return QueueItem(assignment, assignment.bid, status, assessment)


def queue_page(user, number, size=50):
    """One page of `queue` (paginated in the database), the assessments returned for changes
    and the counts: the same queries whatever the number of bids."""
    rows = _queue_rows(user)
    counts = rows.aggregate(
        total=Count("pk"), submitted=Count("pk", filter=Q(assessment__status="submitted"))
    )
    paginator = Paginator(rows, size)
    paginator.count = counts["total"]  # counted above: no second count query
    page = paginator.get_page(number)
    page.object_list = [_item(a) for a in page.object_list]
    returned = [_item(a) for a in rows.filter(assessment__status=Assessment.Status.RETURNED)]
    return page, returned, counts


def _may_score(user, assignment):
    return assignment.assessor_id == user.pk and user.has_perm("scoring.score_bid", assignment.bid)


def assignment_for(user, bid_pk):
    """The user's assignment for the bid, if they may score it; else None (views: 404)."""
    assignment = (
        Assignment.objects.filter(bid_id=bid_pk, assessor=user)
        .select_related("bid", "bid__round", "bid__region", "assessment")
        .first()
    )
    if assignment is None or not _may_score(user, assignment):
        return None
    return assignment


def criteria_of(round_):
    return list(Criterion.objects.filter(round=round_))


def saved_entries(assessment):
    """{criterion id: Entry} of what is saved now."""
    if assessment is None:
        return {}
    return {
        s.criterion_id: Entry(s.score, s.justification)
        for s in Score.objects.filter(assessment=assessment)
    }


# --- State changes ----------------------------------------------------------------------


def _write(user, assignment, entries, recommendation, overall_comment, version, *, submit):
    if not _may_score(user, assignment):
        raise PermissionDenied
    criteria = criteria_of(assignment.bid.round)
    errors = {
        f"score_{c.pk}": scale_error(c, (entries.get(c.pk) or Entry()).score)
        for c in criteria
        if scale_error(c, (entries.get(c.pk) or Entry()).score)
    }
    if recommendation and recommendation not in Assessment.Recommendation.values:
        errors["recommendation"] = "Select an overall recommendation"
    if submit:
        errors.update(submission_errors(criteria, entries, recommendation))
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        Assessment.objects.get_or_create(assignment=assignment)
        assessment = Assessment.objects.select_for_update().get(assignment=assignment)
        if assessment.status == Assessment.Status.SUBMITTED:
            raise AssessmentLocked(assessment)
        if assessment.version != version:
            raise StaleAssessment(assessment)
        existing = {s.criterion_id: s for s in Score.objects.filter(assessment=assessment)}
        for criterion in criteria:
            entry = entries.get(criterion.pk) or Entry()
            score = existing.get(criterion.pk) or Score(assessment=assessment, criterion=criterion)
            if score.pk and (score.score, score.justification) == (
                entry.score,
                entry.justification,
            ):
                continue
            score.score = entry.score
            score.justification = entry.justification
            score._history_user = user
            score.save()
        old_status = assessment.status
        assessment.recommendation = recommendation or ""
        assessment.overall_comment = overall_comment or ""
        if assessment.started_at is None:
            assessment.started_at = now
        if submit:
            assessment.status = Assessment.Status.SUBMITTED
            assessment.submitted_at = now
        elif old_status == Assessment.Status.NOT_STARTED:
            assessment.status = Assessment.Status.IN_PROGRESS
        assessment.version += 1
        assessment.updated_at = now
        assessment._history_user = user
        assessment.save()
        if submit:
            audit.record(
                "assessment_submitted",
                user,
                bid=assignment.bid,
                subject=f"Assessment by {user.get_full_name()}",
                old={"status": old_status},
                new={"status": assessment.status, "recommendation": assessment.recommendation},
            )
    return assessment


def save_draft(user, assignment, entries, recommendation="", overall_comment="", version=0):
    """Save whatever is there, complete or not (scores must still be on the scale)."""
    return _write(user, assignment, entries, recommendation, overall_comment, version, submit=False)


def submit_assessment(user, assignment, entries, recommendation, overall_comment="", version=0):
    """Check the assessment is complete, save it and lock it."""
    return _write(user, assignment, entries, recommendation, overall_comment, version, submit=True)
