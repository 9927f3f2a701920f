"""The partnership space: carried-over challenge and milestones, leadership group, challenge
team, reshaping with history, progress updates; bad input and who may see what."""

import datetime as dt

import pytest
from django.http import Http404
from django.urls import reverse

from applications.models import AuditEvent
from core.refusals import Refused
from programme import challenge, leadership, milestones, team
from programme.models import ChallengeVersion, LeadershipMeeting, Milestone, MilestoneUpdate
from tests.cohort_helpers import applicant_for
from tests.factories.accounts import sign_in_client
from tests.factories.applications import date_fields
from tests.programme_helpers import announced_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(open_round, chair, staff_user):
    return announced_cohort(open_round, chair, staff_user)


def test_space_opens_with_the_bids_challenge_and_milestones(members, open_round):
    sheffield = members["Sheffield"]
    (version,) = ChallengeVersion.objects.filter(member=sheffield)
    assert (version.number, version.change, version.title, version.theme) == (
        1,
        "application",
        "A shared priority challenge for Sheffield",
        "economic_growth",
    )
    start = open_round.programme_starts_on
    assert [
        (m.due_on, m.description, m.status, m.from_application)
        for m in Milestone.objects.filter(member=sheffield)
    ] == [
        (
            start + dt.timedelta(days=30),
            "Leadership group agrees the challenge",
            "not_started",
            True,
        ),
        (start + dt.timedelta(days=120), "Immersion event", "not_started", True),
        (start + dt.timedelta(days=300), "Peer challenge and report", "not_started", True),
    ]


def test_met_line_and_meeting_in_the_future_is_refused(members):
    sheffield, lead = members["Sheffield"], applicant_for("Sheffield")
    assert leadership.met_line(None) == "Senior leadership group: not yet met"
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(Refused) as refused:
        leadership.record_meeting(sheffield, lead, held_on=tomorrow, agreed="Plans")
    assert refused.value.field == "held_on"
    assert refused.value.message.startswith(
        "The date of a meeting that was held must be today or in the past"
    )
    assert LeadershipMeeting.objects.count() == 0
    leadership.record_meeting(
        sheffield, lead, held_on=dt.date(2026, 9, 3), agreed="Agreed the challenge"
    )
    leadership.record_meeting(sheffield, lead, held_on=dt.date(2026, 8, 1), agreed="First")
    first = LeadershipMeeting.objects.filter(member=sheffield).order_by("held_on").first()
    assert leadership.met_line(first.held_on) == (
        "Senior leadership group: first met on 1 August 2026"
    )
    assert AuditEvent.objects.filter(action="programme.meeting_recorded").count() == 2


def test_reshape_needs_a_reason_and_keeps_every_version(members):
    leeds, lead = members["Leeds"], applicant_for("Leeds")
    with pytest.raises(Refused) as refused:
        challenge.reshape(
            leeds, lead, theme="health_and_wellbeing", title="Healthy Leeds", reason=" "
        )
    assert (refused.value.field, refused.value.message) == (
        "reason",
        "Enter why the partnership reshaped its challenge",
    )
    assert ChallengeVersion.objects.filter(member=leeds).count() == 1
    challenge.reshape(
        leeds,
        lead,
        theme="health_and_wellbeing",
        title="Healthy Leeds",
        reason="The peer challenge showed health is where partners agree",
    )
    challenge.reshape(
        leeds, lead, theme="health_and_wellbeing", title="Healthy Leeds 2030", reason="Longer view"
    )
    history = challenge.history(leeds)
    assert [(v.number, v.change, v.title) for v in history] == [
        (3, "reshaped", "Healthy Leeds 2030"),
        (2, "reshaped", "Healthy Leeds"),
        (1, "application", "A shared priority challenge for Leeds"),
    ]
    assert challenge.current(leeds).title == "Healthy Leeds 2030"
    with pytest.raises(Refused):
        challenge.reshape(
            leeds, lead, theme="health_and_wellbeing", title="Healthy Leeds 2030", reason="Same"
        )


