"""The order of scored bids: by total as shown, highest first, ties broken by the round's rules.

Bids whose totals are shown the same (one decimal, half up: ``ScoredBid.figure``) are ties;
:func:`deciding_rule` names the first tie-break rule that separates two tied bids, and
:func:`order_bids` sorts by it. Criterion scores and spreads are compared as shown too, so a
rule never separates two bids whose figures read the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from scoring.rules.inputs import (
    CRITERION_DESC,
    FIRST_SUBMITTED_ASC,
    REFERENCE_ASC,
    SPREAD_ASC,
    RoundRules,
    TieBreak,
)
from scoring.rules.scores import ScoredBid


def _compare_numbers(a: Decimal | None, b: Decimal | None, higher_first: bool) -> int:
    """-1 if a is placed first, 1 if b is, 0 if equal; None is last."""
    if a is None or b is None:
        return 0 if a is b else (1 if a is None else -1)
    if a == b:
        return 0
    return -1 if (a > b) == higher_first else 1


def compare_on_rule(rule: TieBreak, a: ScoredBid, b: ScoredBid) -> int:
    """-1 if rule places a above b, 1 if below, 0 if the rule does not separate them."""
    kind = rule[0]
    if kind == CRITERION_DESC:
        return _compare_numbers(a.shown_score(rule[1]), b.shown_score(rule[1]), True)
    if kind == SPREAD_ASC:
        return _compare_numbers(a.shown_spread, b.shown_spread, False)
    if kind == FIRST_SUBMITTED_ASC:
        x, y = a.first_submitted, b.first_submitted
        if x is None or y is None:
            return 0 if x is y else (1 if x is None else -1)
        return 0 if x == y else (-1 if x < y else 1)
    return 0 if a.reference == b.reference else (-1 if a.reference < b.reference else 1)


def deciding_rule(rules: Sequence[TieBreak], a: ScoredBid, b: ScoredBid) -> tuple[TieBreak, int]:
    """The first rule separating two tied bids, and its verdict (-1: a above b)."""
    for rule in rules:
        verdict = compare_on_rule(rule, a, b)
        if verdict:
            return rule, verdict
    return (REFERENCE_ASC,), 0


def order_bids(
    bids: Sequence[ScoredBid], rules: RoundRules, key: str = "figure"
) -> list[list[ScoredBid]]:
    """Bids in ranking order, as groups of ties (the same total as shown)."""
    tie_breaks = rules.effective_tie_breaks()
    by_total = sorted(bids, key=lambda b: (-getattr(b, key), b.reference))
    groups: list[list[ScoredBid]] = []
    for bid in by_total:
        if groups and getattr(groups[-1][0], key) == getattr(bid, key):
            groups[-1].append(bid)
        else:
            groups.append([bid])

    keys = [_sort_key(rule) for rule in tie_breaks]

    def key(bid: ScoredBid) -> tuple:
        return tuple(k(bid) for k in keys)

    return [sorted(g, key=key) if len(g) > 1 else g for g in groups]


def _sort_key(rule: TieBreak):
    """A sort key placing bids as `compare_on_rule(rule, ...)` does (None last): sorting by
    the keys of the rules in turn is the same order as applying `deciding_rule`, without
    comparing pairs one by one."""
    kind = rule[0]
    if kind == CRITERION_DESC:
        criterion_id = rule[1]

        def by_criterion(bid):
            value = bid.shown_score(criterion_id)
            return (True, 0) if value is None else (False, -value)

        return by_criterion
    if kind == SPREAD_ASC:

        def by_spread(bid):
            value = bid.shown_spread
            return (True, 0) if value is None else (False, value)

        return by_spread
    if kind == FIRST_SUBMITTED_ASC:

        def by_submission(bid):
            value = bid.first_submitted
            return (True, 0) if value is None else (False, value)

        return by_submission
    return lambda bid: bid.reference
