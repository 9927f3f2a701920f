"""The pure automatic assignment algorithm (scoring.rules.assignment_plan), on random instances."""

import itertools
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.rules.assignment_plan import Shortfall, plan

SETTINGS = settings(derandomize=True, deadline=None, max_examples=150)


@st.composite
def instances(draw, max_bids=8, max_assessors=7, max_existing=6, density=None):
    bids = list(range(draw(st.integers(0, max_bids))))
    assessors = [f"a{i}" for i in range(draw(st.integers(0, max_assessors)))]
    quota = draw(st.integers(1, 4))
    pairs = [(b, a) for b in bids for a in assessors]
    if density is None:
        conflicts = {p for p in pairs if draw(st.integers(0, 4)) == 0}
    else:
        conflicts = {p for p in pairs if draw(st.floats(0, 1)) < density}
    free = [p for p in pairs if p not in conflicts]
    existing = []
    if free and max_existing:
        chosen = draw(st.lists(st.sampled_from(free), max_size=max_existing, unique=True))
        existing = [(b, a, draw(st.booleans())) for b, a in chosen]
    return bids, assessors, conflicts, existing, quota


def final_pairs(existing, result):
    return {(b, a) for b, a, *_ in existing} | set(result.new)


def loads_of(assessors, pairs):
    counts = Counter(a for _, a in pairs)
    return {a: counts[a] for a in assessors}


def best_possible(bids, assessors, conflicts, existing, quota):
    """Brute force: (lowest sum of squares, whether a balanced plan exists) over every plan
    that gives each bid as many assessors as it can have."""
    have = {b: {a for (x, a, *_) in existing if x == b} for b in bids}
    options = []
    for b in bids:
        allowed = [a for a in assessors if a not in have[b] and (b, a) not in conflicts]
        k = min(max(0, quota - len(have[b])), len(allowed))
        options.append([[(b, a) for a in combo] for combo in itertools.combinations(allowed, k)])
    base = Counter(a for (_, a, *_) in existing)
    best, balanced = None, False
    for choice in itertools.product(*options):
        counts = Counter(base)
        for group in choice:
            for _, a in group:
                counts[a] += 1
        loads = [counts[a] for a in assessors]
        cost = sum(x * x for x in loads)
        best = cost if best is None else min(best, cost)
        if not loads or max(loads) - min(loads) <= 1:
            balanced = True
    return best, balanced


@SETTINGS
@given(instances())
def test_no_conflicts_and_existing_assignments_kept(instance):
    bids, assessors, conflicts, existing, quota = instance
    result = plan(bids, assessors, conflicts, existing, quota)
    assert not set(result.new) & conflicts
    assert len(result.new) == len(set(result.new))
    assert not set(result.new) & {(b, a) for b, a, _ in existing}
    assert {a for _, a in result.new} <= set(assessors)
    assert {b for b, _ in result.new} <= set(bids)


@SETTINGS
@given(instances())
def test_every_bid_gets_its_quota_where_enough_assessors_have_no_conflict(instance):
    bids, assessors, conflicts, existing, quota = instance
    result = plan(bids, assessors, conflicts, existing, quota)
    pairs = final_pairs(existing, result)
    short = {s.bid: s for s in result.shortfalls}
    for b in bids:
        have = len({a for (x, a, _) in existing if x == b})
        without_conflict = [a for a in assessors if (b, a) not in conflicts]
        possible = len({a for (x, a, _) in existing if x == b} | set(without_conflict))
        count = len({a for (x, a) in pairs if x == b})
        assert count == max(have, min(quota, possible))
        if count < quota:
            assert short[b] == Shortfall(b, count, quota, len(without_conflict))
        else:
            assert b not in short


@SETTINGS
@given(instances(max_bids=4, max_assessors=5, max_existing=4))
def test_loads_are_as_even_as_possible(instance):
    bids, assessors, conflicts, existing, quota = instance
    result = plan(bids, assessors, conflicts, existing, quota)
    loads = loads_of(assessors, final_pairs(existing, result))
    assert result.loads == loads
    best, balanced = best_possible(bids, assessors, conflicts, existing, quota)
    assert sum(x * x for x in loads.values()) == best
    if balanced:
        assert result.spread <= 1


