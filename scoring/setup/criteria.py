"""The criteria of a round: validation of the set, saving it, copying it from an earlier
round, and the lock once scoring has started (a change then needs all scores reset)."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from applications import audit
from applications.models import Round
from core.refusals import Refused
from scoring.models import Assessment, Criterion, ModeratedScore, Score

STARTED = (
    Assessment.Status.IN_PROGRESS,
    Assessment.Status.SUBMITTED,
    Assessment.Status.RETURNED,
)
FIELDS = ("name", "guidance", "weight", "scale_min", "scale_max", "levels", "minimum")


class CriteriaError(Refused):
    """A change to the criteria that is refused, with a message for staff."""


def percent(value):
    """20 -> "20", 12.50 -> "12.5"."""
    value = Decimal(value).normalize()
    return f"{value:f}"


def weights_error(weights):
    """The message when the weights do not total 100, else None."""
    total = sum((Decimal(w) for w in weights), Decimal(0))
    if total != 100:
        return f"The weights must total 100%. They total {percent(total)}%."
    return None


def scoring_started(round_):
    """Any score given, or any assessment in progress or submitted, for the round."""
    return (
        Score.objects.filter(criterion__round=round_, score__isnull=False).exists()
        or Assessment.objects.filter(assignment__bid__round=round_, status__in=STARTED).exists()
    )


def scoring_counts(round_):
    """(scores given, assessments started) that a reset would clear."""
    scores = Score.objects.filter(criterion__round=round_, score__isnull=False).count()
    assessments = (
        Assessment.objects.filter(assignment__bid__round=round_)
        .filter(Q(status__in=STARTED) | Q(scores__score__isnull=False))
        .distinct()
        .count()
    )
    return scores, assessments


def reset_message(scores, assessments):
    s = "score" if scores == 1 else "scores"
    a = "assessment" if assessments == 1 else "assessments"
    return f"Reset {scores} {s} from {assessments} {a} and unlock the criteria"


def snapshot(criteria):
    return [
        {
            "name": c.name,
            "weight": percent(c.weight),
            "minimum": None if c.minimum is None else percent(c.minimum),
            "scale": f"{c.scale_min}-{c.scale_max}",
        }
        for c in criteria
    ]


def _check_can_change(round_, actor):
    if not actor.has_perm("scoring.set_up_round"):
        raise CriteriaError("Only programme staff can change the criteria")
    if scoring_started(round_):
        raise CriteriaError(
            "Scoring has started, so the criteria and weights are locked. "
            "Reset the scores to change them."
        )


def save_criteria(round_, rows, actor):
    """Replace the round's criteria with `rows` (dicts of FIELDS, plus "id" for an existing
    criterion), in order. Criteria not in `rows` are removed. Audited."""
    if not rows:
        raise CriteriaError("Add at least one criterion")
    message = weights_error(row["weight"] for row in rows)
    if message:
        raise CriteriaError(message)
    names = [row["name"].strip().lower() for row in rows]
    if len(set(names)) != len(names):
        raise CriteriaError("Each criterion must have a different name")
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=round_.pk).first()
        _check_can_change(round_, actor)
        existing = {c.pk: c for c in Criterion.objects.filter(round=round_)}
        old = snapshot(existing.values())
        keep = {row.get("id") for row in rows if row.get("id")}
        for pk, criterion in existing.items():
            if pk not in keep:
                Score.objects.filter(criterion=criterion).delete()  # only empty ones remain
                criterion.delete()
        # Park the kept names first so that swapping two names does not clash.
        for pk in keep & set(existing):
            existing[pk].name = f"__renaming {pk}"
            existing[pk].save(update_fields=["name"])
        saved = []
        for position, row in enumerate(rows, start=1):
            criterion = existing.get(row.get("id")) or Criterion(round=round_)
            for name in FIELDS:
                setattr(criterion, name, row[name])
            criterion.position = position
            criterion.save()
            saved.append(criterion)
        new = snapshot(saved)
        if new != old:
            audit.record(
                "criteria.changed", actor, round=round_, subject=str(round_), old=old, new=new
            )
    return saved


def copy_criteria(source, target, actor):
    """Replace the target round's criteria with copies of the source round's. Audited."""
    if source.pk == target.pk:
        raise CriteriaError("Choose a different round to copy from", field="source")
    rows = [
        {name: getattr(c, name) for name in FIELDS}
        for c in Criterion.objects.filter(round=source).order_by("position", "pk")
    ]
    if not rows:
        raise CriteriaError(f"{source} has no criteria to copy", field="source")
    try:
        saved = save_criteria(target, rows, actor)
    except CriteriaError as refusal:
        raise CriteriaError(refusal.message, field="source") from refusal
    audit.record(
        "criteria.copied",
        actor,
        round=target,
        subject=str(target),
        new={"from": str(source), "criteria": len(saved)},
    )
    return saved


def reset_scores(round_, actor, *, expected):
    """Clear every score and moderated score of the round and put its assessments back to
    not started, so the criteria unlock. `expected` is the (scores, assessments) pair the
    person confirmed; if it has changed meanwhile, they must confirm again. Audited; the
    cleared values stay in the models' history."""
    if not actor.has_perm("scoring.set_up_round"):
        raise CriteriaError("Only programme staff can reset scores")
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=round_.pk).first()
        counts = scoring_counts(round_)
        if tuple(expected) != counts:
            raise CriteriaError(
                "Scores have changed since you opened this page. Check the numbers and "
                "confirm again."
            )
        Score.objects.filter(criterion__round=round_).delete()
        ModeratedScore.objects.filter(criterion__round=round_).delete()
        for assessment in Assessment.objects.filter(assignment__bid__round=round_).exclude(
            status=Assessment.Status.NOT_STARTED, recommendation=""
        ):
            assessment.status = Assessment.Status.NOT_STARTED
            assessment.recommendation = ""
            assessment.started_at = None
            assessment.submitted_at = None
            assessment.version += 1
            assessment.save()
        audit.record(
            "criteria.scores_reset",
            actor,
            round=round_,
            subject=str(round_),
            old={"scores": counts[0], "assessments": counts[1]},
            new={"scores": 0, "assessments": 0},
            note="All scores reset to unlock the criteria",
        )
    return counts
