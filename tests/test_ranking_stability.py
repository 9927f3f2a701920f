"""Stability of the proposal to the criterion weights (scoring.rules.stability)."""

import pytest

from scoring.rules.inputs import CriterionRule, RoundRules
from scoring.rules.proposal import CohortConstraints
from scoring.rules.stability import MarginalBid, reweight, stability, weight_changes
from tests.test_ranking import AC, DEMO, DP, OV, PG, SP, make_bid


def test_reweight_rescales_the_others_in_proportion():
    assert reweight(DEMO, PG, 30) == {SP: 26.25, PG: 30, AC: 17.5, DP: 13.125, OV: 13.125}
    assert reweight(DEMO, SP, 20) == pytest.approx(
        {SP: 20, PG: 80 * 20 / 70, AC: 80 * 20 / 70, DP: 80 * 15 / 70, OV: 80 * 15 / 70}
    )
    assert abs(sum(reweight(DEMO, SP, 40).values()) - 100) < 1e-9


def test_reweight_clamps_and_shares_equally_when_the_others_weigh_nothing():
    criteria = (
        CriterionRule(1, "First", 95),
        CriterionRule(2, "Second", 5),
        CriterionRule(3, "Third", 0),
    )
    assert reweight(criteria, 1, 105) == {1: 100, 2: 0, 3: 0}
    assert reweight(criteria, 2, -5) == {2: 0, 1: 100, 3: 0}
    lopsided = (
        CriterionRule(1, "First", 100),
        CriterionRule(2, "Second", 0),
        CriterionRule(3, "Third", 0),
    )
    assert reweight(lopsided, 1, 90) == {1: 90, 2: 5, 3: 5}


def test_changes_cancelled_by_the_clamp_are_skipped():
    criteria = (CriterionRule(1, "First", 100), CriterionRule(2, "Second", 0))
    assert [c.text for c in weight_changes(criteria)] == [
        "First weight goes down to 90%",
        "Second weight goes up to 10%",
    ]
    assert len(weight_changes(DEMO)) == 10
    assert weight_changes(criteria[:1]) == []


def test_marginal_bids_and_the_change_that_flips_them():
    bids = [
        make_bid("LP2-0001", "North West", (3, 5, 3, 3, 3)),  # 68.0%: strong on place
        make_bid("LP2-0002", "London", (4, 3, 3, 3, 3)),  # 66.0%: strong on partnership
        make_bid("LP2-0003", "London", (3, 3, 3, 3, 3)),  # 60.0% under every weighting
    ]
    report = stability(bids, RoundRules(DEMO), CohortConstraints(1))
    assert report.baseline.selected == ("LP2-0001",)
    # Strength of partnership up to 40%: 66.9% against 68.0%.
    # Place and geography down to 10%: 64.0% against 66.75%.
    assert report.marginal == (
        MarginalBid(
            "LP2-0001",
            True,
            (
                "Drops out if Strength of partnership weight goes up to 40%",
                "Drops out if Place and geography weight goes down to 10%",
            ),
        ),
        MarginalBid(
            "LP2-0002",
            False,
            (
                "Comes in if Strength of partnership weight goes up to 40%",
                "Comes in if Place and geography weight goes down to 10%",
            ),
        ),
    )
    assert report.no_cohort == ()


def test_changes_under_which_no_cohort_is_possible_are_reported():
    bids = [
        make_bid("LP2-0001", "North West", (3, 5, 3, 3, 3)),  # 68.0%
        make_bid("LP2-0002", "London", (3, 2, 5, 3, 3)),  # 64.0%; 59.5% if ambition goes down
    ]
    constraints = CohortConstraints(2, pinned_in=frozenset({"LP2-0002"}))
    report = stability(bids, RoundRules(DEMO), constraints)
    assert report.baseline.selected == ("LP2-0001", "LP2-0002")
    # The pinned bid falls below the quality threshold, so it cannot be pinned in.
    assert report.no_cohort == ("Ambition and clarity of the challenge weight goes down to 10%",)
    assert report.marginal == ()


def test_no_report_of_flips_when_the_baseline_has_no_cohort():
    bids = [make_bid("LP2-0001", "North West", (4, 4, 4, 4, 4))]
    report = stability(bids, RoundRules(DEMO), CohortConstraints(2))
    assert not report.baseline.feasible
    assert report.marginal == () and len(report.changes) == 10


def test_changes_past_the_time_allowed_are_listed_as_not_checked():
    bids = [
        make_bid("LP2-0001", "North West", (3, 5, 3, 3, 3)),
        make_bid("LP2-0002", "London", (4, 3, 3, 3, 3)),
    ]
    report = stability(bids, RoundRules(DEMO), CohortConstraints(1), seconds=-1)
    assert report.baseline.selected == ("LP2-0001",)
    assert report.marginal == ()
    assert report.unchecked == tuple(c.text for c in weight_changes(DEMO))
    assert report.unchecked[0] == "Strength of partnership weight goes up to 40%"
    assert stability(bids, RoundRules(DEMO), CohortConstraints(1)).unchecked == ()


@pytest.mark.parametrize("calibrate", [False, True])
def test_reweighting_scored_bids_equals_scoring_them_again(calibrate):
    """The stability check scores the bids once and works out only the totals under each
    weight change (scores.reweighted): the same ranking as scoring the bids from scratch."""
    from bench.scenarios.rank import CRITERIA, random_bids
    from scoring.rules.ranking import rank_bids, rank_scored
    from scoring.rules.scores import reweighted, score_bids

    bids = random_bids(300, seed=11)
    rules = RoundRules(CRITERIA, calibrate=calibrate)
    scored, _ = score_bids(bids, rules)
    for change in weight_changes(rules.criteria):
        changed = rules.with_weights(change.weights)
        again, calibration = reweighted(scored, bids, changed)
        fresh = rank_bids(bids, changed, explain=False)
        quick = rank_scored(again, changed, calibration, explain=False)
        assert [(r.reference, r.rank, r.total) for r in quick.ranked] == [
            (r.reference, r.rank, r.total) for r in fresh.ranked
        ]
        assert [(e.reference, e.kind, e.reasons) for e in quick.excluded] == [
            (e.reference, e.kind, e.reasons) for e in fresh.excluded
        ]
        assert [dict(s.assessor_totals) for s in again] == [
            s.assessor_totals for s in score_bids(bids, changed)[0]
        ]
