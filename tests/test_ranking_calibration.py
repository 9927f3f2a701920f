"""Assessor calibration (scoring.rules.calibration) against a hand-worked example."""

import pytest

from scoring.rules.calibration import AssessorTotal, calibrate, mean_and_sd
from scoring.rules.inputs import AssessmentScores, BidScores, CriterionRule, RoundRules
from scoring.rules.ranking import rank_bids

# Assessor A marks 5 bids: mean 80, population standard deviation 10.
# Assessor B marks the same 5 bids: mean 62, standard deviation 2.
# Assessor C marks only 2 bids, so keeps raw totals.
# Panel: the 12 totals have mean 840 / 12 = 70 and standard deviation sqrt(1728 / 12) = 12.
MARKS = {
    "A": {"X1": 65, "X2": 75, "X3": 80, "X4": 85, "X5": 95},
    "B": {"X1": 63, "X2": 59, "X3": 65, "X4": 61, "X5": 62},
    "C": {"X1": 52, "X2": 78},
}
TOTALS = [
    AssessorTotal(assessor, reference, total)
    for assessor, marks in MARKS.items()
    for reference, total in marks.items()
]


def test_panel_and_assessor_figures():
    calibration = calibrate(TOTALS)
    assert (calibration.panel_mean, calibration.panel_sd) == (70.0, 12.0)
    a, b, c = (calibration.assessors[x] for x in "ABC")
    assert (a.bids, a.mean, a.sd, a.calibrated) == (5, 80.0, 10.0, True)
    assert (b.bids, b.mean, b.sd, b.calibrated) == (5, 62.0, 2.0, True)
    assert (c.bids, c.mean, c.sd, c.calibrated) == (2, 65.0, 13.0, False)


def test_each_assessor_total_is_moved_onto_the_panel_scale():
    calibration = calibrate(TOTALS)
    calibrated = {
        (a.assessor, reference): a.calibrated
        for reference, adjustments in calibration.by_bid.items()
        for a in adjustments
    }
    # A: z = (65 - 80) / 10 = -1.5, so 70 - 1.5 x 12 = 52; and so on.
    assert {k: v for k, v in calibrated.items() if k[0] == "A"} == {
        ("A", "X1"): 52.0,
        ("A", "X2"): 64.0,
        ("A", "X3"): 70.0,
        ("A", "X4"): 76.0,
        ("A", "X5"): 88.0,
    }
    # B: z = (63 - 62) / 2 = 0.5, so 70 + 0.5 x 12 = 76; and so on.
    assert {k: v for k, v in calibrated.items() if k[0] == "B"} == {
        ("B", "X1"): 76.0,
        ("B", "X2"): 52.0,
        ("B", "X3"): 88.0,
        ("B", "X4"): 64.0,
        ("B", "X5"): 70.0,
    }
    assert calibrated[("C", "X1")] == 52.0 and calibrated[("C", "X2")] == 78.0


def test_a_bids_calibrated_total_is_the_mean_of_its_assessors_calibrated_totals():
    calibration = calibrate(TOTALS)
    assert calibration.bid_total("X1") == 60.0  # (52 + 76 + 52) / 3
    assert calibration.bid_total("X2") == pytest.approx(194 / 3, abs=1e-12)  # (64 + 52 + 78) / 3
    assert calibration.bid_total("X3") == 79.0  # (70 + 88) / 2
    assert calibration.bid_total("X4") == 70.0  # (76 + 64) / 2
    assert calibration.bid_total("X5") == 79.0  # (88 + 70) / 2
    assert calibration.raw_bid_total("X5") == 78.5
    assert calibration.bid_total("X9") is None


def test_an_assessor_who_gives_every_bid_the_same_total_is_placed_at_the_panel_mean():
    totals = [AssessorTotal("A", f"X{i}", 70.0) for i in range(5)]
    totals += [AssessorTotal("B", "X0", 50.0), AssessorTotal("B", "X1", 90.0)]
    calibration = calibrate(totals)
    mean, _ = mean_and_sd([t.total for t in totals])
    assert calibration.assessors["A"].sd == 0
    assert [a.calibrated for a in calibration.by_bid["X2"]] == [mean]


