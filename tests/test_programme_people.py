"""Correcting the partnership space's people and meetings: change and remove a member of the
senior leadership group, a meeting and a member of the challenge team, each through its one
audited function; removing asks first and a GET changes nothing; the space's queries are
fixed whatever the number of people."""

import datetime as dt

import pytest
from django.http import Http404
from django.urls import reverse

from applications.models import AuditEvent
from core.refusals import Refused
from programme import leadership, team
from programme.models import LeadershipMeeting, LeadershipMember, TeamMember
from tests.cohort_helpers import applicant_for
from tests.factories.accounts import sign_in_client
from tests.factories.applications import date_fields
from tests.programme_helpers import announced_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(open_round, chair, staff_user):
    return announced_cohort(open_round, chair, staff_user)


def audit(action):
    return list(
        AuditEvent.objects.filter(action=f"programme.{action}")
        .order_by("pk")
        .values_list("old", "new")
    )


def test_change_a_leader_is_audited_and_refuses_bad_input(members):
    sheffield, lead = members["Sheffield"], applicant_for("Sheffield")
    council, *_ = sheffield.organisations.order_by("name")
    leader = leadership.add_leader(sheffield, lead, name="Jon Smtih", role="Leader")
    with pytest.raises(Refused) as refused:
        leadership.change_leader(leader, lead, name=" ", role="Leader")
    assert (refused.value.field, refused.value.message) == (
        "name",
        "Enter the name of the member of the leadership group",
    )
    other = members["Leeds"].organisations.order_by("name").first()
    with pytest.raises(Refused) as refused:
        leadership.change_leader(leader, lead, name="Jon Smith", role="Leader", organisation=other)
    assert refused.value.field == "organisation"
    leader.refresh_from_db()
    assert (leader.name, leader.organisation_id) == ("Jon Smtih", None)
    assert leadership.change_leader(
        leader, lead, name="Jon Smith", role="Leader", organisation=council
    ) == ["name", "organisation"]
    leader.refresh_from_db()
    assert (leader.name, leader.organisation_label) == ("Jon Smith", council.name)
    assert (
        leadership.change_leader(
            leader, lead, name="Jon Smith", role="Leader", organisation=council
        )
        == []
    )
    assert audit("leader_changed") == [
        (
            {"name": "Jon Smtih", "role": "Leader", "organisation": ""},
            {"name": "Jon Smith", "role": "Leader", "organisation": council.name},
        )
    ]


def test_change_and_remove_a_meeting_moves_the_first_met_line(client, members):
    sheffield, lead = members["Sheffield"], applicant_for("Sheffield")
    first = leadership.record_meeting(sheffield, lead, held_on=dt.date(2026, 9, 1), agreed="A")
    leadership.record_meeting(sheffield, lead, held_on=dt.date(2026, 10, 1), agreed="B")
    with pytest.raises(Refused) as refused:
        leadership.change_meeting(
            first, lead, held_on=dt.date.today() + dt.timedelta(days=1), agreed="A"
        )
    assert refused.value.field == "held_on"
    assert refused.value.message.startswith(
        "The date of a meeting that was held must be today or in the past"
    )
    with pytest.raises(Refused) as refused:
        leadership.change_meeting(first, lead, held_on=dt.date(2026, 9, 1), agreed="  ")
    assert refused.value.field == "agreed"
    first.refresh_from_db()
    assert (first.held_on, first.agreed) == (dt.date(2026, 9, 1), "A")
    assert leadership.change_meeting(
        first, lead, held_on=dt.date(2026, 9, 2), agreed="A", shared=True
    ) == ["held_on", "shared"]
    sign_in_client(client, lead)
    space = reverse("programme:space", args=[sheffield.pk])
    assert "first met on 2 September 2026" in client.get(space).content.decode()
    leadership.remove_meeting(first, lead)
    assert "first met on 1 October 2026" in client.get(space).content.decode()
    assert audit("meeting_changed") == [
        (
            {"held_on": "2026-09-01", "shared": False},
            {"held_on": "2026-09-02", "shared": True},
        )
    ]
    assert audit("meeting_removed") == [({"held_on": "2026-09-02", "shared": True}, None)]


