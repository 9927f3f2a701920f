"""The cohort proposal (scoring.rules.proposal): optimality, tie rule, validation, impossibility."""

import itertools
import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.rules.infeasibility import _without, blocking_settings, single_changes
from scoring.rules.inputs import ConstraintError, RoundRules
from scoring.rules.proposal import (
    NON_FIELD,
    Candidate,
    CohortConstraints,
    propose,
    solve,
)
from scoring.rules.ranking import rank_bids
from tests.factories.ilp import ilp_optimum
from tests.test_ranking import DEMO, make_bid

NW, NE, LDN, SW, YH = "North West", "North East", "London", "South West", "Yorkshire and The Humber"
INF = float("inf")


def cands(*rows):
    """Candidates LP2-0001, LP2-0002, ... from (total, region[, overlaps]) in ranking order."""
    return [Candidate(f"LP2-{i:04d}", *row) for i, row in enumerate(rows, 1)]


def selected(candidates, **constraints):
    proposal = solve(candidates, CohortConstraints(**constraints))
    assert proposal.feasible, proposal.infeasible
    return list(proposal.selected)


def reason(candidates, ineligible=None, **constraints):
    proposal = solve(candidates, CohortConstraints(**constraints), ineligible)
    assert not proposal.feasible and proposal.selected == ()
    return proposal.infeasible.field, proposal.infeasible.message


FIVE = cands((80, NW), (79, NW), (78, NW), (70, SW), (69, LDN))


# --- Worked examples --------------------------------------------------------------------------


def test_without_limits_the_top_bids_are_proposed():
    assert selected(FIVE, size_min=3) == ["LP2-0001", "LP2-0002", "LP2-0003"]


def test_limit_per_region():
    assert selected(FIVE, size_min=3, max_per_region=2) == ["LP2-0001", "LP2-0002", "LP2-0004"]
    assert selected(FIVE, size_min=3, max_per_region=1) == ["LP2-0001", "LP2-0004", "LP2-0005"]


def test_minimum_number_of_regions():
    assert selected(FIVE, size_min=3, min_regions=2) == ["LP2-0001", "LP2-0002", "LP2-0004"]
    assert selected(FIVE, size_min=3, min_regions=3) == ["LP2-0001", "LP2-0004", "LP2-0005"]


def test_size_range_fills_as_many_places_as_the_constraints_allow():
    assert selected(FIVE, size_min=2, size_max=4, max_per_region=1) == [
        "LP2-0001",
        "LP2-0004",
        "LP2-0005",
    ]
    assert solve(FIVE, CohortConstraints(2, 4, max_per_region=1)).total == 219


def test_limit_on_bids_overlapping_an_earlier_cohort():
    rows = cands((80, NW, True), (79, NE, True), (78, SW, False), (60, LDN, False))
    assert selected(rows, size_min=3, max_overlap=1) == ["LP2-0001", "LP2-0003", "LP2-0004"]
    assert selected(rows, size_min=2, max_overlap=0) == ["LP2-0003", "LP2-0004"]


def test_pinned_in_and_out():
    assert selected(FIVE, size_min=3, pinned_in=frozenset({"LP2-0005"})) == [
        "LP2-0001",
        "LP2-0002",
        "LP2-0005",
    ]
    assert selected(FIVE, size_min=3, pinned_out=frozenset({"LP2-0001", "LP2-0002"})) == [
        "LP2-0003",
        "LP2-0004",
        "LP2-0005",
    ]
    # A pinned bid uses one of its region's places.
    assert selected(FIVE, size_min=3, max_per_region=2, pinned_in=frozenset({"LP2-0003"})) == [
        "LP2-0001",
        "LP2-0003",
        "LP2-0004",
    ]


def test_equally_good_cohorts_are_resolved_in_favour_of_the_best_ranked_members():
    # {1, 4} and {2, 3} both score 140: the cohort holding the best-ranked bid wins.
    rows = cands((80, NW), (70, NE), (70, SW), (60, LDN))
    assert selected(rows, size_min=2, max_per_region=1, pinned_out=frozenset()) == [
        "LP2-0001",
        "LP2-0002",
    ]
    rows = cands((80, NW), (70, NW), (70, SW), (60, SW))
    assert selected(rows, size_min=2, min_regions=2, max_per_region=1) == ["LP2-0001", "LP2-0003"]
    rows = cands((80, NW), (70, NW), (70, NE), (60, SW))
    assert selected(rows, size_min=2, pinned_out=frozenset({"LP2-0001"})) == [
        "LP2-0002",
        "LP2-0003",
    ]


