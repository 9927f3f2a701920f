"""The ranking of a round's bids, on plain data (no database).

The rules, as the panel sees them:

Ranking
    Bids are listed by weighted total (see ``scoring.rules.scores``), highest first. Ties go to
    the round's tie-break rules (see ``scoring.rules.inputs`` and ``scoring.rules.ordering``).
    Bids below the quality threshold (default 60%) or below any criterion's minimum are listed
    separately with the reason, as are incomplete bids. Each ranked bid carries the rule behind
    its place (``scoring.rules.rank_explanations``), for example "Rank 4: 72.5%, tied with
    LP2-0012 on 72.5%; placed higher on Strength of partnership (4.0 against 3.7)".

All of it uses the figures as shown (``scoring.rules.figures``): a bid whose total is shown as
59.9% is below a threshold of 60.0%, one shown as 60.0% is not, whatever the next decimals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scoring.rules.calibration import Calibration
from scoring.rules.inputs import BidScores, RoundRules, describe_tie_breaks
from scoring.rules.ordering import order_bids
from scoring.rules.rank_explanations import calibration_movement, place_rule
from scoring.rules.scores import ScoredBid, score_bids
from scoring.rules.wording import format_number, format_percent, format_score, join_and


@dataclass(frozen=True)
class RankedBid:
    """An eligible bid in ranking order, with the rule behind its place."""

    rank: int
    raw_rank: int
    bid: ScoredBid
    rule: str
    movement: str | None = None

    @property
    def reference(self) -> str:
        return self.bid.reference

    @property
    def total(self):
        return self.bid.total

    @property
    def figure(self):
        return self.bid.figure


INCOMPLETE = "incomplete"
BELOW_THRESHOLD = "below_threshold"
BELOW_MINIMUM = "below_minimum"


@dataclass(frozen=True)
class ExcludedBid:
    """A bid listed separately: incomplete, below the quality threshold or below a minimum."""

    bid: ScoredBid
    kind: str
    reasons: tuple[str, ...]

    @property
    def reference(self) -> str:
        return self.bid.reference

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class Ranking:
    """The ranked list, the bids listed separately, and the rules that produced them."""

    rules: RoundRules
    ranked: tuple[RankedBid, ...]
    excluded: tuple[ExcludedBid, ...]
    calibration: Calibration | None = None

    @property
    def tie_break_rules(self) -> list[str]:
        return describe_tie_breaks(self.rules)

    def find(self, reference: str) -> RankedBid | ExcludedBid | None:
        for item in (*self.ranked, *self.excluded):
            if item.reference == reference:
                return item
        return None


def exclusion(bid: ScoredBid, threshold) -> ExcludedBid | None:
    """Why a bid cannot be ranked, or None if it can."""
    if not bid.complete:
        reason = f"{bid.submitted} of {bid.quota} assessments submitted"
        return ExcludedBid(bid, INCOMPLETE, (reason,))
    if bid.total is None:
        missing = [c.name for c in bid.criteria_without_score]
        reason = f"no score for {join_and(missing)}"
        return ExcludedBid(bid, INCOMPLETE, (reason,))
    reasons = []
    kind = None
    if bid.figure < threshold:
        kind = BELOW_THRESHOLD
        reasons.append(
            f"{format_percent(bid.total)} is below the quality threshold of "
            f"{format_percent(threshold)}"
        )
    for s in bid.shortfalls:
        kind = kind or BELOW_MINIMUM
        reasons.append(
            f"below the minimum for {s.criterion.name} "
            f"({format_score(s.score)} of {format_number(s.criterion.minimum)})"
        )
    return ExcludedBid(bid, kind, tuple(reasons)) if kind else None


def rank_scored(
    scored: Sequence[ScoredBid],
    rules: RoundRules,
    calibration: Calibration | None = None,
    explain: bool = True,
) -> Ranking:
    """Rank already scored bids (see :func:`rank_bids`); without ``explain`` the ranked bids
    carry no rule deciding their place (the stability check needs only the order)."""
    eligible, excluded = [], []
    for bid in scored:
        reason = exclusion(bid, rules.quality_threshold)
        if reason is None:
            eligible.append(bid)
        else:
            excluded.append(reason)
    groups = order_bids(eligible, rules)
    flat = [bid for group in groups for bid in group]
    raw_ranks = {b.reference: r for r, b in enumerate(flat, 1)}
    if calibration is not None:
        raw_order = order_bids(eligible, rules, key="raw_figure")
        raw_ranks = {b.reference: r for r, b in enumerate((b for g in raw_order for b in g), 1)}
    ranked = []
    rank = 0
    for group in groups:
        for index, bid in enumerate(group):
            rank += 1
            above = flat[rank - 2] if rank > 1 else None
            below = flat[rank] if rank < len(flat) else None
            rule = place_rule(rank, group, index, rules, (above, below)) if explain else ""
            raw_rank = raw_ranks[bid.reference]
            movement = None
            if calibration is not None:
                movement = calibration_movement(rank, raw_rank, bid, calibration)
            ranked.append(RankedBid(rank, raw_rank, bid, rule, movement))
    excluded.sort(key=lambda e: (e.kind == INCOMPLETE, -(e.bid.figure or 0), e.reference))
    return Ranking(rules, tuple(ranked), tuple(excluded), calibration)


def rank_bids(bids: Iterable[BidScores], rules: RoundRules, explain: bool = True) -> Ranking:
    """Score and rank bids: the ranked list, and the bids listed separately with reasons.

    Raises :class:`ConstraintError` if the rules are invalid, ``ValueError`` on duplicate
    references.
    """
    rules.validate()
    bids = list(bids)
    if len({b.reference for b in bids}) != len(bids):
        raise ValueError("Each bid reference must appear only once")
    scored, calibration = score_bids(bids, rules)
    return rank_scored(scored, rules, calibration, explain)
