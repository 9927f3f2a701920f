"""The senior leadership group: its members and the meetings it held. Each change (add,
change, remove) is one function here: it checks the permission, runs in a transaction and
writes the audit record."""

from django.db import transaction

from core.dates import format_date
from core.refusals import Refused
from programme.domain import apply_changes, check, record, today
from programme.models import LeadershipMeeting, LeadershipMember


def _text(value):
    return (value or "").replace("\x00", "").strip()


def _leader_values(member, *, name, role, organisation, organisation_name):
    name, role = _text(name), _text(role)
    if not name:
        raise Refused("Enter the name of the member of the leadership group", field="name")
    if not role:
        raise Refused("Enter their role, for example Leader of the council", field="role")
    if organisation is not None and not member.organisations.filter(pk=organisation.pk).exists():
        raise Refused("Choose one of the partnership's organisations", field="organisation")
    return {
        "name": name[:150],
        "role": role[:150],
        "organisation": organisation,
        "organisation_name": "" if organisation else _text(organisation_name)[:200],
    }


def _leader_audit(leader):
    return {"name": leader.name, "role": leader.role, "organisation": leader.organisation_label}


@transaction.atomic
def add_leader(member, actor, *, name, role, organisation=None, organisation_name=""):
    check(actor, "programme.edit_space", member)
    values = _leader_values(
        member, name=name, role=role, organisation=organisation, organisation_name=organisation_name
    )
    leader = LeadershipMember.objects.create(member=member, **values)
    record("leader_added", actor, member, new=_leader_audit(leader))
    return leader


@transaction.atomic
def change_leader(leader, actor, *, name, role, organisation=None, organisation_name=""):
    """Correct a member's name, role or organisation. Returns the names of the fields that
    changed (none: nothing is written)."""
    member, given = leader.member, leader
    check(actor, "programme.edit_space", member)
    leader = LeadershipMember.objects.select_for_update().get(pk=leader.pk)
    values = _leader_values(
        member, name=name, role=role, organisation=organisation, organisation_name=organisation_name
    )
    old = _leader_audit(leader)
    changed = apply_changes(leader, given, values)
    if not changed:
        return []
    record("leader_changed", actor, member, old=old, new=_leader_audit(leader))
    return changed


@transaction.atomic
def remove_leader(leader, actor):
    check(actor, "programme.edit_space", leader.member)
    leader = LeadershipMember.objects.select_for_update().get(pk=leader.pk)
    record("leader_removed", actor, leader.member, old=_leader_audit(leader))
    leader.delete()


def _meeting_values(*, held_on, agreed, shared, now):
    """A meeting that was held: its date cannot be in the future."""
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
    return {"held_on": held_on, "agreed": agreed[:3000], "shared": bool(shared)}


def _meeting_audit(meeting):
    return {"held_on": meeting.held_on.isoformat(), "shared": meeting.shared}


@transaction.atomic
def record_meeting(member, actor, *, held_on, agreed, shared=False, now=None):
    check(actor, "programme.edit_space", member)
    values = _meeting_values(held_on=held_on, agreed=agreed, shared=shared, now=now)
    meeting = LeadershipMeeting.objects.create(member=member, recorded_by=actor, **values)
    record("meeting_recorded", actor, member, new=_meeting_audit(meeting))
    return meeting


@transaction.atomic
def change_meeting(meeting, actor, *, held_on, agreed, shared=False, now=None):
    """Correct a meeting's date, note or sharing. Returns the names of the fields that
    changed (none: nothing is written)."""
    member, given = meeting.member, meeting
    check(actor, "programme.edit_space", member)
    meeting = LeadershipMeeting.objects.select_for_update().get(pk=meeting.pk)
    values = _meeting_values(held_on=held_on, agreed=agreed, shared=shared, now=now)
    old = _meeting_audit(meeting)
    changed = apply_changes(meeting, given, values)
    if not changed:
        return []
    record(
        "meeting_changed",
        actor,
        member,
        old=old,
        new=_meeting_audit(meeting),
        note=", ".join(changed),
    )
    return changed


@transaction.atomic
def remove_meeting(meeting, actor):
    check(actor, "programme.edit_space", meeting.member)
    meeting = LeadershipMeeting.objects.select_for_update().get(pk=meeting.pk)
    record("meeting_removed", actor, meeting.member, old=_meeting_audit(meeting))
    meeting.delete()


def met_line(first_met_on):
    """The one sentence every page shows about the leadership group."""
    if first_met_on is None:
        return "Senior leadership group: not yet met"
    return f"Senior leadership group: first met on {format_date(first_met_on, weekday=False)}"