def test_propose_from_a_ranking_flags_districts_shared_with_earlier_cohorts():
    bids = [
        make_bid("LP2-0001", NW, (5, 5, 5, 5, 5), districts=frozenset({"Wigan", "Bolton"})),
        make_bid("LP2-0002", NW, (5, 5, 5, 5, 4), districts=frozenset({"Bury"})),
        make_bid("LP2-0003", SW, (4, 4, 4, 4, 4), districts=frozenset({"Exeter"})),
    ]
    ranking = rank_bids(bids, RoundRules(DEMO))
    constraints = CohortConstraints(
        2, max_overlap=0, earlier_districts=frozenset({"Wigan", "Leeds"})
    )
    proposal = propose(ranking, constraints)
    assert proposal.selected == ("LP2-0002", "LP2-0003")
    assert proposal.total == 97 + 80


# --- Validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("constraints", "field", "message"),
    [
        (CohortConstraints(0), "size_min", "The cohort size must be at least 1"),
        (
            CohortConstraints(4, 3),
            "size_max",
            "The largest cohort size (3) cannot be smaller than the smallest (4)",
        ),
        (CohortConstraints(2, max_per_region=0), "max_per_region", None),
        (CohortConstraints(2, min_regions=0), "min_regions", None),
        (CohortConstraints(2, max_overlap=-1), "max_overlap", None),
        (
            CohortConstraints(
                2,
                pinned_in=frozenset({"LP2-0001", "LP2-0002"}),
                pinned_out=frozenset({"LP2-0002", "LP2-0001"}),
            ),
            "pinned_out",
            "LP2-0001 and LP2-0002 cannot be pinned both in and out",
        ),
        (
            CohortConstraints(2, pinned_in=frozenset({"LP2-0099"})),
            "pinned_in",
            "LP2-0099 is not a bid in this round",
        ),
        (
            CohortConstraints(2, pinned_out=frozenset({"LP2-0098", "LP2-0099"})),
            "pinned_out",
            "LP2-0098 and LP2-0099 are not bids in this round",
        ),
        (
            CohortConstraints(2, pinned_in=frozenset({"LP2-0009"})),
            "pinned_in",
            "LP2-0009 cannot be pinned in: 54.0% is below the quality threshold of 60.0%",
        ),
    ],
)
def test_invalid_constraints_raise_an_error_naming_the_field(constraints, field, message):
    ineligible = {"LP2-0009": "54.0% is below the quality threshold of 60.0%"}
    with pytest.raises(ConstraintError) as raised:
        solve(FIVE, constraints, ineligible)
    assert raised.value.field == field
    if message is not None:
        assert raised.value.message == message


def test_an_ineligible_bid_may_be_pinned_out():
    ineligible = {"LP2-0009": "2 of 3 assessments submitted"}
    constraints = CohortConstraints(1, pinned_out=frozenset({"LP2-0009"}))
    assert solve(FIVE, constraints, ineligible).selected == ("LP2-0001",)


def test_candidates_must_be_in_ranking_order():
    with pytest.raises(ValueError, match="ranking order"):
        solve(cands((70, NW), (80, NW)), CohortConstraints(1))


# --- When no cohort is possible ---------------------------------------------------------------


SIX_REGIONS = cands(
    (90, NW), (89, NW), (88, NW), (87, NE), (86, LDN), (85, SW), (84, YH), (83, "East Midlands")
)


def test_too_few_regions_for_the_limit_of_one_per_region():
    assert reason(SIX_REGIONS, size_min=8, max_per_region=1) == (
        "max_per_region",
        "No cohort of 8 is possible with at most 1 bid per region: "
        "only 6 regions have eligible bids. Any one of these changes makes a cohort possible: "
        "allowing 3 bids per region; a cohort size of 6.",
    )


