"""Moderation statistics and flags on hand-made data (no database)."""

from decimal import Decimal
from fractions import Fraction

from scoring.assess import moderation
from scoring.assess.moderation import CriterionInfo, Flag

PARTNERSHIP = CriterionInfo(1, "Strength of partnership", Decimal(30), 0, 5, Decimal(3))
PLACE = CriterionInfo(2, "Place and geography", Decimal(20))
AMBITION = CriterionInfo(3, "Ambition and clarity of the challenge", Decimal(20))
DELIVERY = CriterionInfo(4, "Deliverability within the programme", Decimal(15))
OUTCOMES = CriterionInfo(5, "Outcomes and public value", Decimal(15))
CRITERIA = [PARTNERSHIP, PLACE, AMBITION, DELIVERY, OUTCOMES]


def test_mean_median_and_spread_are_exact():
    s = moderation.stats([2, 3, 5])
    assert (s.count, s.mean, s.median, s.spread) == (3, Fraction(10, 3), Fraction(3), 3)
    assert moderation.fmt(s.mean) == "3.3"
    even = moderation.stats([4, 1, 2, 5])
    assert (even.mean, even.median, even.spread) == (Fraction(3), Fraction(3), 4)
    assert moderation.stats([4, 5]).median == Fraction(9, 2)
    assert moderation.fmt(Fraction(9, 2)) == "4.5"
    assert moderation.stats([]) == moderation.Stats(0, None, None, None)
    assert moderation.stats([3, None]).count == 1


def test_rounding_is_half_up_to_one_decimal():
    assert moderation.to_decimal(Fraction(13, 4)) == Decimal("3.3")
    assert moderation.to_decimal(Fraction(11, 3)) == Decimal("3.7")
    assert moderation.fmt(Decimal("3.0")) == "3"


def test_no_flags_when_assessors_agree():
    scores = {c.id: [3, 4, 4] for c in CRITERIA}
    assert moderation.flags(CRITERIA, scores, ["fund"] * 3, {}, Decimal(2)) == []


def test_spread_reaching_the_threshold_is_flagged_with_the_reason():
    scores = {c.id: [3, 4, 4] for c in CRITERIA}
    scores[PLACE.id] = [2, 4, 5]
    scores[AMBITION.id] = [3, 5, 4]  # spread 2: reaches the threshold of 2
    found = moderation.flags(CRITERIA, scores, ["fund"] * 3, {}, Decimal(2))
    assert found == [
        Flag(
            "spread",
            "Scores for Place and geography range from 2 to 5: a spread of 3 points, "
            "which reaches the threshold of 2 points.",
            PLACE.id,
        ),
        Flag(
            "spread",
            "Scores for Ambition and clarity of the challenge range from 3 to 5: a spread "
            "of 2 points, which reaches the threshold of 2 points.",
            AMBITION.id,
        ),
    ]
    # A higher threshold lets a spread of 2 through.
    assert [f.criterion_id for f in moderation.flags(CRITERIA, scores, [], {}, 3)] == [2]


def test_a_single_score_has_no_spread_flag():
    scores = {PLACE.id: [0]}
    assert moderation.flags([PLACE], scores, [], {}, 2) == []


def test_disagreeing_recommendations_are_flagged():
    scores = {c.id: [4, 4, 4] for c in CRITERIA}
    found = moderation.flags(CRITERIA, scores, ["fund", "do_not_fund", "fund"], {}, Decimal(2))
    assert found == [
        Flag(
            "recommendation", "Assessors disagree on the recommendation: fund (2), do not fund (1)"
        )
    ]


def test_below_minimum_uses_the_mean_unless_moderated():
    scores = {c.id: [4, 4, 4] for c in CRITERIA}
    scores[PARTNERSHIP.id] = [2, 3, 3]  # mean 2.67, minimum 3
    found = moderation.flags(CRITERIA, scores, ["fund"] * 3, {}, Decimal(2))
    assert found == [
        Flag(
            "below_minimum",
            "Strength of partnership has a mean score of 2.7, below its minimum of 3.",
            PARTNERSHIP.id,
        )
    ]
    moderated_up = {PARTNERSHIP.id: Decimal("3.0")}
    assert moderation.flags(CRITERIA, scores, ["fund"] * 3, moderated_up, 2) == []
    high = {c.id: [4, 4, 4] for c in CRITERIA}
    moderated_down = {PARTNERSHIP.id: Decimal("2.5")}
    assert moderation.flags(CRITERIA, high, ["fund"] * 3, moderated_down, 2) == [
        Flag(
            "below_minimum",
            "Strength of partnership has a moderated score of 2.5, below its minimum of 3.",
            PARTNERSHIP.id,
        )
    ]


def _figure(scores_by_criterion, moderated):
    """moderation.figure from per-criterion score lists (one score per assessor, in order)."""
    assessors = max((len(v) for v in scores_by_criterion.values()), default=0)
    submitted = [
        {cid: values[i] for cid, values in scores_by_criterion.items()} for i in range(assessors)
    ]
    return moderation.figure(CRITERIA, submitted, moderated, 3)


def test_weighted_total_uses_weights_scale_and_moderated_scores():
    scores = {c.id: [5, 5, 5] for c in CRITERIA}
    assert _figure(scores, {}).shown_total == Decimal("100.0")
    scores = {
        PARTNERSHIP.id: [3, 4, 5],  # mean 4 -> 30 * 4/5 = 24
        PLACE.id: [2, 3, 3],  # mean 8/3 -> 20 * 8/15 = 10.667
        AMBITION.id: [4, 4, 4],  # 16
        DELIVERY.id: [1, 2, 3],  # 6
        OUTCOMES.id: [5, 5, 4],  # 15 * 14/15 = 14
    }
    assert _figure(scores, {}).shown_total == Decimal("70.7")
    assert _figure(scores, {}).total == Fraction(212, 3)  # exact: 70.666...
    # A moderated 4.5 for place replaces its mean: 20 * 4.5/5 = 18.
    assert _figure(scores, {PLACE.id: Decimal("4.5")}).shown_total == Decimal("78.0")
    assert _figure({}, {}).total is None
    # Issue 11: a partial bid has no total on any page ("Not yet complete"), not a partial sum.
    partial = _figure({PARTNERSHIP.id: [5, 5, 5]}, {})
    assert partial.total is None
    assert partial.text == "Not yet complete"


def test_bid_status():
    assert moderation.bid_status(1, 3, False) == "awaiting"
    assert moderation.bid_status(0, 0, False) == "awaiting"
    assert moderation.bid_status(3, 3, False) == "ready"
    assert moderation.bid_status(3, 3, True) == "moderated"
