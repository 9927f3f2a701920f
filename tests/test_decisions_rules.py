"""Issue 11 on plain data: one exact figure, one rounding, explanation lines that are true.

A test per reproduction in the issue, then property tests on random rounds: every line's
claims are checked against the proposal (by brute force), every infeasibility message names a
change that makes a cohort possible."""

import itertools
import re
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from applications.answers import derived_region_code
from scoring.rules import figures
from scoring.rules.infeasibility import single_changes
from scoring.rules.inputs import (
    AssessmentScores,
    BidScores,
    CriterionRule,
    RoundRules,
    describe_tie_break,
    describe_tie_breaks,
)
from scoring.rules.ordering import deciding_rule
from scoring.rules.proposal import CohortConstraints, candidates_from_ranking, propose
from scoring.rules.proposal_explanations import explain
from scoring.rules.ranking import rank_bids
from tests.test_proposal import brute_force, check_infeasibility_message

SP, PG = "sp", "pg"
NW, LDN, NE, SW = "North West", "London", "North East", "South West"


def bid(reference, region, *given, moderated=None, first=None, districts=()):
    assessments = tuple(
        AssessmentScores(chr(ord("A") + i), dict(zip((SP, PG), s, strict=False)))
        for i, s in enumerate(given)
    )
    return BidScores(
        reference,
        region,
        assessments,
        moderated=moderated or {},
        first_submitted=first,
        districts=frozenset(districts),
    )


def rules_85_15(**changes):
    criteria = (CriterionRule(SP, "Strength of partnership", 85), CriterionRule(PG, "Place", 15))
    return RoundRules(criteria, **{"quota": 4, **changes})


# --- One rounding -----------------------------------------------------------------------------


def test_one_decimal_is_half_up_and_exact():
    assert figures.one_decimal(Fraction(317, 4)) == Decimal("79.3")  # 79.25
    assert figures.one_decimal(Fraction(245, 4)) == Decimal("61.3")  # 61.25, never 61.2
    assert figures.one_decimal(Fraction(1199, 20)) == Decimal("60.0")  # 59.95
    assert figures.one_decimal(Fraction(11999, 200)) == Decimal("60.0")  # 59.995
    assert figures.one_decimal(Fraction(11989, 200)) == Decimal("59.9")  # 59.945
    assert figures.one_decimal(Fraction(5, 3)) == Decimal("1.7")
    assert figures.one_decimal(Fraction(-1, 20)) == Decimal("-0.1")
    assert figures.format_percent(None) == "Not yet complete"
    assert figures.format_score(Fraction(11, 3)) == "3.7"


def test_weights_85_15_four_assessors_show_79_3_everywhere():
    # Issue 11, reproduction 2: exact total 79.25; the rule text said 79.2%, the table 79.3%.
    ranking = rank_bids([bid("LP2-0001", NW, (4, 4), (4, 3), (4, 4), (4, 4))], rules_85_15())
    ranked = ranking.ranked[0]
    assert ranked.total == Fraction(317, 4)
    assert ranked.figure == Decimal("79.3")
    assert ranked.rule == "Rank 1: 79.3%; no other bid has the same total"
    assert figures.format_percent(ranked.total) == "79.3%"


def test_245_over_4_shows_61_3():
    # 85 x 3.25 / 5 + 15 x 2 / 5 = 61.25 exactly.
    ranking = rank_bids(
        [bid("LP2-0001", NW, (3, 2), (3, 2), (3, 2), (4, 2))], rules_85_15(quality_threshold=0)
    )
    assert ranking.ranked[0].total == Fraction(245, 4)
    assert ranking.ranked[0].rule == "Rank 1: 61.3%; no other bid has the same total"


# --- The figure shown is the figure used ------------------------------------------------------


def test_threshold_boundary_59_95_is_shown_and_treated_as_60_0():
    criteria = (CriterionRule(SP, "Strength of partnership", 100),)
    rules = RoundRules(criteria, quota=1, quality_threshold=60)
    at = BidScores("LP2-0001", NW, (AssessmentScores("A", {SP: Fraction(11990, 4000)}),))
    below = BidScores("LP2-0002", NW, (AssessmentScores("A", {SP: Fraction(11989, 4000)}),))
    ranking = rank_bids([at, below], rules)
    assert ranking.ranked[0].total == Fraction(1199, 20)  # exactly 59.95
    assert [r.reference for r in ranking.ranked] == ["LP2-0001"]
    assert ranking.ranked[0].rule == "Rank 1: 60.0%; no other bid has the same total"
    assert ranking.excluded[0].reason == "59.9% is below the quality threshold of 60.0%"