def test_milestone_update_sets_status_and_refuses_a_future_date(members):
    sheffield, lead = members["Sheffield"], applicant_for("Sheffield")
    item = Milestone.objects.filter(member=sheffield).first()
    with pytest.raises(Refused) as refused:
        milestones.update_milestone(
            item, lead, status="at_risk", on=dt.date.today() + dt.timedelta(days=2)
        )
    assert refused.value.field == "on"
    milestones.update_milestone(item, lead, status="at_risk", on=dt.date.today(), note="Diaries")
    item.refresh_from_db()
    assert item.status == "at_risk"
    assert list(MilestoneUpdate.objects.values_list("status", "note")) == [("at_risk", "Diaries")]


def test_team_has_one_lead_contact(members):
    sheffield, lead = members["Sheffield"], applicant_for("Sheffield")
    with pytest.raises(Refused) as refused:
        team.add_team_member(sheffield, lead, name="Ann", role="Lead", lead_contact=True)
    assert refused.value.field == "email"
    ann = team.add_team_member(
        sheffield, lead, name="Ann", role="Lead", email="Ann@Example.gov.uk", lead_contact=True
    )
    bob = team.add_team_member(
        sheffield, lead, name="Bob", role="Analyst", email="bob@example.gov.uk"
    )
    team.make_lead_contact(bob, lead)
    ann.refresh_from_db()
    bob.refresh_from_db()
    assert (ann.is_lead_contact, bob.is_lead_contact, ann.email) == (
        False,
        True,
        "ann@example.gov.uk",
    )


def test_outsiders_cannot_change_a_space(members, assessor):
    sheffield = members["Sheffield"]
    for outsider in (applicant_for("Leeds"), assessor):
        with pytest.raises(Http404):
            leadership.record_meeting(sheffield, outsider, held_on=dt.date.today(), agreed="x")
        with pytest.raises(Http404):
            challenge.reshape(sheffield, outsider, theme="other", title="Mine", reason="Because")
    assert LeadershipMeeting.objects.count() == 0
    assert ChallengeVersion.objects.filter(member=sheffield).count() == 1


def test_pages_show_errors_and_save_nothing(client, members):
    sheffield = members["Sheffield"]
    sign_in_client(client, applicant_for("Sheffield"))
    future = date_fields("held_on", dt.date.today() + dt.timedelta(days=3))
    response = client.post(
        reverse("programme:record_meeting", args=[sheffield.pk]),
        {**future, "agreed": "Agreed the challenge"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_held_on_day"' in page
    assert "Agreed the challenge" in page  # what was typed is kept
    response = client.post(
        reverse("programme:reshape", args=[sheffield.pk]),
        {"theme": "other", "title": "New", "reason": ""},
    )
    assert response.status_code == 200
    assert "Enter why the partnership reshaped its challenge" in response.content.decode()
    assert LeadershipMeeting.objects.count() == 0
    assert ChallengeVersion.objects.filter(member=sheffield).count() == 1


def test_unshared_notes_are_for_the_team_and_staff(client, members, staff_user):
    sheffield = members["Sheffield"]
    lead = applicant_for("Sheffield")
    private = leadership.record_meeting(
        sheffield, lead, held_on=dt.date.today(), agreed="Private matters"
    )
    shared = leadership.record_meeting(
        sheffield, lead, held_on=dt.date.today(), agreed="Shared learning", shared=True
    )
    item = Milestone.objects.filter(member=sheffield).first()
    milestones.update_milestone(item, lead, status="on_track", on=dt.date.today(), note="Quiet")
    peer = applicant_for("Leeds")
    sign_in_client(client, peer)
    page = client.get(reverse("programme:space", args=[sheffield.pk])).content.decode()
    assert "Shared learning" in page
    assert "Private matters" not in page
    assert "Quiet" not in page
    assert "Senior leadership group: first met on" in page
    url = reverse("programme:meeting", args=[sheffield.pk, private.pk])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("programme:meeting", args=[sheffield.pk, shared.pk])).status_code == 200
    )
    for user in (lead, staff_user):
        sign_in_client(client, user)
        assert client.get(url).status_code == 200
        assert (
            "Quiet" in client.get(reverse("programme:space", args=[sheffield.pk])).content.decode()
        )
