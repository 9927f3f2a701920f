"""Opening each partnership's space: the bid's priority challenge becomes version 1 and its
milestones are carried over. Also who else may use the space (SpaceAccess)."""

import datetime as dt

from django.db import transaction

from accounts.permissions import APPLICANT, add_role
from cohorts.building import latest_answers
from programme import rules as programme_rules
from programme.domain import check, record
from programme.models import ChallengeVersion, LeadershipMeeting, Milestone, SpaceAccess


def _parse_date(value):
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@transaction.atomic
def open_space(member):
    """Idempotent: does nothing for a space already opened (one with a challenge version)."""
    if ChallengeVersion.objects.filter(member=member).exists():
        return False
    answers = latest_answers([member.bid_id]).get(member.bid_id, {}) if member.bid_id else {}
    challenge = answers.get("challenge") or {}
    ChallengeVersion.objects.create(
        member=member,
        number=1,
        change=ChallengeVersion.Change.APPLICATION,
        theme=challenge.get("theme") or member.theme,
        title=(challenge.get("title") or member.challenge_title)[:300],
        summary=challenge.get("summary") or member.challenge_summary,
        changed_on=member.cohort.starts_on,
        source="The partnership's application" if member.bid_id else "The cohort's record",
    )
    milestones = (answers.get("plan") or {}).get("milestones") or []
    Milestone.objects.bulk_create(
        Milestone(
            member=member,
            due_on=due,
            description=(item.get("description") or "")[:200],
            from_application=True,
            position=index,
        )
        for index, (item, due) in enumerate(
            (m, _parse_date(m.get("date"))) for m in milestones if isinstance(m, dict)
        )
        if due is not None
    )
    return True


def open_space_for_new_member(sender, instance, created, raw=False, **kwargs):
    """post_save of CohortMember: a new member of a cohort gets its space."""
    if created and not raw:
        open_space(instance)


@transaction.atomic
def grant_access(member, user, actor):
    """Give someone access to a partnership's space (staff only)."""
    check(actor, "programme.manage_calendar")
    access, created = SpaceAccess.objects.get_or_create(
        member=member, user=user, defaults={"granted_by": actor}
    )
    if created:
        add_role(user, APPLICANT)
        record("access_granted", actor, member, new={"user": user.email})
    programme_rules.forget(user)
    return access


def first_meeting(member):
    return (
        LeadershipMeeting.objects.filter(member=member)
        .order_by("held_on")
        .values_list("held_on", flat=True)
    ).first()
