"""Moderation: statistics and flags from plain data, the moderation data of a round or a
bid (a fixed number of queries whatever the size), and the chair's two state changes
(`record_moderated_score`, `return_assessment`).

The pure functions at the top take plain Python values so they can be tested on their own:
scores are ints, weights and minimums Decimals, means and medians exact Fractions.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from applications import audit
from applications.models import Bid
from notifications.outbox import queue_email
from scoring.models import Assessment, Assignment, Criterion, ModeratedScore, Score
from scoring.rules.figures import bid_figure, one_decimal
from scoring.setup import conflicts

SPREAD = "spread"
RECOMMENDATION = "recommendation"
BELOW_MINIMUM = "below_minimum"
FLAG_KINDS = [
    (SPREAD, "Scores far apart"),
    (RECOMMENDATION, "Recommendations differ"),
    (BELOW_MINIMUM, "Below a minimum"),
]

AWAITING = "awaiting"
READY = "ready"
MODERATED = "moderated"
STATUSES = [
    (AWAITING, "Awaiting assessments"),
    (READY, "Ready for moderation"),
    (MODERATED, "Moderated"),
]
STATUS_LABELS = dict(STATUSES)
STATUS_COLOURS = {AWAITING: "grey", READY: "blue", MODERATED: "green"}


# --- Pure rules -------------------------------------------------------------------------


def to_decimal(value):
    """A Fraction, Decimal or int rounded half up to one decimal, exactly (3.25 -> 3.3): the
    one rounding of scoring.rules.figures."""
    return one_decimal(value)


def fmt(value):
    """A number for people: one decimal place at most, no trailing '.0' (3, 3.5, 2.7)."""
    if value is None:
        return ""
    rounded = to_decimal(value)
    if rounded == rounded.to_integral_value():
        return str(int(rounded))
    return str(rounded)


def points(value):
    text = fmt(value)
    return f"{text} point" if text == "1" else f"{text} points"


@dataclass(frozen=True)
class CriterionInfo:
    id: int
    name: str
    weight: Decimal
    scale_min: int = 0
    scale_max: int = 5
    minimum: Decimal | None = None

    @classmethod
    def of(cls, criterion):
        return cls(
            criterion.pk,
            criterion.name,
            Decimal(criterion.weight),
            criterion.scale_min,
            criterion.scale_max,
            None if criterion.minimum is None else Decimal(criterion.minimum),
        )


@dataclass(frozen=True)
class Stats:
    count: int
    mean: Fraction | None
    median: Fraction | None
    spread: int | None
    lowest: int | None = None
    highest: int | None = None


def stats(scores):
    """Count, exact mean and median, and spread (highest minus lowest) of some scores."""
    values = sorted(int(s) for s in scores if s is not None)
    if not values:
        return Stats(0, None, None, None)
    n = len(values)
    middle = n // 2
    median = Fraction(values[middle]) if n % 2 else Fraction(values[middle - 1] + values[middle], 2)
    return Stats(n, Fraction(sum(values), n), median, values[-1] - values[0], values[0], values[-1])


def effective_score(criterion_stats, moderated=None):
    """The chair's moderated score where there is one, else the assessors' mean."""
    if moderated is not None:
        return Fraction(Decimal(moderated))
    return criterion_stats.mean


@dataclass(frozen=True)
class Flag:
    kind: str
    message: str
    criterion_id: int | None = None


def flags(criteria, scores_by_criterion, recommendations, moderated, threshold):
    """Why a bid needs the chair's attention, in plain English.

    criteria: [CriterionInfo]; scores_by_criterion: {criterion id: [int]} from submitted
    assessments; recommendations: the submitted assessments' recommendation values;
    moderated: {criterion id: Decimal}; threshold: the round's spread threshold.
    """
    found = []
    threshold = Decimal(threshold)
    for criterion in criteria:
        s = stats(scores_by_criterion.get(criterion.id, []))
        if s.count >= 2 and s.spread >= threshold:
            found.append(
                Flag(
                    SPREAD,
                    f"Scores for {criterion.name} range from {s.lowest} to {s.highest}: "
                    f"a spread of {points(s.spread)}, which reaches the threshold of "
                    f"{points(threshold)}.",
                    criterion.id,
                )
            )
    given = [r for r in recommendations if r]
    if len(set(given)) > 1:
        labels = dict(Assessment.Recommendation.choices)
        counts = Counter(given)
        parts = [
            f"{labels.get(value, value).lower()} ({counts[value]})"
            for value, _ in Assessment.Recommendation.choices
            if value in counts
        ]
        found.append(
            Flag(RECOMMENDATION, "Assessors disagree on the recommendation: " + ", ".join(parts))
        )
    for criterion in criteria:
        if criterion.minimum is None:
            continue
        s = stats(scores_by_criterion.get(criterion.id, []))
        value = effective_score(s, moderated.get(criterion.id))
        if value is not None and to_decimal(value) < Decimal(criterion.minimum):
            source = "moderated score" if criterion.id in moderated else "mean score"
            found.append(
                Flag(
                    BELOW_MINIMUM,
                    f"{criterion.name} has a {source} of {fmt(value)}, below its minimum "
                    f"of {fmt(criterion.minimum)}.",
                    criterion.id,
                )
            )
    return found


def figure(criteria, submitted_scores, moderated, quota):
    """The bid's figure (scoring.rules.figures.bid_figure: the one function every page uses)
    from [CriterionInfo], each submitted assessment's {criterion id: score} and
    {criterion id: moderated Decimal}."""
    return bid_figure(criteria, submitted_scores, moderated, quota)


def bid_status(submitted, expected, moderated_any):
    """Awaiting assessments, ready for moderation, or moderated."""
    if moderated_any:
        return MODERATED
    if expected and submitted >= expected:
        return READY
    return AWAITING


# --- Loading the data of a round or a bid -----------------------------------------------


@dataclass
class AssessorColumn:
    assignment_id: int
    assessment_id: int | None
    assessor_id: int
    assessor_name: str
    status: str
    recommendation: str = ""
    overall_comment: str = ""
    submitted_at: object = None
    returned_comment: str = ""

    @property
    def is_submitted(self):
        return self.status == Assessment.Status.SUBMITTED

    @property
    def status_label(self):
        return Assessment.Status(self.status).label

    @property
    def recommendation_label(self):
        return dict(Assessment.Recommendation.choices).get(self.recommendation, "")


@dataclass
class CriterionRow:
    criterion: CriterionInfo
    cells: list  # [(score, justification)] aligned with the submitted columns
    stats: Stats
    moderated: object = None  # ModeratedScore or None

    @property
    def effective(self):
        return effective_score(self.stats, self.moderated.score if self.moderated else None)


@dataclass
class BidModeration:
    bid: Bid
    columns: list  # every non-conflicted assessor's AssessorColumn
    scores: dict = field(default_factory=dict)  # {(assessment id, criterion id): (s, j)}
    moderated: dict = field(default_factory=dict)  # {criterion id: ModeratedScore}
    criteria: list = field(default_factory=list)
    threshold: Decimal = Decimal(2)
    hidden: bool = False  # the viewer assesses this bid and has not submitted yet
    quota: int = 3  # the round's assessments per bid

    @cached_property
    def submitted_columns(self):
        return [c for c in self.columns if c.is_submitted]

    @property
    def expected(self):
        return len(self.columns)

    @property
    def submitted(self):
        return len(self.submitted_columns)

    def scores_by_criterion(self):
        result = defaultdict(list)
        for column in self.submitted_columns:
            for criterion in self.criteria:
                score, _ = self.scores.get((column.assessment_id, criterion.id), (None, ""))
                if score is not None:
                    result[criterion.id].append(score)
        return result

    def moderated_values(self):
        return {cid: m.score for cid, m in self.moderated.items()}

    @cached_property
    def flags(self):
        return flags(
            self.criteria,
            self.scores_by_criterion(),
            [c.recommendation for c in self.submitted_columns],
            self.moderated_values(),
            self.threshold,
        )

    @property
    def flag_kinds(self):
        return {f.kind for f in self.flags}

    def submitted_scores(self):
        """Each submitted assessment's {criterion id: score}."""
        return [
            {
                criterion.id: self.scores.get((column.assessment_id, criterion.id), (None, ""))[0]
                for criterion in self.criteria
            }
            for column in self.submitted_columns
        ]

    @cached_property
    def figure(self):
        """The bid's criterion scores and weighted total: the same figure as the ranking's.
        While some criterion has no score the total is None ("Not yet complete")."""
        return figure(self.criteria, self.submitted_scores(), self.moderated_values(), self.quota)

    @property
    def weighted_total(self):
        """The weighted total as shown (a one-decimal Decimal), or None."""
        return self.figure.shown_total

    @cached_property
    def status(self):
        return bid_status(self.submitted, self.expected, bool(self.moderated))

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def status_colour(self):
        return STATUS_COLOURS[self.status]

    def rows(self):
        by_criterion = self.scores_by_criterion()
        columns = self.submitted_columns
        return [
            CriterionRow(
                criterion,
                [self.scores.get((c.assessment_id, criterion.id), (None, "")) for c in columns],
                stats(by_criterion.get(criterion.id, [])),
                self.moderated.get(criterion.id),
            )
            for criterion in self.criteria
        ]