def test_minimum_is_compared_with_the_shown_score():
    # A mean of 5/3 against a minimum of 1.7 read "(1.7 of 1.7)"; it is shown as 1.7: it meets it.
    criteria = (
        CriterionRule(SP, "Strength of partnership", 50, minimum=Decimal("1.7")),
        CriterionRule(PG, "Place", 50),
    )
    rules = RoundRules(criteria, quota=3, quality_threshold=0)
    meets = bid("LP2-0001", NW, (2, 3), (2, 3), (1, 3))
    short = bid("LP2-0002", NW, (2, 3), (1, 3), (1, 3))  # 4/3: shown 1.3
    ranking = rank_bids([meets, short], rules)
    assert [r.reference for r in ranking.ranked] == ["LP2-0001"]
    assert (
        ranking.excluded[0].reason == "below the minimum for Strength of partnership (1.3 of 1.7)"
    )


def test_a_tie_break_never_separates_scores_shown_the_same():
    # Strength of partnership 11/3 (shown 3.7) against a moderated 3.7: equal as shown, so the
    # next rule decides, never "(3.7 against 3.7)".
    rules = rules_85_15(quota=3, quality_threshold=0)
    a = bid("LP2-0001", NW, (4, 4), (4, 4), (3, 4))  # 62.33 + 12 = 74.33
    moderated = {SP: Decimal("3.7"), PG: Decimal("3.8")}  # 62.9 + 11.4 = 74.3
    b = bid("LP2-0002", NW, (1, 4), (1, 4), (1, 4), moderated=moderated)
    ranking = rank_bids([a, b], rules)
    assert [r.figure for r in ranking.ranked] == [Decimal("74.3"), Decimal("74.3")]
    assert ranking.ranked[0].rule == (
        "Rank 1: 74.3%, tied with LP2-0001 on 74.3%; placed higher on a smaller spread between "
        "assessors (0.0 against 17.0 points)"
    )


def test_thresholds_and_minimums_accept_at_most_one_decimal():
    rules = rules_85_15(quality_threshold=Decimal("59.95"))
    try:
        rules.validate()
    except Exception as error:  # noqa: BLE001 - the ConstraintError is what is checked
        assert error.field == "quality_threshold"
        assert error.message == "Enter the quality threshold with at most 1 decimal place"
    else:
        raise AssertionError("59.95 was accepted")
    criteria = (CriterionRule(SP, "Strength of partnership", 100, minimum=Decimal("2.25")),)
    try:
        RoundRules(criteria).validate()
    except Exception as error:  # noqa: BLE001
        assert (
            error.message
            == "Enter the minimum for Strength of partnership with at most 1 decimal place"
        )
    else:
        raise AssertionError("2.25 was accepted")


# --- Tie-breaks by identity -------------------------------------------------------------------


def test_default_tie_break_is_strength_of_partnership_wherever_it_is_listed():
    criteria = (
        CriterionRule(PG, "Place and geography", 60),
        CriterionRule(SP, "Strength of partnership", 40),
    )
    rules = RoundRules(criteria, quota=1, quality_threshold=0)
    assert describe_tie_breaks(rules) == [
        "Higher Strength of partnership score",
        "Smaller spread between assessors' totals",
        "Earlier first submission",
        "Reference, in alphabetical order",
    ]
    # Same total (60.0%), the second bid is stronger on partnership: it ranks first.
    a = BidScores("LP2-0001", NW, (AssessmentScores("A", {PG: 5, SP: 0}),))
    b = BidScores("LP2-0002", NW, (AssessmentScores("A", {PG: 2, SP: Fraction(9, 2)}),))
    ranking = rank_bids([a, b], rules)
    assert [r.reference for r in ranking.ranked] == ["LP2-0002", "LP2-0001"]
    assert ranking.ranked[0].rule == (
        "Rank 1: 60.0%, tied with LP2-0001 on 60.0%; placed higher on Strength of partnership "
        "(4.5 against 0.0)"
    )


