"""Demo data for `make run`: round 1's programme (loaded from the seeds) plus illustrative
progress, so the overview, a partnership space and the calendar are not empty. The demo
applicant is given Gloucestershire's space; running it again changes nothing."""

import datetime as dt

from accounts.models import User
from cohorts.models import CohortMember
from programme import leadership, milestones, team
from programme.models import LeadershipMember, MilestoneStatus
from programme.pilots import load_round_one_programme
from programme.spaces import grant_access

DEMO_NOTE = "Demo data: illustrative, not from the pilot's records."


def _member(name):
    return CohortMember.objects.select_related("cohort__round").get(
        cohort__round__number=1, partnership_name=name
    )


def load_step(round_two, stdout):
    """load_demo's step: the programme belongs to round 1's cohort, whatever round_two is."""
    load(stdout)


def load(stdout):
    cohort = load_round_one_programme()
    staff = User.objects.filter(email="staff@example.com").first()
    applicant = User.objects.filter(email="applicant@example.com").first()
    if staff is None or applicant is None:
        return
    glos = _member("Gloucestershire")
    grant_access(glos, applicant, staff)
    if LeadershipMember.objects.filter(member__cohort=cohort).exists():
        stdout.write("Programme demo: already loaded")
        return
    county, *_ = list(glos.organisations.order_by("name"))
    leadership.add_leader(
        glos, staff, name="Demo Leader", role="Leader of the council", organisation=county
    )
    leadership.add_leader(
        glos,
        staff,
        name="Demo Vice-Chancellor",
        role="Vice-chancellor",
        organisation=glos.organisations.order_by("name").last(),
    )
    # The board paper: "Gloucestershire is the only area to have held a meeting of their
    # senior leadership group so far" (its date is not in the seeds).
    leadership.record_meeting(
        glos,
        staff,
        held_on=dt.date(2016, 7, 14),
        shared=True,
        agreed="Agreed the 2050 vision as the priority challenge. " + DEMO_NOTE,
    )
    team.add_team_member(
        glos,
        staff,
        name=applicant.full_name or "Alex Applicant",
        role="Project lead",
        organisation_name=county.name,
        email=applicant.email,
        lead_contact=True,
    )
    plan = [
        (dt.date(2016, 10, 31), "Vision workshops with partners", MilestoneStatus.DONE),
        (
            dt.date(2017, 1, 31),
            "Draft 2050 vision agreed by the leadership group",
            MilestoneStatus.ON_TRACK,
        ),
        (
            dt.date(2017, 3, 28),
            "Present the vision at the national learning event",
            MilestoneStatus.NOT_STARTED,
        ),
    ]
    for due_on, description, status in plan:
        item = milestones.add_milestone(glos, staff, due_on=due_on, description=description)
        if status != MilestoneStatus.NOT_STARTED:
            milestones.update_milestone(
                item, staff, status=status, on=dt.date(2016, 12, 1), note=DEMO_NOTE, shared=True
            )
    brighton = _member("Brighton")
    item = milestones.add_milestone(
        brighton,
        staff,
        due_on=dt.date(2017, 2, 28),
        description="Agree objectives with all partners",
    )
    milestones.update_milestone(
        item,
        staff,
        status=MilestoneStatus.AT_RISK,
        on=dt.date(2016, 12, 1),
        note="Buy-in from all partners still needed. " + DEMO_NOTE,
    )
    stdout.write(
        "Programme demo: round 1's six pilots with their challenge histories; "
        "applicant@example.com works on Gloucestershire's space"
    )