def load(round_, bids, viewer=None, *, with_text=True, conflicted=None):
    """BidModeration for each bid of the queryset `bids` (all of one round), in order.

    Nine queries whatever the number of bids. Assessors in conflict with a bid are left out;
    bids the viewer is in conflict with are dropped; bids the viewer is assessing and has
    not yet submitted are marked hidden (their scores must not be shown to them).
    Without `with_text` justifications and comments are not loaded (the dashboard);
    `conflicted` is the viewer's `conflicts.conflicted_bid_ids`, when the caller has them.
    """
    bids_subquery = bids.order_by().values("pk")
    bids = list(bids.select_related("region"))
    criteria = [CriterionInfo.of(c) for c in Criterion.objects.filter(round=round_)]
    text_fields = ("assessment__overall_comment", "assessment__returned_comment")
    assignments = list(
        Assignment.objects.filter(bid__in=bids_subquery)
        .order_by("assigned_at", "pk")
        .values_list(
            "pk",
            "bid_id",
            "assessor_id",
            "assessor__full_name",
            "assessor__email",
            "assessment__pk",
            "assessment__status",
            "assessment__recommendation",
            "assessment__submitted_at",
            *(text_fields if with_text else ()),
        )
    )
    assessor_ids = {row[2] for row in assignments}
    pairs = conflicts.conflict_pairs(bids_subquery, assessor_ids)
    viewer_conflicts = set()
    if conflicted is not None:
        viewer_conflicts = set(conflicted)
    elif viewer is not None:
        viewer_conflicts = conflicts.conflicted_bid_ids(viewer)
    score_rows = Score.objects.filter(
        assessment__assignment__bid__in=bids_subquery,
        assessment__status=Assessment.Status.SUBMITTED,
    )
    if with_text:
        scores = {
            (a, c): (s, j)
            for a, c, s, j in score_rows.values_list(
                "assessment_id", "criterion_id", "score", "justification"
            )
        }
    else:
        scores = {
            (a, c): (s, "")
            for a, c, s in score_rows.values_list("assessment_id", "criterion_id", "score")
        }
    moderated = defaultdict(dict)
    for m in ModeratedScore.objects.filter(bid__in=bids_subquery).select_related("moderated_by"):
        moderated[m.bid_id][m.criterion_id] = m

    columns = defaultdict(list)
    hidden = set()
    for row in assignments:
        pk, bid_id, assessor_id, name, email, assessment_id, status, recommendation, at = row[:9]
        overall, returned = row[9:] if with_text else ("", "")
        if (bid_id, assessor_id) in pairs:
            continue
        status = status or Assessment.Status.NOT_STARTED
        if viewer is not None and assessor_id == viewer.pk and status != "submitted":
            hidden.add(bid_id)
        columns[bid_id].append(
            AssessorColumn(
                pk,
                assessment_id,
                assessor_id,
                name or email,
                status,
                recommendation or "",
                overall or "",
                at,
                returned or "",
            )
        )
    result = []
    for bid in bids:
        if bid.pk in viewer_conflicts:
            continue
        mine = {
            (column.assessment_id, criterion.id)
            for column in columns[bid.pk]
            for criterion in criteria
        }
        result.append(
            BidModeration(
                bid,
                columns[bid.pk],
                {key: scores[key] for key in mine if key in scores},
                moderated[bid.pk],
                criteria,
                round_.spread_threshold,
                bid.pk in hidden,
                round_.assessors_per_bid,
            )
        )
    return result


