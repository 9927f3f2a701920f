"""What the programme's pages show, read from the database in a fixed number of queries.
Nothing here writes."""

from django.db.models import Prefetch

from cohorts.models import CohortMember
from programme import challenge
from programme.domain import today
from programme.leadership import met_line
from programme.models import (
    Attendee,
    Event,
    Invitation,
    LeadershipMeeting,
    Milestone,
    MilestoneUpdate,
)
from programme.timeline import Mark, timeline_svg


def programme_dates(member):
    round_ = member.cohort.round
    return (member.cohort.starts_on or round_.programme_starts_on, round_.programme_ends_on)


def space(member, *, private):
    """The partnership space; `private` (the team and staff) shows unshared notes."""
    meetings = list(LeadershipMeeting.objects.filter(member=member).order_by("held_on", "pk"))
    first = meetings[0].held_on if meetings else None
    if not private:
        meetings = [m for m in meetings if m.shared]
    updates = MilestoneUpdate.objects.order_by("-on", "-pk")
    if not private:
        updates = updates.filter(shared=True)
    milestones = list(
        Milestone.objects.filter(member=member).prefetch_related(
            Prefetch("updates", queryset=updates, to_attr="visible_updates")
        )
    )
    invitations = list(
        Invitation.objects.filter(member=member)
        .select_related("event")
        .prefetch_related("attendees")
        .order_by("event__starts_at")
    )
    starts_on, ends_on = programme_dates(member)
    marks = [
        Mark(m.due_on, m.description, m.status, m.get_status_display()) for m in milestones
    ] + [
        Mark(i.event.starts_at.date(), i.event.title, "event", "event")
        for i in invitations
        if not i.event.is_cancelled
    ]
    history = challenge.history(member)
    return {
        "member": member,
        "leaders": list(member.leadership_members.select_related("organisation")),
        "meetings": meetings,
        "first_met_on": first,
        "met_line": met_line(first),
        "team": list(member.team_members.all()),
        "current": history[0] if history else None,
        "history": [(v, challenge.describe(v)) for v in history],
        "milestones": milestones,
        "invitations": invitations,
        "timeline": timeline_svg(
            marks,
            starts_on=starts_on,
            ends_on=ends_on,
            today=today(),
            title=f"Timeline of {member.partnership_name}'s plan",
        ),
        "marks": sorted(marks, key=lambda m: m.on),
        "private": private,
    }


def members_for(user_member_ids):
    return list(
        CohortMember.objects.filter(pk__in=user_member_ids)
        .select_related("cohort__round")
        .order_by("-cohort__round__number", "partnership_name")
    )


def event_page(event, member_ids=None):
    """An event with its invitations; member_ids limits them to the viewer's own."""
    invitations = (
        Invitation.objects.filter(event=event)
        .select_related("member", "replied_by")
        .prefetch_related(Prefetch("attendees", queryset=Attendee.objects.order_by("position")))
    )
    if member_ids is not None:
        invitations = invitations.filter(member_id__in=member_ids)
    invitations = list(invitations)
    return {
        "event": event,
        "invitations": invitations,
        "named": sum(len(i.attendees.all()) for i in invitations),
        "attending": sum(1 for i in invitations if i.reply == Invitation.Reply.ATTENDING),
        "replied": sum(1 for i in invitations if i.reply != Invitation.Reply.NONE),
    }


def calendar(cohort):
    return list(
        Event.objects.filter(cohort=cohort)
        .prefetch_related("invitations")
        .order_by("starts_at", "pk")
    )


def events_for_members(member_ids):
    return list(
        Invitation.objects.filter(member_id__in=member_ids)
        .select_related("event", "member")
        .order_by("event__starts_at", "member__partnership_name")
    )


ATTENDANCE_HEADER = ["Partnership", "Reply", "Name", "Attended", "Replied at"]


def attendance_rows(event):
    for invitation in (
        Invitation.objects.filter(event=event)
        .select_related("member")
        .prefetch_related("attendees")
        .order_by("member__position", "member__partnership_name")
    ):
        people = list(invitation.attendees.all())
        replied = invitation.replied_at.isoformat() if invitation.replied_at else ""
        if not people:
            yield [
                invitation.member.partnership_name,
                invitation.get_reply_display(),
                "",
                "",
                replied,
            ]
        for person in people:
            attended = {True: "Yes", False: "No", None: "Not recorded"}[person.attended]
            yield [
                invitation.member.partnership_name,
                invitation.get_reply_display(),
                person.name,
                attended,
                replied,
            ]