def test_too_few_bids_under_a_limit_of_two_per_region():
    rows = cands((90, NW), (89, NW), (88, NW), (87, NE), (86, NE), (85, NE), (84, SW))
    assert reason(rows, size_min=6, max_per_region=2) == (
        "max_per_region",
        "No cohort of 6 is possible with at most 2 bids per region: "
        "the eligible bids allow at most 5. Any one of these changes makes a cohort possible: "
        "allowing 3 bids per region; a cohort size of 5.",
    )


def test_pinned_bids_break_the_limit_per_region():
    pins = frozenset({"LP2-0001", "LP2-0002", "LP2-0003"})
    rows = cands((90, NW), (89, NW), (88, NW), (87, NE))
    assert reason(rows, size_min=3, max_per_region=2, pinned_in=pins) == (
        "pinned_in",
        "Pinned bids break the limit of 2 per region in the North West. Any one of these "
        "changes makes a cohort possible: unpinning LP2-0001 (pinned in); allowing 3 bids per "
        "region.",
    )


@pytest.mark.parametrize(
    ("constraints", "expected"),
    [
        (
            {"size_min": 9},
            (
                "size_min",
                "No cohort of 9 is possible: only 8 bids are eligible. This change makes a "
                "cohort possible: a cohort size of 8.",
            ),
        ),
        (
            {"size_min": 8, "pinned_out": frozenset({"LP2-0003"})},
            (
                "pinned_out",
                "No cohort of 8 is possible: only 7 eligible bids are not pinned out. Any one of "
                "these changes makes a cohort possible: unpinning LP2-0003 (pinned out); a "
                "cohort size of 7.",
            ),
        ),
        (
            {"size_min": 2, "pinned_in": frozenset({"LP2-0001", "LP2-0003", "LP2-0004"})},
            (
                "pinned_in",
                "The 3 pinned bids are more than the cohort size of 2. Any one of these changes "
                "makes a cohort possible: unpinning LP2-0001 (pinned in); a cohort size of 3.",
            ),
        ),
        (
            {"size_min": 2, "size_max": 3, "min_regions": 4},
            (
                "min_regions",
                "A cohort of 2 to 3 cannot cover at least 4 regions. Any one of these changes "
                "makes a cohort possible: covering at least 3 regions; a cohort size of 4.",
            ),
        ),
        (
            {"size_min": 3, "min_regions": 3, "pinned_in": frozenset({"LP2-0001", "LP2-0002"})},
            (
                "pinned_in",
                "The pinned bids cover 1 region and leave 1 place, so the cohort cannot cover "
                "at least 3 regions. Any one of these changes makes a cohort possible: "
                "unpinning LP2-0001 (pinned in); covering at least 2 regions.",
            ),
        ),
        (
            {"size_min": 7, "min_regions": 7},
            (
                "min_regions",
                "No cohort can cover at least 7 regions: only 6 regions have eligible bids. "
                "This change makes a cohort possible: covering at least 6 regions.",
            ),
        ),
    ],
)
def test_counting_reasons(constraints, expected):
    assert reason(SIX_REGIONS, **constraints) == expected


def test_too_few_bids_clear_of_earlier_cohorts():
    rows = cands((90, NW, True), (89, NE, False), (88, SW, True))
    assert reason(rows, size_min=3, max_overlap=1) == (
        "max_overlap",
        "No cohort of 3 is possible with at most 1 bid overlapping an earlier cohort: "
        "only 1 eligible bid does not overlap. Any one of these changes makes a cohort "
        "possible: allowing 2 bids overlapping an earlier cohort; a cohort size of 2.",
    )
    # Issue 11: unpinning the overlapping bid does not help (the other bid overlaps too);
    # allowing one overlapping bid does, so that is the setting named.
    assert reason(rows, size_min=2, max_overlap=0, pinned_in=frozenset({"LP2-0001"})) == (
        "max_overlap",
        "Pinned bids break the limit of 0 bids overlapping an earlier cohort: "
        "1 pinned bid overlaps. This change makes a cohort possible: allowing 1 bid "
        "overlapping an earlier cohort.",
    )