def for_bid(bid, viewer):
    """The moderation data of one bid for a viewer allowed to see it."""
    rows = load(bid.round, Bid.objects.filter(pk=bid.pk), viewer)
    if not rows or rows[0].hidden:
        raise PermissionDenied
    return rows[0]


# --- The chair's state changes ----------------------------------------------------------


def _check_chair(user, bid):
    if not user.has_perm("scoring.moderate_bid", bid):
        raise PermissionDenied


def record_moderated_score(user, bid, criterion, score, rationale):
    """Record (or change) the chair's moderated score for one criterion of a bid."""
    _check_chair(user, bid)
    if criterion.round_id != bid.round_id:
        raise PermissionDenied
    errors = {}
    rationale = (rationale or "").strip()
    if score is None:
        errors["score"] = f"Enter a moderated score for {criterion.name}"
    else:
        score = Decimal(score)
        if not criterion.scale_min <= score <= criterion.scale_max:
            errors["score"] = (
                f"Moderated score for {criterion.name} must be between {criterion.scale_min} "
                f"and {criterion.scale_max}"
            )
    if not rationale:
        errors["rationale"] = "Enter a rationale for the moderated score"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        moderated = (
            ModeratedScore.objects.select_for_update().filter(bid=bid, criterion=criterion).first()
        )
        old = None
        if moderated is None:
            moderated = ModeratedScore(bid=bid, criterion=criterion)
        else:
            old = {"score": str(moderated.score), "rationale": moderated.rationale}
        moderated.score = score
        moderated.rationale = rationale
        moderated.moderated_by = user
        moderated.moderated_at = timezone.now()
        moderated._history_user = user
        moderated.save()
        audit.record(
            "score_moderated",
            user,
            bid=bid,
            subject=criterion.name,
            old=old,
            new={"score": str(score), "rationale": rationale},
        )
    return moderated


