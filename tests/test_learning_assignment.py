"""Reviewer assignment between partnerships (learning.assignment, through the assessors'
plan): never a partnership reviewing itself, every partnership gets its quota where
enough others take part, and the reviews each writes are as even as possible — checked
on random instances and against brute force on small ones."""

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from learning.assignment import reviewers_for

SETTINGS = settings(derandomize=True, deadline=None, max_examples=200)


def brute_force(partnerships, peers):
    """Lowest sum of squares of the reviewers' loads over every assignment that gives each
    partnership min(peers, others) reviewers, none itself."""
    options = []
    for p in partnerships:
        others = [q for q in partnerships if q != p]
        k = min(peers, len(others))
        options.append([[(r, p) for r in combo] for combo in itertools.combinations(others, k)])
    best = None
    for choice in itertools.product(*options):
        loads = Counter(r for group in choice for r, _ in group)
        cost = sum(loads[p] ** 2 for p in partnerships)
        best = cost if best is None else min(best, cost)
    return best


@SETTINGS
@given(st.integers(0, 12), st.integers(1, 5))
def test_no_self_review_quota_met_and_even(n, peers):
    partnerships = [f"p{i}" for i in range(n)]
    result = reviewers_for(partnerships, peers)
    assert all(reviewer != reviewed for reviewer, reviewed in result.pairs)
    assert len(set(result.pairs)) == len(result.pairs)
    received = Counter(reviewed for _, reviewed in result.pairs)
    for p in partnerships:
        assert received[p] == min(peers, n - 1)
    written = Counter(reviewer for reviewer, _ in result.pairs)
    loads = [written[p] for p in partnerships]
    # Every partnership takes part on both sides, so a perfectly even plan exists.
    assert not loads or max(loads) - min(loads) == 0
    assert result.loads == {p: written[p] for p in partnerships}
    assert result.short == (dict.fromkeys(partnerships, n - 1) if peers > n - 1 else {})


@settings(derandomize=True, deadline=None, max_examples=60)
@given(st.integers(2, 5), st.integers(1, 3))
def test_matches_brute_force_on_small_cases(n, peers):
    partnerships = list(range(n))
    result = reviewers_for(partnerships, peers)
    written = Counter(reviewer for reviewer, _ in result.pairs)
    assert sum(written[p] ** 2 for p in partnerships) == brute_force(partnerships, peers)


def test_two_partnerships_review_each_other():
    result = reviewers_for(["Sheffield", "Leeds"], 2)
    assert sorted(result.pairs) == [("Leeds", "Sheffield"), ("Sheffield", "Leeds")]
    assert result.short == {"Sheffield": 1, "Leeds": 1}


def test_six_pilots_two_peers_each_write_two():
    names = ["Newcastle", "Manchester", "Coventry", "Gloucestershire", "Bristol", "Brighton"]
    result = reviewers_for(names, 2)
    assert len(result.pairs) == 12
    assert set(result.loads.values()) == {2}
    assert result.short == {}