def test_submission_times_are_in_london_time():
    rules = rules_85_15(quota=1, quality_threshold=0, tie_breaks=(("first_submitted_asc",),))
    early = datetime(2025, 6, 3, 9, 15, tzinfo=UTC)  # 10:15am BST
    late = datetime(2025, 6, 3, 10, 0, tzinfo=UTC)
    a = bid("LP2-0002", NW, (4, 4), first=early)
    b = bid("LP2-0001", NW, (4, 4), first=late)
    ranking = rank_bids([a, b], rules)
    assert ranking.ranked[0].rule == (
        "Rank 1: 80.0%, tied with LP2-0001 on 80.0%; placed higher on an earlier first "
        "submission (10:15am on 3 June 2025 against 11:00am on 3 June 2025)"
    )


# --- Explanation lines that are true ----------------------------------------------------------


def test_a_tie_break_loss_names_the_tie_break():
    # Issue 11, reproduction 4: two bids at 80.0%, a cohort of 1.
    rules = rules_85_15(quota=1, quality_threshold=0)
    a = bid("LP2-0001", NW, (4, 4))
    b = bid("LP2-0002", LDN, (3, Fraction(29, 3)))  # 51 + 29 = 80.0%, weaker on partnership
    ranking = rank_bids([a, b], rules)
    proposal = propose(ranking, CohortConstraints(1))
    assert proposal.selected == ("LP2-0001",)
    assert explain(ranking, proposal)["LP2-0002"] == (
        "Not proposed: tied on 80.0% with LP2-0001, which is proposed because the tie-break "
        "places it higher: Higher Strength of partnership score (4.0 against 3.0)"
    )


def test_a_pinned_bid_is_described_as_pinned_not_credited_to_a_constraint():
    rules = rules_85_15(quota=1, quality_threshold=0)
    bids = [
        bid("LP2-0001", NW, (5, 5)),  # 100.0%
        bid("LP2-0002", NW, (4, 5)),  # 83.0%
        bid("LP2-0003", LDN, (4, 4)),  # 80.0%
        bid("LP2-0004", NW, (3, 3)),  # 60.0%, pinned in
    ]
    ranking = rank_bids(bids, rules)
    constraints = CohortConstraints(3, min_regions=2, pinned_in=frozenset({"LP2-0004"}))
    proposal = propose(ranking, constraints)
    assert proposal.selected == ("LP2-0001", "LP2-0003", "LP2-0004")
    lines = explain(ranking, proposal)
    assert lines["LP2-0002"] == (
        "Not proposed: the cohort of 3 is full; lower-ranked LP2-0004 (60.0%) is pinned in by "
        "the chair; lower-ranked LP2-0003 (80.0%) takes a place so that the cohort covers at "
        "least 2 regions"
    )
    assert lines["LP2-0004"] == (
        "Proposed: rank 4; pinned in by the chair; second proposed bid in the North West"
    )


def test_no_cohort_message_counts_regions_after_pins_and_names_the_pin():
    rules = rules_85_15(quota=1, quality_threshold=0)
    bids = [bid("LP2-0001", NW, (5, 5)), bid("LP2-0002", NW, (4, 4)), bid("LP2-0003", LDN, (3, 3))]
    ranking = rank_bids(bids, rules)
    constraints = CohortConstraints(2, min_regions=2, pinned_out=frozenset({"LP2-0003"}))
    proposal = propose(ranking, constraints)
    assert proposal.infeasible.field == "min_regions"
    assert proposal.infeasible.message == (
        "No cohort can cover at least 2 regions: only 1 region has eligible bids that are not "
        "pinned out. Any one of these changes makes a cohort possible: covering at least 1 "
        "region; unpinning LP2-0003 (pinned out)."
    )


def test_no_single_change_names_the_settings_that_together_block_it():
    rules = rules_85_15(quota=1, quality_threshold=0)
    bids = [
        bid("LP2-0001", NW, (5, 5)),
        bid("LP2-0002", NW, (4, 4)),
        bid("LP2-0003", LDN, (3, 3), districts={"Wigan"}),
    ]
    ranking = rank_bids(bids, rules)
    constraints = CohortConstraints(
        3,
        max_per_region=1,
        max_overlap=0,
        earlier_districts=frozenset({"Wigan"}),
        pinned_in=frozenset({"LP2-0001", "LP2-0002", "LP2-0003"}),
    )
    proposal = propose(ranking, constraints)
    assert proposal.infeasible.message == (
        "Pinned bids break the limit of 1 per region in the North West. No single change is "
        "enough: the limit of 1 bid per region and the limit of 0 bids overlapping an earlier "
        "cohort together block it."
    )
    assert proposal.infeasible.field == "max_per_region"


