"""The plain-English rule behind each ranked bid's place, and who moved with calibration.

For example "Rank 4: 72.5%, tied with LP2-0012 on 72.5%; placed higher on Strength of
partnership (4.0 against 3.7)", or "Rank 3: 70.0%; no other bid has the same total". Every number
is the figure as shown (``scoring.rules.figures``); times are in Europe/London time.
"""

from __future__ import annotations

from datetime import datetime

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
        mine, theirs = bid.shown_score(rule[1]), other.shown_score(rule[1])
        return f"{name} ({format_score(mine)} against {format_score(theirs)})"
    if kind == SPREAD_ASC:
        label = "a smaller" if won else "a larger"
        return (
            f"{label} spread between assessors ({format_score(bid.spread)} against "
            f"{format_score(other.spread)} points)"
        )
    if kind == FIRST_SUBMITTED_ASC:
        label = "an earlier" if won else "a later"
        texts = submission_texts(bid.first_submitted, other.first_submitted)
        return f"{label} first submission ({texts[0]} against {texts[1]})"
    return f"reference ({bid.reference} against {other.reference})"


def submission_texts(x: datetime | None, y: datetime | None) -> tuple[str, str]:
    """Two submission times in London time, with as much detail as tells them apart."""

    def texts(**options):
        return tuple(
            "no submission date" if v is None else format_datetime(v, **options) for v in (x, y)
        )

    for options in ({}, {"with_time": True}, {"with_time": True, "seconds": True}):
        shown = texts(**options)
        if shown[0] != shown[1]:
            return shown
    return shown


def place_rule(
    rank: int, group: list[ScoredBid], index: int, rules: RoundRules, neighbours: tuple = ()
) -> str:
    """The plain-English rule behind a bid's place in the ranking."""
    bid = group[index]
    head = f"Rank {rank}: {format_percent(bid.figure)}"
    tie_breaks = rules.effective_tie_breaks()
    if len(group) == 1:
        return f"{head}; no other bid has the same total"
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
    tied = f"tied with {join_and(others)} on {format_percent(bid.figure)}"
    return f"{head}, {tied}; {' and '.join(parts)}"


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
            change = format_score(a.change)
            parts.append(f"{a.assessor} {'' if change.startswith('-') else '+'}{change} points")
    return (
        f"{moved}: {format_percent(bid.total)} calibrated against "
        f"{format_percent(bid.raw_total)} raw; {', '.join(parts)}"
    )