def test_the_minimum_number_of_bids_can_be_changed():
    calibration = calibrate(TOTALS, min_bids=6)
    assert not any(s.calibrated for s in calibration.assessors.values())
    assert calibration.bid_total("X2") == pytest.approx(212 / 3)


def test_empty_round():
    calibration = calibrate([])
    assert calibration.assessors == {} and calibration.bid_total("X1") is None


# --- Through the ranking ----------------------------------------------------------------------

# One criterion scored 0-100, so an assessor's score is their total.
CRITERIA = (CriterionRule(1, "Overall", 100, scale_max=100),)


def example_bids():
    by_bid = {}
    for assessor, marks in MARKS.items():
        for reference, total in marks.items():
            by_bid.setdefault(reference, []).append(AssessmentScores(assessor, {1: total}))
    return [BidScores(reference, "London", tuple(a)) for reference, a in sorted(by_bid.items())]


def test_ranking_shows_raw_and_calibrated_ranks_and_who_moved():
    rules = RoundRules(CRITERIA, quota=2, calibrate=True, tie_breaks=(("reference_asc",),))
    ranking = rank_bids(example_bids(), rules)
    rows = [(r.reference, r.rank, r.raw_rank, round(float(r.total), 9)) for r in ranking.ranked]
    assert rows == [
        ("X3", 1, 3, 79.0),
        ("X5", 2, 1, 79.0),
        ("X4", 3, 2, 70.0),
        ("X2", 4, 4, round(194 / 3, 9)),
        ("X1", 5, 5, 60.0),
    ]
    movement = {r.reference: r.movement for r in ranking.ranked}
    assert movement["X3"] == (
        "Rank 1 calibrated, 3 raw (up 2 places): 79.0% calibrated against 72.5% raw; "
        "A -10.0 points, B +23.0 points"
    )
    assert movement["X5"] == (
        "Rank 2 calibrated, 1 raw (down 1 place): 79.0% calibrated against 78.5% raw; "
        "A -7.0 points, B +8.0 points"
    )
    assert movement["X1"] == (
        "Rank 5 both raw and calibrated: 60.0% calibrated against 60.0% raw; "
        "A -13.0 points, B +13.0 points, C unchanged (fewer than 5 bids assessed)"
    )
    assert ranking.ranked[0].rule == (
        "Rank 1: 79.0%, tied with X5 on 79.0%; placed higher on reference (X3 against X5)"
    )


def test_calibration_is_off_by_default():
    ranking = rank_bids(example_bids(), RoundRules(CRITERIA, quota=2))
    assert ranking.calibration is None
    assert [(r.reference, r.total) for r in ranking.ranked] == [
        ("X5", 78.5),
        ("X4", 73.0),
        ("X3", 72.5),
        ("X2", pytest.approx(212 / 3)),
        ("X1", 60.0),
    ]


def test_calibrated_total_below_the_threshold_is_listed_separately():
    rules = RoundRules(CRITERIA, quota=2, calibrate=True, quality_threshold=65)
    ranking = rank_bids(example_bids(), rules)
    assert {e.reference: e.reason for e in ranking.excluded} == {
        "X2": "64.7% is below the quality threshold of 65.0%",
        "X1": "60.0% is below the quality threshold of 65.0%",
    }


def test_calibration_adjustment_is_added_to_a_moderated_total():
    bids = example_bids()
    x3 = bids[2]
    moderated = BidScores(x3.reference, x3.region, x3.assessments, moderated={1: 5})
    bids[2] = moderated  # moderated 5 of 100 against assessors' 80 and 65
    rules = RoundRules(CRITERIA, quota=2, calibrate=True)
    ranking = rank_bids(bids, rules)
    scored = ranking.find("X3").bid
    # Calibration moves the mean of X3's assessor totals from 72.5 to 79.0 (+6.5).
    assert scored.raw_total == 5.0
    assert scored.calibrated_total == 11.5
