"""Programme scenario: the overview for the board at 10 and 200 partnerships, each with a
leadership meeting, a challenge team, a reshaped challenge, milestones of every status and
two events with replies and attendance. The same query count at both sizes."""

import datetime as dt

from django.utils import timezone

from accounts import permissions
from bench.lib import measure_get
from bench.scenarios import scenario
from bench.scenarios.cohort import cohort_of
from bench.scenarios.foundation import signed_in_client
from programme.models import (
    Attendee,
    ChallengeVersion,
    Event,
    Invitation,
    LeadershipMeeting,
    Milestone,
    MilestoneStatus,
    TeamMember,
)

STATUSES = MilestoneStatus.values


def seed_programme(count):
    round_, cohort = cohort_of(
        130 + count % 50, f"bench-programme-{count}", f"Programme {count}", count
    )
    members = list(cohort.members.all())
    if LeadershipMeeting.objects.filter(member__cohort=cohort).exists():
        return round_
    day = dt.date(2027, 5, 1)
    LeadershipMeeting.objects.bulk_create(
        LeadershipMeeting(member=m, held_on=day, agreed="Agreed") for m in members[::2]
    )
    TeamMember.objects.bulk_create(
        TeamMember(member=m, name=f"Lead {m.pk}", role="Lead", is_lead_contact=True)
        for m in members
    )
    ChallengeVersion.objects.bulk_create(
        ChallengeVersion(
            member=m, number=2, change="reshaped", theme="other", title="Reshaped", reason="Peer"
        )
        for m in members[::3]
    )
    Milestone.objects.bulk_create(
        Milestone(member=m, due_on=day, description=f"Step {n}", status=STATUSES[(i + n) % 4])
        for i, m in enumerate(members)
        for n in range(4)
    )
    now = timezone.now()
    for number in range(2):
        event = Event.objects.create(
            cohort=cohort,
            kind="immersion",
            title=f"Event {number}",
            starts_at=now - dt.timedelta(days=10 - number),
            ends_at=now - dt.timedelta(days=10 - number, hours=-4),
            place="London",
        )
        invitations = Invitation.objects.bulk_create(
            Invitation(event=event, member=m, reply="attending") for m in members
        )
        Attendee.objects.bulk_create(
            Attendee(invitation=inv, name="Named person", attended=i % 2 == 0)
            for i, inv in enumerate(invitations)
        )
    return round_


@scenario(order=90)
def programme_overview(reporter, sizes):
    """GET the programme overview as programme staff."""
    client = signed_in_client("bench-programme-staff@example.com", permissions.PROGRAMME_STAFF)
    for count in [s for s in sizes if s <= 1000] or [10, 200]:
        round_ = seed_programme(count)
        queries, ms = measure_get(client, f"/programme/cohorts/{round_.slug}/")
        reporter.emit("programme.overview", count, queries, ms)
