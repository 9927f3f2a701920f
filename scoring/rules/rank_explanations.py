"""The plain-English rule behind each ranked bid's place, and who moved with calibration.

For example "Rank 4: 72.5%, tied with LP2-0012 on total; placed higher on Strength of
partnership (4.0 against 3.7)", or "Rank 3: 70.0%; ahead of LP2-0007 on the unrounded total
(70.04% against 69.96%)".
"""

from __future__ import annotations

from scoring.rules.calibration import Calibration
from scoring.rules.inputs import (
    CRITERION_DESC,
    FIRST_SUBMITTED_ASC,
    SPREAD_ASC,
    RoundRules,
    TieBreak,
)
from scoring.rules.ordering import compare_on_rule, deciding_rule
from scoring.rules.scores import ScoredBid
from scoring.rules.wording import (
    format_datetime,
    format_percent,
    format_score,
    join_and,
    plural,
)


def _rule_clause(rule: TieBreak, bid: ScoredBid, other: ScoredBid, rules: RoundRules) -> str:
    """ "Strength of partnership (4.0 against 3.7)" and the like, from bid's point of view."""
    won = compare_on_rule(rule, bid, other) < 0
    kind = rule[0]
    if kind == CRITERION_DESC:
        name = rules.criterion(rule[1]).name
        mine, theirs = bid.criterion_scores.get(rule[1]), other.criterion_scores.get(rule[1])
        return f"{name} ({format_score(mine)} against {format_score(theirs)})"
    if kind == SPREAD_ASC:
        label = "a smaller" if won else "a larger"
        return (
            f"{label} spread between assessors ({format_score(bid.spread)} against "
            f"{format_score(other.spread)} points)"
        )
    if kind == FIRST_SUBMITTED_ASC:
        label = "an earlier" if won else "a later"
        x, y = bid.first_submitted, other.first_submitted
        same_day = x is not None and y is not None and x.date() == y.date()
        texts = [
            "no submission date" if v is None else format_datetime(v, with_time=same_day)
            for v in (x, y)
        ]
        return f"{label} first submission ({texts[0]} against {texts[1]})"
    return f"reference ({bid.reference} against {other.reference})"


def _unrounded(a: float, b: float) -> tuple[str, str]:
    """The two totals with enough decimals to tell them apart."""
    for places in range(2, 10):
        x, y = f"{a:.{places}f}", f"{b:.{places}f}"
        if x != y:
            return f"{x}%", f"{y}%"
    return f"{a!r}%", f"{b!r}%"


def place_rule(
    rank: int, group: list[ScoredBid], index: int, rules: RoundRules, neighbours: tuple
) -> str:
    """The plain-English rule behind a bid's place in the ranking."""
    bid = group[index]
    head = f"Rank {rank}: {format_percent(bid.total)}"
    tie_breaks = rules.effective_tie_breaks()
    if len(group) == 1:
        clauses = []
        above, below = neighbours
        if above is not None and format_percent(above.total) == format_percent(bid.total):
            mine, theirs = _unrounded(bid.total, above.total)
            clauses.append(
                f"behind {above.reference} on the unrounded total ({mine} against {theirs})"
            )
        if below is not None and format_percent(below.total) == format_percent(bid.total):
            mine, theirs = _unrounded(bid.total, below.total)
            clauses.append(
                f"ahead of {below.reference} on the unrounded total ({mine} against {theirs})"
            )
        return f"{head}; {' and '.join(clauses) or 'no other bid has the same total'}"
    others = [b.reference for b in group if b is not bid]
    parts = []
    for other, word in ((index - 1, "lower"), (index + 1, "higher")):
        if not 0 <= other < len(group):
            continue
        neighbour = group[other]
        first, second = (neighbour, bid) if word == "lower" else (bid, neighbour)
        rule, _ = deciding_rule(tie_breaks, first, second)
        named = "" if len(group) == 2 else f" than {neighbour.reference}"
        parts.append(f"placed {word}{named} on {_rule_clause(rule, bid, neighbour, rules)}")
    return f"{head}, tied with {join_and(others)} on total; {' and '.join(parts)}"


def calibration_movement(rank: int, raw_rank: int, bid: ScoredBid, calibration: Calibration) -> str:
    """Who moved with calibration, and why: each assessor's adjustment to this bid."""
    if raw_rank == rank:
        moved = f"Rank {rank} both raw and calibrated"
    else:
        places = plural(abs(raw_rank - rank), "place")
        direction = "up" if rank < raw_rank else "down"
        moved = f"Rank {rank} calibrated, {raw_rank} raw ({direction} {places})"
    parts = []
    for a in sorted(calibration.by_bid.get(bid.reference, ()), key=lambda a: a.assessor):
        if not a.applied:
            parts.append(
                f"{a.assessor} unchanged (fewer than {calibration.min_bids} bids assessed)"
            )
        else:
            parts.append(f"{a.assessor} {a.change:+.1f} points")
    return (
        f"{moved}: {format_percent(bid.total)} calibrated against "
        f"{format_percent(bid.raw_total)} raw; {', '.join(parts)}"
    )
