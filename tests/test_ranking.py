"""Scores, ranking and tie-breaks (scoring.rules) on plain data."""

from datetime import datetime

import pytest

from scoring.rules.inputs import (
    AssessmentScores,
    BidScores,
    ConstraintError,
    CriterionRule,
    RoundRules,
    describe_tie_breaks,
)
from scoring.rules.ranking import rank_bids
from scoring.rules.scores import score_bid, score_distributions
from scoring.rules.wording import format_percent, ordinal, region_phrase

SP, PG, AC, DP, OV = "sp", "pg", "ac", "dp", "ov"
DEMO = (
    CriterionRule(SP, "Strength of partnership", 30, minimum=3),
    CriterionRule(PG, "Place and geography", 20),
    CriterionRule(AC, "Ambition and clarity of the challenge", 20),
    CriterionRule(DP, "Deliverability within the programme", 15),
    CriterionRule(OV, "Outcomes and public value", 15),
)
RULES = RoundRules(DEMO)
MARCH_3 = datetime(2025, 3, 3, 10, 15)


def scores(sp, pg, ac, dp, ov):
    return {SP: sp, PG: pg, AC: ac, DP: dp, OV: ov}


def make_bid(reference, region="North West", *given, first=MARCH_3, **extra):
    """A bid whose assessors A, B, C, ... give the score tuples in ``given``.

    With a single tuple, three assessors all give it (so the bid is complete).
    """
    if len(given) == 1:
        given = given * 3
    assessments = tuple(
        AssessmentScores(chr(ord("A") + i), scores(*s)) for i, s in enumerate(given)
    )
    return BidScores(reference, region, assessments, first_submitted=first, **extra)


def by_reference(ranking):
    return {r.reference: r for r in ranking.ranked}


# --- Score of a bid ---------------------------------------------------------------------------


def test_weighted_total_is_weight_times_mean_score_over_scale_maximum():
    bid = make_bid("LP2-0001", "North West", (4, 3, 5, 2, 4), (5, 3, 4, 2, 4), (3, 3, 3, 2, 4))
    scored = score_bid(bid, RULES)
    assert scored.criterion_scores == {SP: 4.0, PG: 3.0, AC: 4.0, DP: 2.0, OV: 4.0}
    # 30*4/5 + 20*3/5 + 20*4/5 + 15*2/5 + 15*4/5 = 24 + 12 + 16 + 6 + 12
    assert scored.raw_total == 70.0
    assert scored.assessor_totals == {"A": 74.0, "B": 76.0, "C": 60.0}
    assert scored.spread == 16.0
    assert format_percent(scored.total) == "70.0%"


def test_mean_of_thirds_is_shown_with_one_decimal():
    bid = make_bid("LP2-0001", "North West", (4, 4, 4, 4, 4), (4, 4, 4, 4, 4), (5, 4, 4, 4, 4))
    scored = score_bid(bid, RULES)
    assert scored.criterion_scores[SP] == pytest.approx(13 / 3)
    assert scored.raw_total == pytest.approx(82.0)
    assert format_percent(scored.total) == "82.0%"


def test_moderated_score_replaces_the_mean_for_that_criterion_only():
    bid = make_bid("LP2-0001", "North West", (2, 3, 3, 3, 3), moderated={SP: 3.5})
    scored = score_bid(bid, RULES)
    assert scored.criterion_scores[SP] == 3.5
    assert scored.criterion_scores[PG] == 3.0
    assert scored.raw_total == 63.0
    assert scored.shortfalls == ()


def test_decimal_weights_and_moderated_scores_from_the_database_are_accepted():
    from decimal import Decimal

    criteria = (CriterionRule(1, "Only", Decimal("100.00"), minimum=Decimal("2.5")),)
    bid = BidScores(
        "LP2-0001", "London", (AssessmentScores("A", {1: 3}),), moderated={1: Decimal("4.5")}
    )
    scored = score_bid(bid, RoundRules(criteria, quota=1))
    assert scored.raw_total == 90.0


