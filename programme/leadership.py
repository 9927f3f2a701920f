"""The senior leadership group: its members and the meetings it held."""

from django.db import transaction

from core.dates import format_date
from core.refusals import Refused
from programme.domain import check, record, today
from programme.models import LeadershipMeeting, LeadershipMember


def _text(value):
    return (value or "").replace("\x00", "").strip()


@transaction.atomic
def add_leader(member, actor, *, name, role, organisation=None, organisation_name=""):
    check(actor, "programme.edit_space", member)
    name, role = _text(name), _text(role)
    if not name:
        raise Refused("Enter the name of the member of the leadership group", field="name")
    if not role:
        raise Refused("Enter their role, for example Leader of the council", field="role")
    if organisation is not None and not member.organisations.filter(pk=organisation.pk).exists():
        raise Refused("Choose one of the partnership's organisations", field="organisation")
    leader = LeadershipMember.objects.create(
        member=member,
        name=name,
        role=role,
        organisation=organisation,
        organisation_name="" if organisation else _text(organisation_name),
    )
    record("leader_added", actor, member, new={"name": name, "role": role})
    return leader


@transaction.atomic
def remove_leader(leader, actor):
    check(actor, "programme.edit_space", leader.member)
    record("leader_removed", actor, leader.member, old={"name": leader.name, "role": leader.role})
    leader.delete()


@transaction.atomic
def record_meeting(member, actor, *, held_on, agreed, shared=False, now=None):
    """A meeting that was held: its date cannot be in the future."""
    check(actor, "programme.edit_space", member)
    agreed = _text(agreed)
    if held_on is None:
        raise Refused("Enter the date the meeting was held", field="held_on")
    if held_on > today(now):
        raise Refused(
            f"The date of a meeting that was held must be today or in the past "
            f"(today is {format_date(today(now), weekday=False)})",
            field="held_on",
        )
    if not agreed:
        raise Refused("Enter a short note of what was agreed", field="agreed")
    meeting = LeadershipMeeting.objects.create(
        member=member, held_on=held_on, agreed=agreed, shared=shared, recorded_by=actor
    )
    record(
        "meeting_recorded",
        actor,
        member,
        new={"held_on": held_on.isoformat(), "shared": shared},
    )
    return meeting


def met_line(first_met_on):
    """The one sentence every page shows about the leadership group."""
    if first_met_on is None:
        return "Senior leadership group: not yet met"
    return f"Senior leadership group: first met on {format_date(first_met_on, weekday=False)}"
