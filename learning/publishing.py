"""The programme report: staff write its title and introduction and publish it (a public
page and a PDF). Publishing while partnerships have no lessons learnt and next steps is
refused with their names, unless staff confirm those very partnerships; publishing locks
every partnership's lessons (the report shows them as published)."""

from django.db import transaction
from django.utils import timezone

from cohorts.models import Cohort
from core.refusals import Refused
from learning import lessons as lessons_domain
from learning.domain import check, record, text
from learning.models import Lessons, Report
from learning.report import default_title


def missing_lessons(cohort):
    """The partnerships without lessons learnt and next steps, in the cohort's order."""
    return list(
        cohort.members.filter(lessons__isnull=True).order_by("position", "partnership_name")
    )


def missing_message(missing):
    names = ", ".join(m.partnership_name for m in missing)
    count = len(missing)
    noun = "partnership has" if count == 1 else "partnerships have"
    return (
        f"{count} {noun} no lessons learnt and next steps yet: {names}. Publish anyway only if "
        "the report should go out without them"
    )


def _report(cohort):
    report, _ = Report.objects.get_or_create(
        cohort=cohort, defaults={"title": default_title(cohort)}
    )
    return report


@transaction.atomic
def save_report(cohort, actor, *, title, introduction):
    check(actor, "learning.manage")
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    title, introduction = text(title), text(introduction)
    if not title:
        raise Refused("Enter the title of the report", field="title")
    report = _report(cohort)
    old = {"title": report.title, "introduction": report.introduction}
    report.title, report.introduction = title[:200], introduction
    report.updated_by, report.updated_at = actor, timezone.now()
    report.save()
    record(
        "report_saved",
        actor,
        cohort=cohort,
        old=old,
        new={"title": title, "introduction": introduction},
    )
    return report


@transaction.atomic
def publish(cohort, actor, *, confirmed_missing=(), now=None):
    """confirmed_missing: ids of the partnerships staff agreed to publish without lessons;
    it must be exactly the partnerships missing them now, or the warning is shown again."""
    check(actor, "learning.manage")
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    report = _report(cohort)
    if report.is_published:
        raise Refused("The report is already published")
    missing = missing_lessons(cohort)
    if missing and {m.pk for m in missing} != {int(i) for i in confirmed_missing}:
        raise Refused(missing_message(missing), field="publish_without")
    now = now or timezone.now()
    for lessons in Lessons.objects.filter(member__cohort=cohort, locked_at__isnull=True):
        lessons_domain.lock(lessons, actor, now=now)
    report.published_at, report.published_by = now, actor
    report.save(update_fields=["published_at", "published_by"])
    record(
        "report_published",
        actor,
        cohort=cohort,
        new={"without_lessons": [m.partnership_name for m in missing]},
    )
    return report


@transaction.atomic
def unpublish(cohort, actor):
    check(actor, "learning.manage")
    report = Report.objects.select_for_update().filter(cohort=cohort).first()
    if report is None or not report.is_published:
        raise Refused("The report is not published")
    report.published_at, report.published_by = None, None
    report.save(update_fields=["published_at", "published_by"])
    record("report_unpublished", actor, cohort=cohort)
    return report