def test_drafts_do_not_count_and_an_incomplete_bid_is_listed_separately():
    bid = make_bid("LP2-0001", "North West", (5, 5, 5, 5, 5), (5, 5, 5, 5, 5))
    draft = AssessmentScores("Z", scores(1, 1, 1, 1, 1), submitted=False)
    bid = BidScores(bid.reference, bid.region, (*bid.assessments, draft))
    ranking = rank_bids([bid], RULES)
    assert ranking.ranked == ()
    (excluded,) = ranking.excluded
    assert excluded.kind == "incomplete"
    assert excluded.reason == "2 of 3 assessments submitted"
    assert excluded.bid.raw_total == 100.0


def test_a_bid_with_no_assessments_is_incomplete():
    ranking = rank_bids([BidScores("LP2-0001", "London")], RULES)
    assert ranking.excluded[0].reason == "0 of 3 assessments submitted"


def test_a_complete_bid_missing_a_criterion_score_is_listed_separately():
    bid = make_bid("LP2-0001", "London", (4, 4, 4, 4, 4))
    partial = tuple(
        AssessmentScores(a.assessor, {k: v for k, v in a.scores.items() if k not in (PG, OV)})
        for a in bid.assessments
    )
    ranking = rank_bids([BidScores("LP2-0001", "London", partial)], RULES)
    assert ranking.excluded[0].reason == (
        "no score for Place and geography and Outcomes and public value"
    )


def test_quality_threshold_is_inclusive_and_reasons_are_given():
    bids = [
        make_bid("LP2-0001", "North West", (3, 3, 3, 3, 3)),  # exactly 60.0%
        make_bid("LP2-0002", "North West", (3, 3, 3, 2, 2)),  # 54.0%
        make_bid("LP2-0003", "North West", (2, 5, 5, 5, 5)),  # 82.0% but 2.0 of 3
        make_bid("LP2-0004", "London", (3, 3, 3, 2, 2), (2, 3, 3, 2, 2), (2, 3, 3, 2, 2)),
    ]
    ranking = rank_bids(bids, RULES)
    assert [r.reference for r in ranking.ranked] == ["LP2-0001"]
    reasons = {e.reference: (e.kind, e.reason) for e in ranking.excluded}
    assert reasons == {
        "LP2-0002": ("below_threshold", "54.0% is below the quality threshold of 60.0%"),
        "LP2-0003": ("below_minimum", "below the minimum for Strength of partnership (2.0 of 3)"),
        "LP2-0004": (
            "below_threshold",
            "50.0% is below the quality threshold of 60.0%; "
            "below the minimum for Strength of partnership (2.3 of 3)",
        ),
    }
    assert [e.reference for e in ranking.excluded] == ["LP2-0003", "LP2-0002", "LP2-0004"]


def test_threshold_can_be_set_per_round():
    bids = [make_bid("LP2-0001", "North West", (3, 3, 3, 3, 3))]
    ranking = rank_bids(bids, RoundRules(DEMO, quality_threshold=60.5))
    assert ranking.excluded[0].reason == "60.0% is below the quality threshold of 60.5%"


# --- Ranking and tie-breaks -------------------------------------------------------------------


def tie_round():
    return [
        make_bid("LP2-0101", "North West", (4, 3, 3, 4, 4)),  # 72, SP 4
        make_bid("LP2-0102", "London", (5, 3, 3, 3, 3)),  # 72, SP 5
        make_bid("LP2-0103", "London", (4, 4, 3, 3, 3), (4, 2, 3, 3, 3), (4, 3, 3, 3, 3)),
        make_bid("LP2-0104", "London", (4, 3, 3, 3, 3)),  # 66, spread 0
        make_bid("LP2-0105", "London", (5, 4, 5, 5, 5)),  # 96
        make_bid("LP2-0106", "South West", (3, 3, 3, 3, 4), first=datetime(2025, 3, 5, 9)),
        make_bid("LP2-0107", "South West", (3, 3, 3, 3, 4), first=MARCH_3),
        make_bid("LP2-0108", "South West", (3, 3, 3, 4, 3), first=MARCH_3),
    ]