def test_change_a_team_member_and_the_lead_contact(members):
    sheffield, lead = members["Sheffield"], applicant_for("Sheffield")
    ann = team.add_team_member(
        sheffield, lead, name="Ann", role="Lead", email="ann@example.gov.uk", lead_contact=True
    )
    bob = team.add_team_member(sheffield, lead, name="Bob", role="Analyst")
    with pytest.raises(Refused) as refused:
        team.change_team_member(bob, lead, name="Bob", role="Analyst", lead_contact=True)
    assert (refused.value.field, refused.value.message) == (
        "email",
        "Enter an email address for the lead contact",
    )
    assert team.change_team_member(
        bob, lead, name="Bob", role="Analyst", email="Bob@Example.gov.uk", lead_contact=True
    ) == ["email", "is_lead_contact"]
    ann.refresh_from_db()
    bob.refresh_from_db()
    assert (ann.is_lead_contact, bob.is_lead_contact, bob.email) == (
        False,
        True,
        "bob@example.gov.uk",
    )
    team.remove_team_member(bob, lead)
    assert list(TeamMember.objects.values_list("name", flat=True)) == ["Ann"]
    assert [old["name"] for old, _ in audit("team_member_removed")] == ["Bob"]


def test_outsiders_cannot_change_or_remove(members, assessor):
    sheffield, lead = members["Sheffield"], applicant_for("Sheffield")
    leader = leadership.add_leader(sheffield, lead, name="Lee", role="Leader")
    meeting = leadership.record_meeting(sheffield, lead, held_on=dt.date.today(), agreed="A")
    person = team.add_team_member(sheffield, lead, name="Tam", role="Analyst")
    for outsider in (applicant_for("Leeds"), assessor):
        with pytest.raises(Http404):
            leadership.change_leader(leader, outsider, name="Mine", role="Leader")
        with pytest.raises(Http404):
            leadership.remove_leader(leader, outsider)
        with pytest.raises(Http404):
            leadership.change_meeting(meeting, outsider, held_on=dt.date.today(), agreed="B")
        with pytest.raises(Http404):
            leadership.remove_meeting(meeting, outsider)
        with pytest.raises(Http404):
            team.change_team_member(person, outsider, name="Mine", role="Analyst")
        with pytest.raises(Http404):
            team.remove_team_member(person, outsider)
    assert LeadershipMember.objects.get().name == "Lee"
    assert LeadershipMeeting.objects.get().agreed == "A"
    assert TeamMember.objects.get().name == "Tam"