# --- One region rule --------------------------------------------------------------------------


def test_one_region_rule_most_districts_then_the_lead_councils_region():
    regions = {"A1": "E12000002", "A2": "E12000002", "B1": "E12000007", "C1": "E12000009"}
    assert derived_region_code(["A1", "A2", "B1"], regions, "E12000007") == "E12000002"
    assert derived_region_code(["A1", "B1"], regions, "E12000007") == "E12000007"
    # The lead council's region is not among the tied: the first in ONS order.
    assert derived_region_code(["B1", "C1"], regions, "E12000002") == "E12000007"
    assert derived_region_code([], regions, "E12000009") == "E12000009"


# --- Properties on random rounds --------------------------------------------------------------

REGIONS = [NW, LDN, NE, SW]


@st.composite
def rounds(draw):
    n = draw(st.integers(1, 7))
    bids = []
    for i in range(n):
        assessors = draw(st.sampled_from([1, 2, 2, 3, 3]))  # quota 2: some are incomplete
        given = [(draw(st.integers(3, 5)), draw(st.integers(3, 5))) for _ in range(assessors)]
        moderated = {}
        if draw(st.booleans()):
            moderated[SP] = Decimal(draw(st.integers(20, 50))) / 10
        bids.append(
            bid(
                f"LP2-{i + 1:04d}",
                draw(st.sampled_from(REGIONS)),
                *given,
                moderated=moderated,
                districts={"Wigan"} if draw(st.booleans()) else (),
            )
        )
    weight = draw(st.sampled_from([50, 60, 85, 90]))  # coarse weights: many ties
    criteria = (
        CriterionRule(
            SP,
            "Strength of partnership",
            weight,
            minimum=draw(st.sampled_from([None, Decimal("2.5")])),
        ),
        CriterionRule(PG, "Place", 100 - weight),
    )
    threshold = Decimal(draw(st.integers(550, 700))) / 10
    rules = RoundRules(criteria, quota=2, quality_threshold=threshold)
    refs = [b.reference for b in bids]
    size = draw(st.integers(1, 4))
    pins = draw(st.lists(st.sampled_from(refs), max_size=2, unique=True))
    pin_in = frozenset(pins[:1]) if draw(st.booleans()) else frozenset()
    constraints = CohortConstraints(
        size_min=size,
        size_max=draw(st.one_of(st.none(), st.integers(size, size + 2))),
        max_per_region=draw(st.one_of(st.none(), st.integers(1, 2))),
        min_regions=draw(st.one_of(st.none(), st.integers(1, 3))),
        max_overlap=draw(st.one_of(st.none(), st.integers(0, 2))),
        earlier_districts=frozenset({"Wigan"}),
        pinned_in=pin_in,
        pinned_out=frozenset(pins[1:]),
    )
    return bids, rules, constraints


FIGURE = re.compile(r"\d+\.\d%")


