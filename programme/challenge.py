"""The priority challenge: it starts as the bid's theme and title; the partnership reshapes
it with a reason, and every version is kept."""

from django.db import transaction
from django.db.models import Max

from cohorts.models import CohortMember
from core.dates import format_date
from core.refusals import Refused
from programme.domain import check, record, today
from programme.models import ChallengeVersion


def current(member):
    return ChallengeVersion.objects.filter(member=member).order_by("-number").first()


def history(member):
    return list(
        ChallengeVersion.objects.filter(member=member)
        .select_related("after_event", "created_by")
        .order_by("-number")
    )


def describe(version):
    """'Reshaped after the Peer review conference, 21 November 2016'."""
    label = version.get_change_display()
    when = format_date(version.changed_on, weekday=False) if version.changed_on else ""
    if version.after_event_id:
        text = f"{label} after the {version.after_event.title}"
        return f"{text}, {when}" if when else text
    return f"{label}, {when}" if when else label


@transaction.atomic
def reshape(member, actor, *, theme, title, summary="", reason, after_event=None, now=None):
    check(actor, "programme.edit_space", member)
    CohortMember.objects.select_for_update().filter(pk=member.pk).first()
    title, reason = (title or "").strip(), (reason or "").strip()
    summary = (summary or "").strip()
    if not title:
        raise Refused("Enter the title of the reshaped challenge", field="title")
    if not reason:
        raise Refused("Enter why the partnership reshaped its challenge", field="reason")
    if after_event is not None and after_event.cohort_id != member.cohort_id:
        raise Refused("Choose an event of your cohort's programme", field="after_event")
    latest = current(member)
    if latest and (latest.theme, latest.title, latest.summary) == (theme, title, summary):
        raise Refused(
            "The challenge is the same as the current version: change the theme, title or summary",
            field="title",
        )
    number = (
        ChallengeVersion.objects.filter(member=member).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    version = ChallengeVersion.objects.create(
        member=member,
        number=number,
        change=ChallengeVersion.Change.RESHAPED,
        theme=theme,
        title=title[:300],
        summary=summary,
        reason=reason,
        changed_on=today(now),
        after_event=after_event,
        created_by=actor,
    )
    record(
        "challenge_reshaped",
        actor,
        member,
        old={"title": latest.title, "theme": latest.theme} if latest else None,
        new={"title": version.title, "theme": theme, "version": number},
        note=reason,
    )
    return version