def test_the_pages_ask_before_removing_and_get_changes_nothing(client, members):
    sheffield, lead = members["Sheffield"], applicant_for("Sheffield")
    leader = leadership.add_leader(sheffield, lead, name="Lee Leader", role="Leader")
    meeting = leadership.record_meeting(sheffield, lead, held_on=dt.date(2026, 9, 1), agreed="A")
    person = team.add_team_member(sheffield, lead, name="Tam Team", role="Analyst")
    sign_in_client(client, lead)
    space = client.get(reverse("programme:space", args=[sheffield.pk])).content.decode()
    for name in ("change_leader", "remove_leader"):
        assert reverse(f"programme:{name}", args=[sheffield.pk, leader.pk]) in space
    for name in ("change_meeting", "remove_meeting"):
        assert reverse(f"programme:{name}", args=[sheffield.pk, meeting.pk]) in space
    for name in ("change_team_member", "remove_team_member"):
        assert reverse(f"programme:{name}", args=[sheffield.pk, person.pk]) in space
    urls = {
        "leader": (
            reverse("programme:remove_leader", args=[sheffield.pk, leader.pk]),
            LeadershipMember,
        ),
        "meeting": (
            reverse("programme:remove_meeting", args=[sheffield.pk, meeting.pk]),
            LeadershipMeeting,
        ),
        "team": (
            reverse("programme:remove_team_member", args=[sheffield.pk, person.pk]),
            TeamMember,
        ),
    }
    questions = {
        "leader": "Are you sure you want to remove Lee Leader from the senior leadership group?",
        "meeting": "Are you sure you want to remove the leadership group meeting on "
        "1 September 2026?",
        "team": "Are you sure you want to remove Tam Team from the challenge team?",
    }
    for key, (url, model) in urls.items():
        page = client.get(url).content.decode()
        assert questions[key] in page
        assert model.objects.count() == 1  # the question removes nothing
    # Someone on another team gets 404 for the question and the removal.
    sign_in_client(client, applicant_for("Leeds"))
    for url, model in urls.values():
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
        assert model.objects.count() == 1
    sign_in_client(client, lead)
    for url, model in urls.values():
        response = client.post(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("programme:space", args=[sheffield.pk])
        assert model.objects.count() == 0
    # Another partnership's item under this partnership's address is not found.
    leeds = members["Leeds"]
    theirs = leadership.add_leader(leeds, applicant_for("Leeds"), name="Lou", role="Leader")
    url = reverse("programme:change_leader", args=[sheffield.pk, theirs.pk])
    assert client.get(url).status_code == 404


def test_the_change_pages_show_errors_beside_the_field_and_keep_the_input(client, members):
    sheffield, lead = members["Sheffield"], applicant_for("Sheffield")
    council, *_ = sheffield.organisations.order_by("name")
    leader = leadership.add_leader(sheffield, lead, name="Lee", role="Leader", organisation=council)
    meeting = leadership.record_meeting(sheffield, lead, held_on=dt.date(2026, 9, 1), agreed="A")
    person = team.add_team_member(sheffield, lead, name="Tam", role="Analyst")
    sign_in_client(client, lead)
    url = reverse("programme:change_leader", args=[sheffield.pk, leader.pk])
    page = client.get(url).content.decode()
    assert 'value="Lee"' in page
    assert f'<option value="{council.pk}" selected>' in page
    response = client.post(url, {"name": "", "role": "Council leader", "organisation": council.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_name">Enter their name</a>' in page
    assert 'value="Council leader"' in page
    response = client.post(
        url,
        {
            "name": "Lee",
            "role": "Council leader",
            "organisation": "other",
            "organisation_other": "Sheffield Hallam",
        },
    )
    assert response.status_code == 302
    leader.refresh_from_db()
    assert (leader.role, leader.organisation_id, leader.organisation_label) == (
        "Council leader",
        None,
        "Sheffield Hallam",
    )

    url = reverse("programme:change_meeting", args=[sheffield.pk, meeting.pk])
    future = date_fields("held_on", dt.date.today() + dt.timedelta(days=3))
    response = client.post(url, {**future, "agreed": "Typed again"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_held_on_day"' in page
    assert "Typed again" in page
    meeting.refresh_from_db()
    assert meeting.agreed == "A"

    url = reverse("programme:change_team_member", args=[sheffield.pk, person.pk])
    response = client.post(
        url, {"name": "Tam", "role": "Analyst", "email": "", "lead_contact": "on"}
    )
    assert '<a href="#id_email">Enter an email address for the lead contact</a>' in (
        response.content.decode()
    )
    response = client.post(
        url,
        {
            "name": "Tam Team",
            "role": "Analyst",
            "email": "tam@example.gov.uk",
            "lead_contact": "on",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.is_lead_contact) == ("Tam Team", True)


@pytest.mark.parametrize("people", [1, 6])
def test_the_space_uses_a_fixed_number_of_queries(
    client, members, people, django_assert_num_queries
):
    sheffield, lead = members["Sheffield"], applicant_for("Sheffield")
    council, *_ = sheffield.organisations.order_by("name")
    for n in range(people):
        leadership.add_leader(
            sheffield, lead, name=f"Leader {n}", role="Leader", organisation=council
        )
        leadership.record_meeting(sheffield, lead, held_on=dt.date(2026, 9, 1 + n), agreed="A")
        team.add_team_member(sheffield, lead, name=f"Member {n}", role="Analyst")
    sign_in_client(client, lead)
    url = reverse("programme:space", args=[sheffield.pk])
    client.get(url)
    with django_assert_num_queries(16):
        response = client.get(url)
    assert response.content.decode().count(">Change<span") == 3 * people