def check_line(line, ranked, ranking, proposal, candidates):
    """The claims of one explanation line, checked against the proposal and brute force."""
    by_ref = {r.reference: r for r in ranking.ranked}
    c = proposal.constraints
    selected = set(proposal.selected)
    shown = figures.format_percent(ranked.figure)
    if line.startswith("Proposed: "):
        assert ranked.reference in selected
        assert line.startswith(f"Proposed: rank {ranked.rank}")
        assert ("pinned in by the chair" in line) == (ranked.reference in c.pinned_in)
        return
    assert ranked.reference not in selected
    if line == "Not proposed: pinned out by the chair":
        assert ranked.reference in c.pinned_out
        return
    assert ranked.reference not in c.pinned_out
    if line.startswith("Not proposed: no cohort could be proposed. "):
        assert not proposal.feasible
        return
    forced = replace(c, pinned_in=c.pinned_in | {ranked.reference})
    with_it = brute_force(candidates, forced)
    best_with = None if with_it is None else sum((by_ref[r].figure for r in with_it), Decimal(0))
    tied = re.match(
        r"Not proposed: tied on (\S+) with (\S+), which is proposed because the tie-break "
        r"places it higher: (.+) \((.+)\)$",
        line,
    )
    if tied:
        figure, winner, rule_text, _ = tied.groups()
        assert figure == shown and winner in selected
        assert by_ref[winner].figure == ranked.figure and by_ref[winner].rank < ranked.rank
        rule, _ = deciding_rule(
            ranking.rules.effective_tie_breaks(), by_ref[winner].bid, ranked.bid
        )
        assert describe_tie_break(rule, ranking.rules) == rule_text
        assert best_with == proposal.total
        return
    if line.startswith("Not proposed: no cohort that includes it meets the constraints"):
        assert with_it is None
        change = re.search(r"one would with (.+)$", line)
        if change:
            works = [x for x in single_changes(candidates, forced) if x.text == change.group(1)]
            assert works and brute_force(candidates, works[0].constraints) is not None
        return
    # Lost on the sum of weighted totals: a cohort with it is worse (or impossible).
    assert with_it is None or best_with < proposal.total
    if "already has" in line:
        same = [by_ref[r] for r in selected if by_ref[r].bid.region == ranked.bid.region]
        assert c.max_per_region is not None and len(same) >= c.max_per_region
    if "overlap an earlier cohort" in line:
        overlapping = [r for r in selected if by_ref[r].bid.districts & c.earlier_districts]
        assert ranked.bid.districts & c.earlier_districts and len(overlapping) >= c.max_overlap
    full = re.match(r"Not proposed: the cohort of (\d+) is full", line)
    if full:
        assert int(full.group(1)) == len(selected) == c.upper
    if "full with higher-scoring bids" in line:
        assert all(by_ref[r].figure > ranked.figure for r in selected)
    for listed in re.findall(r"lower-ranked (.+?) (?:is|are) pinned in by the chair", line):
        for reference in re.findall(r"LP2-\d{4}", listed):
            assert reference in c.pinned_in and by_ref[reference].rank > ranked.rank
    for listed in re.findall(r"lower-ranked (.+?) takes? places? so that", line):
        for reference in re.findall(r"LP2-\d{4}", listed):
            assert reference not in c.pinned_in
            chosen_regions = [by_ref[r].bid.region for r in selected]
            assert chosen_regions.count(by_ref[reference].bid.region) == 1
            assert len(set(chosen_regions)) == c.min_regions
    sums = re.search(r"a sum of weighted totals of (\S+), against (\S+) for", line)
    if sums:
        assert sums.groups() == (
            figures.format_score(best_with),
            figures.format_score(proposal.total),
        )
    if "this bid scores" in line:
        assert line.endswith(f"this bid scores {shown}")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(rounds())
def test_every_explanation_line_is_true(case):
    bids, rules, constraints = case
    ranking = rank_bids(bids, rules)
    try:
        proposal = propose(ranking, constraints)
    except Exception:  # noqa: BLE001 - pins of ineligible bids are refused: nothing to explain
        return
    candidates = candidates_from_ranking(ranking, constraints)
    if not proposal.feasible:
        check_infeasibility_message(candidates, constraints, proposal.infeasible)
    else:
        assert proposal.selected == brute_force(candidates, constraints)
    lines = explain(ranking, proposal)
    all_figures = {figures.format_percent(r.figure) for r in ranking.ranked}
    all_figures |= {figures.format_percent(e.bid.total) for e in ranking.excluded}
    all_figures.add(figures.format_percent(rules.quality_threshold))
    for ranked in ranking.ranked:
        line = lines[ranked.reference]
        check_line(line, ranked, ranking, proposal, candidates)
        # Every percentage quoted is a shown figure of some bid (or the threshold).
        assert set(FIGURE.findall(line)) <= all_figures
        assert ranked.rule.startswith(
            f"Rank {ranked.rank}: {figures.format_percent(ranked.figure)}"
        )
    for excluded in ranking.excluded:
        assert lines[excluded.reference] == f"Not proposed: {excluded.reason}"


@settings(max_examples=200, deadline=None, derandomize=True)
@given(rounds())
def test_ranking_order_is_by_shown_figure_then_the_tie_breaks(case):
    bids, rules, _ = case
    ranking = rank_bids(bids, rules)
    tie_breaks = rules.effective_tie_breaks()
    for above, below in itertools.pairwise(ranking.ranked):
        assert above.figure >= below.figure
        if above.figure == below.figure:
            rule, verdict = deciding_rule(tie_breaks, above.bid, below.bid)
            assert verdict == -1
    for excluded in ranking.excluded:
        if excluded.kind == "below_threshold":
            assert excluded.bid.figure < rules.quality_threshold
    for ranked in ranking.ranked:
        assert ranked.figure >= rules.quality_threshold
