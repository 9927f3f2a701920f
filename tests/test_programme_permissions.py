"""Who sees which programme page: the partnership's team, another cohort member, programme
staff, an assessor and someone not signed in, for every page."""

import datetime as dt

import pytest
from django.urls import reverse

from programme import leadership, team
from programme.models import Milestone
from tests.cohort_helpers import applicant_for
from tests.factories.accounts import sign_in_client
from tests.factories.applications import date_fields
from tests.programme_helpers import announced_cohort, make_event

pytestmark = pytest.mark.django_db

PEOPLE = ["team", "other_member", "staff", "assessor", "anonymous"]
SPACE_READ = {"team": 200, "other_member": 200, "staff": 200, "assessor": 404, "anonymous": 302}
SPACE_EDIT = {"team": 200, "other_member": 404, "staff": 200, "assessor": 404, "anonymous": 302}
PRIVATE = SPACE_EDIT
STAFF_PAGE = {"team": 403, "other_member": 403, "staff": 200, "assessor": 403, "anonymous": 302}
EVENT = {"team": 200, "other_member": 404, "staff": 200, "assessor": 404, "anonymous": 302}
HOME = {"team": 200, "other_member": 200, "staff": 200, "assessor": 403, "anonymous": 302}


@pytest.fixture
def world(open_round, chair, staff_user, assessor):
    members = announced_cohort(open_round, chair, staff_user)
    sheffield = members["Sheffield"]
    event = make_event(sheffield.cohort, staff_user, [sheffield])  # Leeds is not invited
    meeting = leadership.record_meeting(
        sheffield, applicant_for("Sheffield"), held_on=dt.date.today(), agreed="Unshared"
    )
    people = {
        "team": applicant_for("Sheffield"),
        "other_member": applicant_for("Leeds"),
        "staff": staff_user,
        "assessor": assessor,
        "anonymous": None,
    }
    milestone = Milestone.objects.filter(member=sheffield).first()
    lead = applicant_for("Sheffield")
    leader = leadership.add_leader(sheffield, lead, name="Lee Leader", role="Leader")
    person = team.add_team_member(sheffield, lead, name="Tam Team", role="Analyst")
    slug = open_round.slug
    pk = sheffield.pk
    pages = {
        "home": (reverse("programme:home"), HOME),
        "space": (reverse("programme:space", args=[pk]), SPACE_READ),
        "add leader": (reverse("programme:add_leader", args=[pk]), SPACE_EDIT),
        "change leader": (reverse("programme:change_leader", args=[pk, leader.pk]), SPACE_EDIT),
        "remove leader": (reverse("programme:remove_leader", args=[pk, leader.pk]), SPACE_EDIT),
        "record meeting": (reverse("programme:record_meeting", args=[pk]), SPACE_EDIT),
        "change meeting": (
            reverse("programme:change_meeting", args=[pk, meeting.pk]),
            SPACE_EDIT,
        ),
        "remove meeting": (
            reverse("programme:remove_meeting", args=[pk, meeting.pk]),
            SPACE_EDIT,
        ),
        "change team member": (
            reverse("programme:change_team_member", args=[pk, person.pk]),
            SPACE_EDIT,
        ),
        "remove team member": (
            reverse("programme:remove_team_member", args=[pk, person.pk]),
            SPACE_EDIT,
        ),
        "unshared meeting note": (reverse("programme:meeting", args=[pk, meeting.pk]), PRIVATE),
        "add team member": (reverse("programme:add_team_member", args=[pk]), SPACE_EDIT),
        "reshape": (reverse("programme:reshape", args=[pk]), SPACE_EDIT),
        "add milestone": (reverse("programme:add_milestone", args=[pk]), SPACE_EDIT),
        "update milestone": (
            reverse("programme:update_milestone", args=[pk, milestone.pk]),
            SPACE_EDIT,
        ),
        "overview": (reverse("programme:overview", args=[slug]), STAFF_PAGE),
        "overview pdf": (reverse("programme:overview_pdf", args=[slug]), STAFF_PAGE),
        "calendar": (reverse("programme:calendar", args=[slug]), STAFF_PAGE),
        "add event": (reverse("programme:create_event", args=[slug]), STAFF_PAGE),
        "change event": (reverse("programme:change_event", args=[event.pk]), STAFF_PAGE),
        "cancel event": (reverse("programme:cancel_event", args=[event.pk]), STAFF_PAGE),
        "attendance": (reverse("programme:attendance", args=[event.pk]), STAFF_PAGE),
        "attendance csv": (reverse("programme:attendance_csv", args=[event.pk]), STAFF_PAGE),
        "event": (reverse("programme:event", args=[event.pk]), EVENT),
        "event ics": (reverse("programme:event_ics", args=[event.pk]), EVENT),
        "reply": (reverse("programme:reply", args=[event.pk, pk]), EVENT),
    }
    return people, pages


PAGES = [
    "home",
    "space",
    "add leader",
    "change leader",
    "remove leader",
    "record meeting",
    "change meeting",
    "remove meeting",
    "change team member",
    "remove team member",
    "unshared meeting note",
    "add team member",
    "reshape",
    "add milestone",
    "update milestone",
    "overview",
    "overview pdf",
    "calendar",
    "add event",
    "change event",
    "cancel event",
    "attendance",
    "attendance csv",
    "event",
    "event ics",
    "reply",
]


@pytest.mark.parametrize("page", PAGES)
def test_each_person_gets_the_right_answer(client, world, page):
    people, pages = world
    url, expected = pages[page]
    answers = {}
    for kind in PEOPLE:
        client.logout()
        if people[kind] is not None:
            sign_in_client(client, people[kind])
        response = client.get(url)
        answers[kind] = response.status_code
        if response.status_code == 302:
            assert response["Location"].startswith("/account/sign-in/")
    assert answers == expected


def test_an_outsider_posting_to_a_space_changes_nothing(client, world):
    people, pages = world
    sign_in_client(client, people["other_member"])
    url, _ = pages["record meeting"]
    response = client.post(url, {**date_fields("held_on", dt.date.today()), "agreed": "Hijack"})
    assert response.status_code == 404
    from programme.models import LeadershipMeeting

    assert list(LeadershipMeeting.objects.values_list("agreed", flat=True)) == ["Unshared"]


def test_navigation_links_follow_the_permissions(client, world):
    people, _ = world
    expected = {
        "team": "Your programme",
        "other_member": "Your programme",
        "staff": ">Programme<",
        "assessor": None,
    }
    for kind, link in expected.items():
        sign_in_client(client, people[kind])
        page = client.get(reverse("accounts:home")).content.decode()
        if link is None:
            assert 'href="/programme/"' not in page
        else:
            assert link in page
            assert 'href="/programme/"' in page
