"""The programme overview: its figures, flags and filters, a fixed number of queries at
any size, and the dated PDF."""

import datetime as dt

import pytest
from django.urls import reverse

from programme import attendance, challenge, leadership, milestones, replies, team
from programme.models import Invitation, Milestone
from programme.overview import overview
from tests.cohort_helpers import applicant_for
from tests.factories.accounts import sign_in_client
from tests.programme_helpers import announced_cohort, make_event

pytestmark = pytest.mark.django_db
ALL = ["Sheffield", "Leeds", "Liverpool", "Nottingham", "Birmingham"]


def progress(members, staff):
    """Sheffield: met, team, reshaped, one milestone at risk, attended; the rest nothing."""
    sheffield = members["Sheffield"]
    lead = applicant_for("Sheffield")
    leadership.record_meeting(sheffield, lead, held_on=dt.date(2026, 10, 5), agreed="Agreed")
    team.add_team_member(
        sheffield, lead, name="Ann", role="Lead", email="ann@example.gov.uk", lead_contact=True
    )
    challenge.reshape(sheffield, lead, theme="other", title="Reshaped", reason="Peer challenge")
    first = Milestone.objects.filter(member=sheffield).first()
    milestones.update_milestone(first, lead, status="at_risk", on=dt.date.today())
    event = make_event(sheffield.cohort, staff, list(members.values()))
    invitation = Invitation.objects.get(event=event, member=sheffield)
    replies.reply(invitation, lead, attending=True, names=["Ann"])
    attendance.record_attendance(
        event,
        staff,
        attended_ids={invitation.attendees.get().pk},
        now=event.starts_at + dt.timedelta(hours=1),
    )
    return event


@pytest.mark.parametrize("size", [2, 5])
def test_overview_queries_are_fixed(
    client, open_round, chair, staff_user, size, django_assert_num_queries
):
    members = announced_cohort(open_round, chair, staff_user, places=ALL[:size])
    progress(members, staff_user)
    sign_in_client(client, staff_user)
    url = reverse("programme:overview", args=[open_round.slug])
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('<tr class="govuk-table__row lp-flagged">') == size


def test_figures_flags_and_filters(open_round, chair, staff_user):
    members = announced_cohort(open_round, chair, staff_user, places=ALL[:3])
    progress(members, staff_user)
    cohort = members["Sheffield"].cohort
    _, rows, totals = overview(cohort)
    sheffield = next(r for r in rows if r.partnership_name == "Sheffield")
    assert (
        sheffield.met_line,
        sheffield.team_size,
        sheffield.lead_contact,
        sheffield.challenge_status,
        sheffield.current_title,
        (sheffield.not_started, sheffield.on_track, sheffield.at_risk, sheffield.done),
        (sheffield.events_attended, sheffield.events_invited),
        sheffield.flags,
    ) == (
        "Senior leadership group: first met on 5 October 2026",
        1,
        "Ann",
        "Reshaped",
        "Reshaped",
        (2, 0, 1, 0),
        (1, 1),
        ["1 milestone at risk"],
    )
    leeds = next(r for r in rows if r.partnership_name == "Leeds")
    assert (leeds.flags, leeds.challenge_status, leeds.events_attended) == (
        ["Leadership group not yet met"],
        "As in the application",
        0,
    )
    assert totals == {"partnerships": 3, "met": 1, "flagged": 3, "at_risk": 1, "reshaped": 1}
    names = lambda data: [r.partnership_name for r in overview(cohort, data)[1]]  # noqa: E731
    assert names({"met": "yes"}) == ["Sheffield"]
    assert names({"met": "no"}) == ["Leeds", "Liverpool"]
    assert names({"challenge": "reshaped"}) == ["Sheffield"]
    assert names({"theme": "public_service_reform"}) == ["Leeds"]
    assert names({"attention": "flagged"}) == ["Sheffield", "Leeds", "Liverpool"]


def test_a_bad_filter_is_shown_not_a_500(client, open_round, chair, staff_user):
    announced_cohort(open_round, chair, staff_user, places=ALL[:2])
    sign_in_client(client, staff_user)
    response = client.get(reverse("programme:overview", args=[open_round.slug]), {"met": "maybe"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_the_pdf_is_dated(client, open_round, chair, staff_user):
    announced_cohort(open_round, chair, staff_user, places=ALL[:2])
    sign_in_client(client, staff_user)
    response = client.get(reverse("programme:overview_pdf", args=[open_round.slug]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    day = dt.date.today().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="leading-places-round-2-programme-overview-{day}.pdf"'
    )