def test_constraints_that_only_clash_together_name_each_single_change_that_works():
    # One per region forces the overlapping bid from the South West in.
    rows = cands((90, NW, False), (89, NW, False), (88, SW, True), (87, NE, False))
    assert reason(rows, size_min=3, max_per_region=1, max_overlap=0) == (
        "max_per_region",
        "No cohort of 3 meets all the constraints together. Any one of these changes makes a "
        "cohort possible: allowing 2 bids per region; allowing 1 bid overlapping an earlier "
        "cohort; a cohort size of 2.",
    )
    assert reason(rows, size_min=3, min_regions=3, max_overlap=0) == (
        "min_regions",
        "No cohort of 3 meets all the constraints together. Any one of these changes makes a "
        "cohort possible: covering at least 2 regions; allowing 1 bid overlapping an earlier "
        "cohort.",
    )


# --- Optimality against brute force -----------------------------------------------------------

REGIONS4 = [NW, NE, LDN, SW]


def meets(candidates, c, members):
    chosen = [candidates[i] for i in members]
    refs = {x.reference for x in chosen}
    regions = [x.region for x in chosen]
    return (
        c.size_min <= len(chosen) <= c.upper
        and (
            c.max_per_region is None
            or max(map(regions.count, regions), default=0) <= c.max_per_region
        )
        and (c.min_regions is None or len(set(regions)) >= c.min_regions)
        and (c.max_overlap is None or sum(x.overlaps_earlier for x in chosen) <= c.max_overlap)
        and c.pinned_in <= refs
        and not c.pinned_out & refs
    )


def brute_force(candidates, constraints):
    """Every subset; the largest (exact) sum, then the best-ranked members first."""
    feasible = []
    for size in range(len(candidates) + 1):
        for members in itertools.combinations(range(len(candidates)), size):
            if meets(candidates, constraints, members):
                feasible.append((sum((candidates[i].total for i in members), Decimal(0)), members))
    if not feasible:
        return None
    top = max(total for total, _ in feasible)
    near = [members for total, members in feasible if total == top]
    best = min(near, key=lambda members: members + (INF,))
    return tuple(candidates[i].reference for i in best)


def check_against_brute_force(candidates, constraints):
    expected = brute_force(candidates, constraints)
    proposal = solve(candidates, constraints)
    if expected is None:
        assert not proposal.feasible
        check_infeasibility_message(candidates, constraints, proposal.infeasible)
        return
    assert proposal.selected == expected
    assert proposal.total == sum(c.total for c in candidates if c.reference in expected)


def check_infeasibility_message(candidates, constraints, infeasible):
    """Every change the message names makes a cohort possible (by brute force), the field is
    one of them; where none is named, no single change works and the named group does."""
    changes = single_changes(candidates, constraints)
    for change in changes:
        assert change.text in infeasible.message
        assert brute_force(candidates, change.constraints) is not None
    if changes:
        assert infeasible.field in {change.field for change in changes}
        return
    assert "No single change is enough" in infeasible.message or not candidates
    group = blocking_settings(candidates, constraints)
    if group is not None:
        relaxed = constraints
        for name in group:
            relaxed = _without(relaxed, name)
        assert brute_force(candidates, relaxed) is not None
        assert infeasible.field == group[0]


@st.composite
def small_rounds(draw):
    n = draw(st.integers(0, 10))
    totals = sorted((draw(st.integers(60, 72)) for _ in range(n)), reverse=True)
    candidates = [
        Candidate(f"LP2-{i:04d}", float(t), draw(st.sampled_from(REGIONS4)), draw(st.booleans()))
        for i, t in enumerate(totals, 1)
    ]
    refs = [c.reference for c in candidates]
    size_min = draw(st.integers(1, 6))
    pinned_in = draw(st.sets(st.sampled_from(refs), max_size=3)) if refs else set()
    rest = [r for r in refs if r not in pinned_in]
    pinned_out = draw(st.sets(st.sampled_from(rest), max_size=3)) if rest else set()
    constraints = CohortConstraints(
        size_min=size_min,
        size_max=draw(st.one_of(st.none(), st.integers(size_min, size_min + 3))),
        max_per_region=draw(st.one_of(st.none(), st.integers(1, 3))),
        min_regions=draw(st.one_of(st.none(), st.integers(1, 4))),
        max_overlap=draw(st.one_of(st.none(), st.integers(0, 3))),
        pinned_in=frozenset(pinned_in),
        pinned_out=frozenset(pinned_out),
    )
    return candidates, constraints


@settings(max_examples=400, deadline=None, derandomize=True)
@given(small_rounds())
def test_proposal_matches_brute_force(case):
    check_against_brute_force(*case)