def test_ranking_order_and_the_rule_behind_each_place():
    ranking = rank_bids(tie_round(), RULES)
    assert [(r.rank, r.reference, r.rule) for r in ranking.ranked] == [
        (1, "LP2-0105", "Rank 1: 96.0%; no other bid has the same total"),
        (
            2,
            "LP2-0102",
            "Rank 2: 72.0%, tied with LP2-0101 on 72.0%; "
            "placed higher on Strength of partnership (5.0 against 4.0)",
        ),
        (
            3,
            "LP2-0101",
            "Rank 3: 72.0%, tied with LP2-0102 on 72.0%; "
            "placed lower on Strength of partnership (4.0 against 5.0)",
        ),
        (
            4,
            "LP2-0104",
            "Rank 4: 66.0%, tied with LP2-0103 on 66.0%; "
            "placed higher on a smaller spread between assessors (0.0 against 8.0 points)",
        ),
        (
            5,
            "LP2-0103",
            "Rank 5: 66.0%, tied with LP2-0104 on 66.0%; "
            "placed lower on a larger spread between assessors (8.0 against 0.0 points)",
        ),
        (
            6,
            "LP2-0107",
            "Rank 6: 63.0%, tied with LP2-0108 and LP2-0106 on 63.0%; "
            "placed higher than LP2-0108 on reference (LP2-0107 against LP2-0108)",
        ),
        (
            7,
            "LP2-0108",
            "Rank 7: 63.0%, tied with LP2-0107 and LP2-0106 on 63.0%; "
            "placed lower than LP2-0107 on reference (LP2-0108 against LP2-0107) and "
            "placed higher than LP2-0106 on an earlier first submission "
            "(3 March 2025 against 5 March 2025)",
        ),
        (
            8,
            "LP2-0106",
            "Rank 8: 63.0%, tied with LP2-0107 and LP2-0108 on 63.0%; "
            "placed lower than LP2-0108 on a later first submission "
            "(5 March 2025 against 3 March 2025)",
        ),
    ]
    assert all(r.raw_rank == r.rank and r.movement is None for r in ranking.ranked)


def test_same_day_submissions_are_told_apart_by_time():
    bids = [
        make_bid("LP2-0002", "London", (4, 4, 4, 4, 4), first=datetime(2025, 3, 3, 9, 5)),
        make_bid("LP2-0001", "London", (4, 4, 4, 4, 4), first=datetime(2025, 3, 3, 14, 30)),
    ]
    ranking = rank_bids(bids, RULES)
    assert ranking.ranked[0].rule == (
        "Rank 1: 80.0%, tied with LP2-0001 on 80.0%; placed higher on an earlier first "
        "submission (9:05am on 3 March 2025 against 2:30pm on 3 March 2025)"
    )


def test_tie_break_rules_are_configurable_data():
    rules = RoundRules(DEMO, tie_breaks=(("first_submitted_asc",), ("criterion_desc", SP)))
    ranking = rank_bids(tie_round(), rules)
    assert [r.reference for r in ranking.ranked] == [
        "LP2-0105",
        "LP2-0102",  # same first submission as LP2-0101: Strength of partnership decides
        "LP2-0101",
        "LP2-0103",  # spread is no longer a rule: reference decides
        "LP2-0104",
        "LP2-0107",
        "LP2-0108",
        "LP2-0106",
    ]
    assert ranking.ranked[3].rule == (
        "Rank 4: 66.0%, tied with LP2-0104 on 66.0%; placed higher on reference "
        "(LP2-0103 against LP2-0104)"
    )
    assert describe_tie_breaks(rules) == [
        "Earlier first submission",
        "Higher Strength of partnership score",
        "Reference, in alphabetical order",
    ]


def test_default_tie_breaks_are_described_for_the_page():
    assert rank_bids([], RULES).tie_break_rules == [
        "Higher Strength of partnership score",
        "Smaller spread between assessors' totals",
        "Earlier first submission",
        "Reference, in alphabetical order",
    ]


def test_totals_are_exact_fractions_not_floats():
    # 10 * 0.1 + 10 * 1.1 is 12.000000000000002 in floating point, 10 * 0.3 + 10 * 0.9 is 12.0;
    # worked out exactly both are 12, so it is a tie (issue 11: exact figures).
    criteria = (CriterionRule(1, "First", 50), CriterionRule(2, "Second", 50))
    rules = RoundRules(criteria, quota=1, quality_threshold=0)
    a = BidScores("LP2-0002", "London", (AssessmentScores("A", {1: 0.1, 2: 1.1}),))
    b = BidScores("LP2-0001", "London", (AssessmentScores("A", {1: 0.3, 2: 0.9}),))
    ranking = rank_bids([a, b], rules)
    assert ranking.ranked[0].total == ranking.ranked[1].total == 12
    assert [r.reference for r in ranking.ranked] == ["LP2-0001", "LP2-0002"]
    assert "tied with LP2-0002 on 12.0%" in ranking.ranked[0].rule


