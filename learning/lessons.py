"""Lessons learnt and next steps: one record per partnership in the conference report's
two parts (A. what it learnt; B. what it needs to do next), dated. The team (and staff)
edit it until staff lock it for the report; staff can unlock it again."""

from django.db import transaction
from django.utils import timezone

from core.dates import format_date
from core.refusals import Refused
from core.text import count_words
from learning.domain import check, record, text, today
from learning.models import Lessons

WORDS = 300


@transaction.atomic
def save_lessons(member, actor, *, learnt, next_steps, recorded_on, now=None):
    check(actor, "learning.edit_lessons", member)
    existing = Lessons.objects.select_for_update().filter(member=member).first()
    if existing and existing.is_locked:
        raise Refused(
            "Programme staff have locked the lessons learnt and next steps for the report"
        )
    learnt, next_steps = text(learnt), text(next_steps)
    if not learnt:
        raise Refused("Enter what the partnership learnt", field="learnt")
    if not next_steps:
        raise Refused("Enter what the partnership needs to do next", field="next_steps")
    for name, value, label in (
        ("learnt", learnt, "What the partnership learnt"),
        ("next_steps", next_steps, "What it needs to do next"),
    ):
        if count_words(value) > WORDS:
            raise Refused(f"{label} must be {WORDS} words or fewer", field=name)
    if recorded_on is None:
        raise Refused("Enter the date of the lessons", field="recorded_on")
    if recorded_on > today(now):
        raise Refused(
            "The date of the lessons must be today or in the past "
            f"(today is {format_date(today(now), weekday=False)})",
            field="recorded_on",
        )
    old = {"learnt": existing.learnt, "next_steps": existing.next_steps} if existing else None
    lessons, _ = Lessons.objects.update_or_create(
        member=member,
        defaults={
            "learnt": learnt,
            "next_steps": next_steps,
            "recorded_on": recorded_on,
            "updated_by": actor,
            "updated_at": now or timezone.now(),
        },
    )
    record(
        "lessons_saved",
        actor,
        cohort=member.cohort,
        member=member,
        old=old,
        new={"learnt": learnt, "next_steps": next_steps, "on": recorded_on.isoformat()},
    )
    return lessons


@transaction.atomic
def lock(lessons, actor, *, now=None):
    check(actor, "learning.manage")
    lessons = (
        Lessons.objects.select_for_update()
        .select_related("member__cohort__round")
        .get(pk=lessons.pk)
    )
    if lessons.is_locked:
        return lessons
    lessons.locked_at = now or timezone.now()
    lessons.locked_by = actor
    lessons.save(update_fields=["locked_at", "locked_by"])
    record("lessons_locked", actor, cohort=lessons.member.cohort, member=lessons.member)
    return lessons


@transaction.atomic
def unlock(lessons, actor):
    check(actor, "learning.manage")
    lessons = (
        Lessons.objects.select_for_update()
        .select_related("member__cohort__round")
        .get(pk=lessons.pk)
    )
    if not lessons.is_locked:
        return lessons
    lessons.locked_at = None
    lessons.locked_by = None
    lessons.save(update_fields=["locked_at", "locked_by"])
    record("lessons_unlocked", actor, cohort=lessons.member.cohort, member=lessons.member)
    return lessons


def lock_all(cohort, actor, *, now=None):
    """Lock every partnership's lessons of the cohort (before the report)."""
    check(actor, "learning.manage")
    with transaction.atomic():
        unlocked = list(
            Lessons.objects.filter(member__cohort=cohort, locked_at__isnull=True).select_related(
                "member__cohort__round"
            )
        )
        for lessons in unlocked:
            lock(lessons, actor, now=now)
    return len(unlocked)