def test_every_combination_of_constraints_matches_brute_force():
    rng = random.Random(20250303)
    names = ["size_max", "max_per_region", "min_regions", "max_overlap", "pinned_in", "pinned_out"]
    for switched_on in itertools.product([False, True], repeat=len(names)):
        on = dict(zip(names, switched_on, strict=True))
        for _ in range(6):
            n = rng.randint(4, 10)
            totals = sorted((float(rng.randint(60, 70)) for _ in range(n)), reverse=True)
            candidates = [
                Candidate(f"LP2-{i:04d}", t, rng.choice(REGIONS4), rng.random() < 0.4)
                for i, t in enumerate(totals, 1)
            ]
            refs = [c.reference for c in candidates]
            pins = rng.sample(refs, 3)
            size_min = rng.randint(1, 5)
            constraints = CohortConstraints(
                size_min=size_min,
                size_max=size_min + rng.randint(0, 3) if on["size_max"] else None,
                max_per_region=rng.randint(1, 3) if on["max_per_region"] else None,
                min_regions=rng.randint(1, 4) if on["min_regions"] else None,
                max_overlap=rng.randint(0, 2) if on["max_overlap"] else None,
                pinned_in=frozenset(pins[:1]) if on["pinned_in"] else frozenset(),
                pinned_out=frozenset(pins[1:]) if on["pinned_out"] else frozenset(),
            )
            check_against_brute_force(candidates, constraints)


# --- Optimality at a larger size, against an integer programme (PuLP and CBC) ----------------


@pytest.mark.filterwarnings("ignore:PULP_CBC_CMD is deprecated:DeprecationWarning")
def test_larger_rounds_match_an_integer_programme():
    rng = random.Random(7)
    regions = [NW, NE, LDN, SW, YH, "East Midlands", "West Midlands", "South East", "London 2"]
    for _ in range(12):
        totals = sorted((round(rng.uniform(60, 95), 1) for _ in range(80)), reverse=True)
        candidates = [
            Candidate(f"LP2-{i:04d}", t, rng.choice(regions), rng.random() < 0.3)
            for i, t in enumerate(totals, 1)
        ]
        refs = [c.reference for c in candidates]
        pins = rng.sample(refs, 4)
        constraints = CohortConstraints(
            size_min=rng.randint(6, 10),
            size_max=12,
            max_per_region=rng.choice([None, 1, 2]),
            min_regions=rng.choice([None, 7, 9]),
            max_overlap=rng.choice([None, 0, 2]),
            pinned_in=frozenset(pins[:2]),
            pinned_out=frozenset(pins[2:]),
        )
        proposal = solve(candidates, constraints)
        optimum = ilp_optimum(candidates, constraints)
        if optimum is None:
            assert not proposal.feasible
        else:
            assert float(proposal.total) == pytest.approx(optimum, abs=1e-6)


# --- Which bids count, and why the others do not (issue 15) -----------------------------------

NINE = cands(*[(90 - i, region) for i, region in enumerate([NW, NE, LDN, SW, YH] * 2)][:9])
NOT_PROPOSED = {
    "LP2-0010": "2 of 3 assessments submitted",
    "LP2-0011": "52.0% is below the quality threshold of 60.0%",
    "LP2-0012": "below the minimum for Strength of partnership (2.0 of 3)",
    "LP2-0013": "no score for Outcomes and public value",
}


def test_too_few_bids_names_the_bids_screened_eligible_that_cannot_be_proposed():
    # 13 bids screened eligible, 9 can be proposed, a cohort of 10 is wanted.
    assert reason(NINE, NOT_PROPOSED, size_min=10) == (
        "size_min",
        "No cohort of 10 is possible: only 9 of the 13 bids screened eligible can be proposed; "
        "the other 4 cannot: LP2-0010 (2 of 3 assessments submitted), LP2-0011 (52.0% is "
        "below the quality threshold of 60.0%), LP2-0012 (below the minimum for Strength of "
        "partnership (2.0 of 3)) and LP2-0013 (no score for Outcomes and public value). This "
        "change makes a cohort possible: a cohort size of 9.",
    )