def test_close_totals_that_look_equal_are_tied_on_the_shown_figure():
    # Issue 11: the figure shown is the figure ranked. 60.0% and 59.99...% both show as 60.0%,
    # so they are tied and the tie-break rules decide (here, in the end, the reference).
    criteria = (CriterionRule(1, "Only", 100),)
    rules = RoundRules(criteria, quota=3, quality_threshold=0)
    high = BidScores("LP2-0002", "London", tuple(AssessmentScores(x, {1: 3}) for x in "ABC"))
    low = BidScores(
        "LP2-0001",
        "London",
        (
            AssessmentScores("A", {1: 3}),
            AssessmentScores("B", {1: 3}),
            AssessmentScores("C", {1: 2.999}),
        ),
    )
    ranking = rank_bids([low, high], rules)
    assert [r.rule for r in ranking.ranked] == [
        "Rank 1: 60.0%, tied with LP2-0002 on 60.0%; placed higher on reference "
        "(LP2-0001 against LP2-0002)",
        "Rank 2: 60.0%, tied with LP2-0001 on 60.0%; placed lower on reference "
        "(LP2-0002 against LP2-0001)",
    ]


def test_rules_are_validated_with_the_field_to_blame():
    cases = [
        (RoundRules(DEMO, quality_threshold=101), "quality_threshold"),
        (RoundRules(DEMO, quality_threshold=-1), "quality_threshold"),
        (RoundRules(DEMO[:4]), "weights"),
        (RoundRules(DEMO, quota=0), "quota"),
        (RoundRules(DEMO, tie_breaks=(("shoe_size_desc",),)), "tie_breaks"),
        (RoundRules(DEMO, tie_breaks=(("criterion_desc", "nope"),)), "tie_breaks"),
        (RoundRules((CriterionRule(1, "Only", 100, minimum=6),)), "minimum"),
    ]
    for rules, field in cases:
        with pytest.raises(ConstraintError) as raised:
            rank_bids([], rules)
        assert raised.value.field == field
    with pytest.raises(ConstraintError) as raised:
        rank_bids([], RoundRules(DEMO[:4]))
    assert raised.value.message == "The criterion weights must add up to 100%; they add up to 85%"
    assert isinstance(raised.value, ValueError)


def test_duplicate_references_are_refused():
    bid = make_bid("LP2-0001", "London", (4, 4, 4, 4, 4))
    with pytest.raises(ValueError, match="only once"):
        rank_bids([bid, bid], RULES)


# --- Wording and chart data -------------------------------------------------------------------


def test_wording_helpers():
    assert [ordinal(n) for n in (1, 2, 3, 10, 21, 22, 23, 111)] == [
        "first",
        "second",
        "third",
        "tenth",
        "21st",
        "22nd",
        "23rd",
        "111th",
    ]
    assert region_phrase("North West") == "the North West"
    assert region_phrase("East of England") == "the East of England"
    assert region_phrase("London") == "London"
    assert region_phrase("Yorkshire and The Humber") == "Yorkshire and The Humber"


def test_score_distribution_counts_each_level_of_submitted_assessments():
    bids = [
        make_bid("LP2-0001", "London", (4, 3, 5, 2, 4), (5, 3, 4, 2, 4)),
        BidScores(
            "LP2-0002", "London", (AssessmentScores("A", scores(0, 0, 0, 0, 0), submitted=False),)
        ),
    ]
    distributions = score_distributions(bids, RULES)
    assert [d.name for d in distributions] == [c.name for c in DEMO]
    assert distributions[0].counts == ((0, 0), (1, 0), (2, 0), (3, 0), (4, 1), (5, 1))
    assert distributions[1].counts == ((0, 0), (1, 0), (2, 0), (3, 2), (4, 0), (5, 0))
    assert distributions[0].total == 2
