"""One line per bid on why it is or is not proposed (scoring.rules.proposal_explanations)."""

from dataclasses import replace

from scoring.rules.inputs import RoundRules
from scoring.rules.proposal import CohortConstraints, propose
from scoring.rules.proposal_explanations import explain
from scoring.rules.ranking import rank_bids
from tests.test_ranking import DEMO, make_bid

NW, NE, LDN, SW = "North West", "North East", "London", "South West"


def demo_round():
    return [
        make_bid("LP2-0001", NW, (5, 5, 5, 4, 4)),  # 94.0%
        make_bid("LP2-0002", NW, (5, 4, 4, 4, 4), districts=frozenset({"Wigan"})),  # 86.0%
        make_bid("LP2-0003", NW, (4, 4, 4, 4, 4), districts=frozenset({"Wigan", "Bolton"})),
        make_bid("LP2-0004", NE, (4, 4, 4, 4, 3)),  # 77.0%
        make_bid("LP2-0005", LDN, (4, 4, 4, 3, 3)),  # 74.0%
        make_bid("LP2-0006", SW, (4, 3, 3, 3, 3)),  # 66.0%
        make_bid("LP2-0007", NE, (2, 5, 5, 5, 5)),  # 82.0% but below the minimum
        make_bid("LP2-0008", SW, (3, 3, 3, 2, 2)),  # 54.0%
        make_bid("LP2-0009", LDN, (4, 4, 4, 4, 4), (4, 4, 4, 4, 4)),  # incomplete
        make_bid("LP2-0010", LDN, (3, 3, 3, 3, 3)),  # 60.0%
    ]


def lines(**constraints):
    ranking = rank_bids(demo_round(), RoundRules(DEMO))
    proposal = propose(ranking, CohortConstraints(**constraints))
    return proposal, explain(ranking, proposal)


INELIGIBLE = {
    "LP2-0007": "Not proposed: below the minimum for Strength of partnership (2.0 of 3)",
    "LP2-0008": "Not proposed: 54.0% is below the quality threshold of 60.0%",
    "LP2-0009": "Not proposed: 2 of 3 assessments submitted",
}


def test_every_bid_gets_one_line():
    proposal, explained = lines(size_min=4, max_per_region=2)
    assert proposal.selected == ("LP2-0001", "LP2-0002", "LP2-0004", "LP2-0005")
    assert explained == {
        "LP2-0001": "Proposed: rank 1; first of 2 places in the North West",
        "LP2-0002": "Proposed: rank 2; second of 2 places in the North West",
        "LP2-0003": "Not proposed: the North West already has 2 proposed bids with higher "
        "scores (94.0% and 86.0%); this bid scores 80.0%",
        "LP2-0004": "Proposed: rank 4; first of 2 places in the North East",
        "LP2-0005": "Proposed: rank 5; first of 2 places in London",
        "LP2-0006": "Not proposed: the cohort of 4 is full with higher-scoring bids; "
        "the lowest proposed scores 74.0%",
        "LP2-0010": "Not proposed: the cohort of 4 is full with higher-scoring bids; "
        "the lowest proposed scores 74.0%",
        **INELIGIBLE,
    }


def test_without_a_limit_per_region_places_are_counted_without_a_total():
    _, explained = lines(size_min=3)
    assert explained["LP2-0003"] == "Proposed: rank 3; third proposed bid in the North West"


def test_region_already_full_with_one_place():
    _, explained = lines(size_min=3, max_per_region=1)
    assert explained["LP2-0002"] == (
        "Not proposed: the North West already has 1 proposed bid with a higher score (94.0%); "
        "this bid scores 86.0%"
    )


def test_pinned_in_and_out_by_the_chair():
    _, explained = lines(
        size_min=4,
        max_per_region=2,
        pinned_in=frozenset({"LP2-0010"}),
        pinned_out=frozenset({"LP2-0001"}),
    )
    assert explained["LP2-0001"] == "Not proposed: pinned out by the chair"
    assert explained["LP2-0010"] == (
        "Proposed: rank 7; pinned in by the chair; first of 2 places in London"
    )
    assert explained["LP2-0003"] == "Proposed: rank 3; second of 2 places in the North West"
    full = (
        "Not proposed: the cohort of 4 is full; lower-ranked LP2-0010 (60.0%) is pinned in by "
        "the chair"
    )
    assert (explained["LP2-0005"], explained["LP2-0006"]) == (full, full)


def test_a_region_full_with_a_pinned_lower_scoring_bid():
    _, explained = lines(size_min=3, max_per_region=2, pinned_in=frozenset({"LP2-0003"}))
    assert explained["LP2-0002"] == (
        "Not proposed: the North West already has 2 proposed bids (94.0% and 80.0% pinned in "
        "by the chair); this bid scores 86.0%"
    )


def test_lower_scoring_bids_taking_places_to_cover_enough_regions():
    _, explained = lines(size_min=4, min_regions=4)
    assert explained["LP2-0002"] == (
        "Not proposed: the cohort of 4 is full; lower-ranked LP2-0004 (77.0%), LP2-0005 "
        "(74.0%) and LP2-0006 (66.0%) take places so that the cohort covers at least 4 regions"
    )


def test_limit_on_bids_overlapping_an_earlier_cohort():
    proposal, explained = lines(
        size_min=4, max_per_region=2, max_overlap=1, earlier_districts=frozenset({"Wigan"})
    )
    assert proposal.selected == ("LP2-0001", "LP2-0002", "LP2-0004", "LP2-0005")
    assert explained["LP2-0003"] == (
        "Not proposed: its districts overlap an earlier cohort, and the limit of 1 such bid is "
        "taken by LP2-0002 (86.0%); this bid scores 80.0%"
    )
    _, explained = lines(size_min=3, max_overlap=0, earlier_districts=frozenset({"Bolton"}))
    assert explained["LP2-0003"] == (
        "Not proposed: its districts overlap an earlier cohort, and no such bid may be proposed"
    )


def test_every_eligible_bid_is_told_when_no_cohort_is_possible():
    proposal, explained = lines(size_min=6, max_per_region=1)
    assert not proposal.feasible
    expected = (
        "Not proposed: no cohort could be proposed. No cohort of 6 is possible with at most "
        "1 bid per region: only 4 regions have eligible bids. Any one of these changes makes "
        "a cohort possible: allowing 2 bids per region; a cohort size of 4."
    )
    eligible = ["LP2-0001", "LP2-0002", "LP2-0003", "LP2-0004", "LP2-0005", "LP2-0006"]
    eligible.append("LP2-0010")
    assert {ref: explained[ref] for ref in eligible} == dict.fromkeys(eligible, expected)
    assert len(explained) == len(eligible) + len(INELIGIBLE)
    assert {ref: explained[ref] for ref in INELIGIBLE} == INELIGIBLE


def test_explanations_follow_the_calibrated_rank_when_calibration_is_on():
    # Assessors A, B and C mark every bid alike, so calibration keeps the order.
    ranking = rank_bids(demo_round(), replace(RoundRules(DEMO), calibrate=True))
    proposal = propose(ranking, CohortConstraints(1))
    assert proposal.selected == ("LP2-0001",)
    assert ranking.ranked[0].movement.startswith("Rank 1 both raw and calibrated: ")
    assert explain(ranking, proposal)["LP2-0001"] == (
        "Proposed: rank 1; first proposed bid in the North West"
    )