def test_pinned_out_bids_are_named_with_the_others_that_do_not_count():
    assert reason(
        NINE,
        {"LP2-0010": "2 of 3 assessments submitted"},
        size_min=9,
        pinned_out=frozenset({"LP2-0002"}),
    ) == (
        "pinned_out",
        "No cohort of 9 is possible: only 8 of the 10 bids screened eligible can be proposed; "
        "the other 2 cannot: LP2-0002 (pinned out) and LP2-0010 (2 of 3 assessments "
        "submitted). Any one of these changes makes a cohort possible: unpinning LP2-0002 "
        "(pinned out); a cohort size of 8.",
    )


def test_no_bid_can_be_proposed_names_each_with_its_reason():
    assert reason([], {"LP2-0001": "1 of 3 assessments submitted"}, size_min=2) == (
        NON_FIELD,
        "No cohort is possible: the one bid screened eligible cannot be proposed: LP2-0001 "
        "(1 of 3 assessments submitted). No change of the constraints makes a cohort possible.",
    )
    two = {"LP2-0001": "1 of 3 assessments submitted", "LP2-0002": "pinned out"}
    assert reason([], two, size_min=2)[1].startswith(
        "No cohort is possible: none of the 2 bids screened eligible can be proposed: LP2-0001 "
        "(1 of 3 assessments submitted) and LP2-0002 (pinned out)."
    )


# --- Issue 14: the wide shapes the form accepts, against CBC ---------------------------------

WIDE_SHAPES = [
    {"size_min": 20, "size_max": 60, "min_regions": 9, "max_overlap": 20},
    {"size_min": 10, "size_max": 40, "max_per_region": 8},
    {"size_min": 1, "size_max": 999},
    {"size_min": 1, "size_max": 999, "max_per_region": 30, "min_regions": 9, "max_overlap": 40},
    {"size_min": 1, "size_max": 999, "max_per_region": 1, "min_regions": 9, "max_overlap": 0},
    {"size_min": 250, "min_regions": 9, "max_overlap": 60},
    {"size_min": 200, "size_max": 999, "max_per_region": 20},  # no cohort of 200: 9 x 20
]


@pytest.mark.filterwarnings("ignore:PULP_CBC_CMD is deprecated:DeprecationWarning")
@pytest.mark.parametrize("shape", WIDE_SHAPES, ids=lambda s: "-".join(map(str, s.values())))
def test_wide_constraint_sets_match_an_integer_programme(shape):
    rng = random.Random(14)
    regions = [NW, NE, LDN, SW, YH, "East Midlands", "West Midlands", "South East", "East"]
    totals = sorted((round(rng.uniform(55, 95), 1) for _ in range(400)), reverse=True)
    candidates = [
        Candidate(f"LP2-{i:04d}", t, rng.choice(regions), rng.random() < 0.3)
        for i, t in enumerate(totals, 1)
    ]
    constraints = CohortConstraints(**shape)
    proposal = solve(candidates, constraints)
    optimum = ilp_optimum(candidates, constraints)
    if optimum is None:
        assert not proposal.feasible
        assert proposal.infeasible.field == "max_per_region"
        assert "allowing 23 bids per region" in proposal.infeasible.message
    else:
        assert proposal.feasible
        assert float(proposal.total) == pytest.approx(optimum, abs=1e-6)


def test_explanations_past_the_time_allowed_name_the_setting_to_narrow():
    from scoring.rules.proposal_explanations import explain

    bids = [
        make_bid("LP2-0001", NW, (5, 5, 5, 5, 5)),
        make_bid("LP2-0002", NW, (4, 4, 4, 4, 4)),
        make_bid("LP2-0003", LDN, (3, 3, 3, 3, 3)),
    ]
    ranking = rank_bids(bids, RoundRules(DEMO))
    proposal = propose(ranking, CohortConstraints(1, 2, max_per_region=1))
    assert proposal.selected == ("LP2-0001", "LP2-0003")
    lines = explain(ranking, proposal, seconds=-1)
    assert lines["LP2-0002"] == (
        "Not proposed: the proposed cohort is the best that meets the constraints; the reason "
        "for this bid was not worked out in time with a cohort size of 1 to 2. Narrow the "
        "cohort size (or a limit) to see it"
    )
    assert explain(ranking, proposal)["LP2-0002"] == (
        "Not proposed: the North West already has 1 proposed bid with a higher score (100.0%); "
        "this bid scores 80.0%"
    )
