"""Plan and progress: milestones (carried over from the bid, or added) and dated updates."""

from django.db import transaction
from django.db.models import Max

from core.dates import format_date
from core.refusals import Refused
from programme.domain import check, record, today
from programme.models import Milestone, MilestoneStatus, MilestoneUpdate


@transaction.atomic
def add_milestone(member, actor, *, due_on, description):
    check(actor, "programme.edit_space", member)
    description = (description or "").strip()
    if due_on is None:
        raise Refused("Enter the date of the milestone", field="due_on")
    if not description:
        raise Refused("Describe what will happen", field="description")
    position = (Milestone.objects.filter(member=member).aggregate(p=Max("position"))["p"] or 0) + 1
    milestone = Milestone.objects.create(
        member=member, due_on=due_on, description=description[:200], position=position
    )
    record(
        "milestone_added",
        actor,
        member,
        new={"due_on": due_on.isoformat(), "description": description},
    )
    return milestone


@transaction.atomic
def update_milestone(milestone, actor, *, status, on, note="", shared=False, now=None):
    """A dated progress update; the milestone takes its status."""
    member = milestone.member
    check(actor, "programme.edit_space", member)
    if status not in MilestoneStatus.values:
        raise Refused("Select the status of the milestone", field="status")
    if on is None:
        raise Refused("Enter the date of the update", field="on")
    if on > today(now):
        raise Refused(
            f"The date of the update must be today or in the past "
            f"(today is {format_date(today(now), weekday=False)})",
            field="on",
        )
    old = milestone.status
    update = MilestoneUpdate.objects.create(
        milestone=milestone,
        on=on,
        status=status,
        note=(note or "").strip(),
        shared=shared,
        recorded_by=actor,
    )
    latest = milestone.updates.order_by("-on", "-pk").first()
    Milestone.objects.filter(pk=milestone.pk).update(status=latest.status)
    milestone.status = latest.status
    record(
        "milestone_updated",
        actor,
        member,
        subject=f"{member.partnership_name}: {milestone.description}",
        old={"status": old},
        new={"status": status, "on": on.isoformat()},
    )
    return update
