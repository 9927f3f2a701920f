"""The end-of-programme evaluation (board paper §9: "individual areas will be asked to
evaluate progress against each of their priority challenges").

Staff open it for the cohort: each partnership gets its evaluation with the items of its
bid carried over (learning.items) and its team is emailed. The team rates each item
(achieved / partly / not yet / no longer relevant) with evidence, writes an overall
statement and what it will do after the programme, saves as it goes and submits once;
after that nothing changes. A rating without evidence is refused beside that item."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cohorts.building import latest_answers
from cohorts.models import Cohort
from core.refusals import Refused
from core.text import count_words
from learning import notices
from learning.domain import check, record, text
from learning.items import from_answers
from learning.models import Evaluation, EvaluationItem, Rating
from programme.challenge import current

WORDS = 300


@transaction.atomic
def open_evaluations(cohort, actor, *, now=None):
    """Open the evaluation for every partnership of the cohort without one. Idempotent."""
    check(actor, "learning.manage")
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    members = list(
        cohort.members.filter(evaluation__isnull=True).order_by("position", "partnership_name")
    )
    answers = latest_answers([m.bid_id for m in members if m.bid_id])
    now = now or timezone.now()
    for member in members:
        version = current(member)
        title = version.title if version else member.challenge_title
        evaluation = Evaluation.objects.create(member=member, opened_by=actor, opened_at=now)
        EvaluationItem.objects.bulk_create(
            EvaluationItem(
                evaluation=evaluation,
                kind=item.kind,
                position=index,
                text=item.text,
                source=item.source,
            )
            for index, item in enumerate(from_answers(answers.get(member.bid_id), title), 1)
        )
    if members:
        record(
            "evaluation_opened",
            actor,
            cohort=cohort,
            new={"partnerships": [m.partnership_name for m in members]},
        )
        notices.evaluation_opened(cohort, members)
    return members


@dataclass
class ItemAnswer:
    rating: str
    evidence: str


def field_name(item, part):
    return f"item-{item.pk}-{part}"


@transaction.atomic
def save_evaluation(evaluation, actor, *, answers, overall, after_programme, submit, now=None):
    """answers: {item id: ItemAnswer}. A draft may leave items unrated; submitting needs
    every item rated, the overall statement and what happens after the programme."""
    member = evaluation.member
    check(actor, "learning.edit_evaluation", member)
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.is_submitted:
        raise Refused("The evaluation has been submitted: it can no longer change")
    items = list(evaluation.items.order_by("position", "pk"))
    overall, after_programme = text(overall), text(after_programme)
    for item in items:
        answer = answers.get(item.pk) or ItemAnswer("", "")
        rating, evidence = answer.rating or "", text(answer.evidence)
        if rating and rating not in Rating.values:
            raise Refused("Select a rating from the list", field=field_name(item, "rating"))
        if rating and not evidence:
            raise Refused(
                f"Give the evidence for the rating of “{item.text[:60]}”",
                field=field_name(item, "evidence"),
            )
        if count_words(evidence) > WORDS:
            raise Refused(
                f"The evidence must be {WORDS} words or fewer", field=field_name(item, "evidence")
            )
        if submit and not rating:
            raise Refused(
                f"Rate the progress on “{item.text[:60]}”", field=field_name(item, "rating")
            )
        item.rating, item.evidence = rating, evidence
    for name, value, message in (
        ("overall", overall, "Enter the overall statement"),
        (
            "after_programme",
            after_programme,
            "Enter what the partnership will do after the programme",
        ),
    ):
        if count_words(value) > WORDS:
            raise Refused(f"This must be {WORDS} words or fewer", field=name)
        if submit and not value:
            raise Refused(message, field=name)
    EvaluationItem.objects.bulk_update(items, ["rating", "evidence"])
    now = now or timezone.now()
    evaluation.overall, evaluation.after_programme = overall, after_programme
    evaluation.updated_at = now
    fields = ["overall", "after_programme", "updated_at"]
    if submit:
        evaluation.submitted_at, evaluation.submitted_by = now, actor
        fields += ["submitted_at", "submitted_by"]
    evaluation.save(update_fields=fields)
    record(
        "evaluation_submitted" if submit else "evaluation_saved",
        actor,
        cohort=member.cohort,
        member=member,
        new={
            "ratings": {str(i.pk): i.rating for i in items},
            "overall": overall,
            "after_programme": after_programme,
        },
    )
    return evaluation
