"""Round 1 as programme data: the six pilots' outline themes (board paper) and their themes
at the peer review conference (the report), both in the history; the demo step."""

import io

import pytest

from cohorts.models import CohortMember
from programme import challenge
from programme.demo import load as load_demo
from programme.models import ChallengeVersion, Event
from programme.overview import overview
from programme.pilots import load_round_one_programme

pytestmark = pytest.mark.django_db


def test_the_pilots_history_shows_both_themes(ref):
    load_round_one_programme()
    load_round_one_programme()  # idempotent
    brighton = CohortMember.objects.get(cohort__round__number=1, partnership_name="Brighton")
    history = challenge.history(brighton)
    assert [(v.number, v.change, v.title) for v in history] == [
        (
            2,
            "reshaped",
            "Developing strategies to increase self-managed care amongst older people living "
            "in Leach Court to reduce, delay or prevent escalation in the cost of care",
        ),
        (1, "outline", "Improving health and wellbeing in communities"),
    ]
    assert challenge.describe(history[0]) == (
        "Reshaped after the Peer review conference, 21 November 2016"
    )
    glos = CohortMember.objects.get(cohort__round__number=1, partnership_name="Gloucestershire")
    assert [v.change for v in challenge.history(glos)] == ["confirmed", "outline"]
    assert ChallengeVersion.objects.filter(member__cohort__round__number=1).count() == 12
    assert list(Event.objects.filter(cohort__round__number=1).values_list("title", "kind")) == [
        ("Peer review conference", "peer_challenge"),
        ("National learning event", "national"),
    ]
    _, rows, totals = overview(brighton.cohort)
    assert [r.challenge_status for r in rows].count("Reshaped") == 5
    assert {(r.events_attended, r.events_invited) for r in rows} == {(1, 2)}


def test_the_demo_step_fills_the_programme(ref, make_user, staff_user):
    from accounts import permissions

    make_user("staff@example.com", permissions.PROGRAMME_STAFF, "Pat Programme")
    make_user("applicant@example.com", permissions.APPLICANT, "Alex Applicant")
    out = io.StringIO()
    load_demo(out)
    load_demo(out)
    cohort = CohortMember.objects.get(partnership_name="Gloucestershire").cohort
    _, rows, totals = overview(cohort)
    glos = next(r for r in rows if r.partnership_name == "Gloucestershire")
    assert glos.met_line == "Senior leadership group: first met on 14 July 2016"
    assert (glos.done, glos.on_track, glos.not_started, glos.lead_contact) == (
        1,
        1,
        1,
        "Alex Applicant",
    )
    assert totals["at_risk"] == 1
    assert "already loaded" in out.getvalue()
