"""The history of a bid's scores, justifications, moderation and returns, read from
simple-history: who, when, and each field's old and new value. Newest first."""

from dataclasses import dataclass, field

from scoring.models import Assessment, Assignment, Criterion, ModeratedScore, Score

STATUS = dict(Assessment.Status.choices)
RECOMMENDATION = dict(Assessment.Recommendation.choices)

SCORE_FIELDS = [("score", "Score"), ("justification", "Justification")]
ASSESSMENT_FIELDS = [
    ("status", "Status"),
    ("recommendation", "Recommendation"),
    ("overall_comment", "Overall comments"),
    ("returned_comment", "Comment from the panel chair"),
]
MODERATED_FIELDS = [("score", "Moderated score"), ("rationale", "Rationale")]


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    at: object
    who: str
    subject: str
    changes: list = field(default_factory=list)
    order: tuple = ()


def _display(name, value):
    if value is None or value == "":
        return ""
    if name == "status":
        return STATUS.get(value, value)
    if name == "recommendation":
        return RECOMMENDATION.get(value, value)
    if hasattr(value, "normalize"):
        return format(value.normalize(), "f")
    return str(value)


def _entries(records, fields, subject_of, kind):
    """Diff consecutive historical records of each object; one Entry per record that
    changed something people care about."""
    previous = {}
    result = []
    for record in records:
        before = previous.get(record.id)
        changes = []
        for name, label in fields:
            new = _display(name, getattr(record, name))
            old = _display(name, getattr(before, name)) if before is not None else ""
            if new != old:
                changes.append(Change(label, old, new))
        previous[record.id] = record
        if not changes and record.history_type != "-":
            continue
        user = record.history_user
        result.append(
            Entry(
                record.history_date,
                user.get_full_name() if user else "The system",
                subject_of(record) + (" (deleted)" if record.history_type == "-" else ""),
                changes,
                (record.history_date, kind, record.history_id),
            )
        )
    return result


def history(bid):
    """Every change to the bid's assessments, scores and moderated scores. Six queries."""
    criteria = dict(Criterion.objects.filter(round_id=bid.round_id).values_list("pk", "name"))
    assessor_of_assignment = {
        a.pk: a.assessor.get_full_name()
        for a in Assignment.objects.filter(bid=bid).select_related("assessor")
    }
    assignment_of_assessment = dict(
        Assessment.history.filter(assignment_id__in=assessor_of_assignment)
        .values_list("id", "assignment_id")
        .distinct()
    )

    def assessor(assessment_id):
        return assessor_of_assignment.get(assignment_of_assessment.get(assessment_id), "")

    scores = (
        Score.history.filter(assessment_id__in=list(assignment_of_assessment))
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    assessments = (
        Assessment.history.filter(assignment_id__in=list(assessor_of_assignment))
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    moderated = (
        ModeratedScore.history.filter(bid_id=bid.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    entries = (
        _entries(
            scores,
            SCORE_FIELDS,
            lambda r: (
                f"{criteria.get(r.criterion_id, 'Criterion')} score by {assessor(r.assessment_id)}"
            ),
            1,
        )
        + _entries(
            assessments,
            ASSESSMENT_FIELDS,
            lambda r: f"Assessment by {assessor_of_assignment.get(r.assignment_id, '')}",
            0,
        )
        + _entries(
            moderated,
            MODERATED_FIELDS,
            lambda r: f"Moderated score for {criteria.get(r.criterion_id, 'criterion')}",
            2,
        )
    )
    entries.sort(key=lambda e: e.order, reverse=True)
    return entries