def exact_sum_of_squares(bids, assessors, conflicts, existing, quota):
    """The least sum of squared loads over every plan that gives each bid as many new
    assessors as it can have: an integer programme solved exactly by CBC. Loads are built
    from unit steps whose costs 1, 3, 5, ... grow, so a load of L costs L squared."""
    import pulp

    have = {b: {a for b2, a, *_ in existing if b2 == b} for b in bids}
    base = Counter(a for _, a, *_ in existing)
    problem = pulp.LpProblem("assignment", pulp.LpMinimize)
    x = {
        (b, a): pulp.LpVariable(f"x_{b}_{a}", cat="Binary")
        for b in bids
        for a in assessors
        if (b, a) not in conflicts and a not in have[b]
    }
    steps = {
        (a, j): pulp.LpVariable(f"s_{a}_{j}", 0, 1) for a in assessors for j in range(len(bids))
    }
    problem += pulp.lpSum((2 * (base[a] + j) + 1) * v for (a, j), v in steps.items())
    for b in bids:
        options = [v for (b2, _), v in x.items() if b2 == b]
        problem += pulp.lpSum(options) == min(max(0, quota - len(have[b])), len(options))
    for a in assessors:
        problem += pulp.lpSum(v for (_, a2), v in x.items() if a2 == a) == pulp.lpSum(
            steps[a, j] for j in range(len(bids))
        )
    problem.solve(pulp.PULP_CBC_CMD(msg=False))
    assert pulp.LpStatus[problem.status] == "Optimal"
    return round(pulp.value(problem.objective) or 0) + sum(v * v for v in base.values())


@pytest.mark.filterwarnings("ignore::DeprecationWarning:pulp.*")
@pytest.mark.filterwarnings("ignore:PULP_CBC_CMD is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:Constructing LpVariable:DeprecationWarning")
@settings(derandomize=True, deadline=None, max_examples=40)
@given(instances(max_bids=30, max_assessors=10, max_existing=8, density=0.15))
def test_loads_are_optimal_on_larger_instances(instance):
    """Against an exact solver: the plan's loads have the least possible sum of squares, so
    the spread is at most one whenever any plan could achieve that."""
    bids, assessors, conflicts, existing, quota = instance
    result = plan(bids, assessors, conflicts, existing, quota)
    loads = loads_of(assessors, final_pairs(existing, result))
    assert sum(v * v for v in loads.values()) == exact_sum_of_squares(
        bids, assessors, conflicts, existing, quota
    )


@SETTINGS
@given(instances(max_bids=40, max_assessors=12, max_existing=10))
def test_running_twice_adds_nothing(instance):
    bids, assessors, conflicts, existing, quota = instance
    first = plan(bids, assessors, conflicts, existing, quota)
    again = plan(bids, assessors, conflicts, [*existing, *first.new], quota)
    assert again.new == []
    assert again.shortfalls == first.shortfalls
    assert again.loads == first.loads


def test_no_conflicts_means_a_perfectly_even_spread():
    result = plan(range(10), ["a", "b", "c", "d"], set(), [], 3)
    assert len(result.new) == 30
    assert sorted(result.loads.values()) == [7, 7, 8, 8]


def test_manual_assignments_are_kept_and_counted_in_the_load():
    existing = [(1, "a", True), (2, "a", True), (3, "a", True)]
    result = plan([1, 2, 3, 4], ["a", "b", "c"], set(), existing, 2)
    # a already has 3 bids, so the 5 new assignments go to b and c.
    assert result.loads == {"a": 3, "b": 3, "c": 2}
    assert result.new == [(1, "b"), (2, "c"), (3, "b"), (4, "b"), (4, "c")]


def test_a_chain_of_moves_evens_the_load():
    # Greedy gives bids 0 and 2 to a0 and bid 1 to a1. Evening the load needs a chain:
    # a0 passes bid 2 to a1, which passes bid 1 to a2.
    conflicts = {(0, "a1"), (0, "a2"), (1, "a0"), (2, "a2")}
    result = plan([0, 1, 2], ["a0", "a1", "a2"], conflicts, [], 1)
    assert result.new == [(0, "a0"), (1, "a2"), (2, "a1")]
    assert result.loads == {"a0": 1, "a1": 1, "a2": 1}


def test_a_direct_move_evens_the_load():
    conflicts = {(0, "a0"), (0, "a1"), (0, "a2"), (1, "a1"), (2, "a0"), (2, "a2"), (3, "a2")}
    result = plan([0, 1, 2, 3], ["a0", "a1", "a2"], conflicts, [], 1)
    assert result.new == [(1, "a2"), (2, "a1"), (3, "a0")]
    assert result.loads == {"a0": 1, "a1": 1, "a2": 1}
    assert [s.reason for s in result.shortfalls] == ["no assessors without a conflict"]


def test_shortfall_reasons():
    conflicts = {(7, "a"), (8, "a"), (8, "b"), (8, "c")}
    result = plan([7, 8], ["a", "b", "c"], conflicts, [], 3)
    assert [(s.bid, s.reason) for s in result.shortfalls] == [
        (7, "only 2 assessors without a conflict"),
        (8, "no assessors without a conflict"),
    ]
    assert plan([1], ["a"], set(), [], 3).shortfalls[0].reason == (
        "only 1 assessor without a conflict"
    )
