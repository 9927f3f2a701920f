"""Demo scores for `make run`."""

import io

import pytest

from applications.models import Bid
from scoring import demo_scores
from scoring.assess import moderation
from scoring.models import Assessment
from tests.assess_helpers import assign, eligible_bid, make_criteria, make_person

pytestmark = pytest.mark.django_db


def test_demo_scores_do_nothing_without_criteria_or_assignments(open_round, applicant):
    eligible_bid(open_round, applicant)
    out = io.StringIO()
    demo_scores.load(open_round, out)
    assert out.getvalue() == ""
    make_criteria(open_round)
    demo_scores.load(open_round, out)
    assert not Assessment.objects.exists()


def test_demo_scores_fill_about_half_with_flags_and_are_idempotent(open_round, applicant):
    criteria = make_criteria(open_round)
    demo = make_person("assessor@example.com", name="Sam Assessor")
    others = [make_person(f"panel{i}@example.com") for i in range(3)]
    places = ["Sheffield", "Leeds", "Liverpool", "Nottingham", "Birmingham", "Plymouth"]
    bids = [eligible_bid(open_round, applicant, place) for place in places]
    for index, bid in enumerate(bids):
        assign(bid, demo if index % 2 == 0 else others[2], others[0], others[1])
    out = io.StringIO()
    demo_scores.load(open_round, out)
    assert out.getvalue() == "Demo scores: 7 assessments submitted for 3 bids"
    rows = {
        r.bid.reference: r
        for r in moderation.load(
            open_round, Bid.objects.for_round(open_round).in_assessment().order_by("reference")
        )
    }
    assert [rows[b.reference].submitted for b in bids] == [2, 0, 2, 0, 3, 0]
    first, second = rows["LP2-0001"], rows["LP2-0003"]
    assert [f.kind for f in first.flags if f.kind == "spread"] == ["spread"]
    assert "range from 2 to 5: a spread of 3 points" in first.flags[0].message
    assert "recommendation" in second.flag_kinds
    # The demo assessor keeps bids not started (all three of theirs here but one).
    demo_statuses = sorted(
        a.assessment.status if hasattr(a, "assessment") else "not_started"
        for a in demo.assignments.all()
    )
    assert demo_statuses == ["not_started", "not_started", "submitted"]
    assert all(
        len(s.justification.split()) >= 30 for a in Assessment.objects.all() for s in a.scores.all()
    )
    demo_scores.load(open_round, io.StringIO())
    assert Assessment.objects.count() == 7
    assert criteria[0].scores.count() == 7