def return_assessment(user, assessment, comment):
    """Send a submitted assessment back to its assessor with a comment; it reopens."""
    assignment = assessment.assignment
    bid = assignment.bid
    _check_chair(user, bid)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Enter a comment for the assessor"})
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.status != Assessment.Status.SUBMITTED:
            raise ValidationError(
                {"comment": "This assessment is not submitted, so it cannot be returned"}
            )
        locked.status = Assessment.Status.RETURNED
        locked.returned_comment = comment
        locked.version += 1
        locked.updated_at = timezone.now()
        locked._history_user = user
        locked.save()
        audit.record(
            "assessment_returned",
            user,
            bid=bid,
            subject=f"Assessment by {assignment.assessor.get_full_name()}",
            old={"status": Assessment.Status.SUBMITTED},
            new={"status": Assessment.Status.RETURNED, "comment": comment},
        )
        link = settings.SITE_URL + reverse("scoring:score", kwargs={"bid_pk": bid.pk})
        queue_email(
            key=f"assessment-returned:{locked.pk}:{locked.version}",
            kind="assessment_returned",
            to_email=assignment.assessor.email,
            subject=f"Your assessment of {bid.reference} has been returned for changes",
            body=render_to_string(
                "scoring/email/assessment_returned.txt",
                {"assessment": locked, "bid": bid, "chair": user, "comment": comment, "link": link},
            ),
            recipient=assignment.assessor,
            bid=bid,
        )
    return locked
