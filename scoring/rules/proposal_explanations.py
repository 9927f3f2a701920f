"""One plain-English line per bid saying why it is, or is not, in the proposed cohort.

Every line is a true sentence about the proposal and names the rule that decided it; every
number in it is the figure as shown (``scoring.rules.figures``). The lines, in the order the
reasons are checked:

* "Not proposed: 2 of 3 assessments submitted" - the bid is incomplete.
* "Not proposed: 55.2% is below the quality threshold of 60.0%" and/or "below the minimum for
  Strength of partnership (2.3 of 3)".
* "Not proposed: pinned out by the chair".
* "Not proposed: no cohort could be proposed. ..." - when the constraints allow no cohort.
* "Proposed: rank 3; second of 2 places in the North West" (with "pinned in by the chair" when
  the chair pinned it: a pinned bid is never said to be there for a constraint).
* "Not proposed: tied on 80.0% with LP2-0001, which is proposed because the tie-break places it
  higher: Higher Strength of partnership score (4.0 against 3.7)" - a cohort with this bid
  instead would have the same sum, and the tie-break decided.
* "Not proposed: no cohort that includes it meets the constraints; one would with allowing 3
  bids per region" - the constraints, not the scores, keep it out.
* "Not proposed: its districts overlap an earlier cohort, and the limit of 1 such bid is taken by
  LP2-0004 (75.0%); this bid scores 70.1%".
* "Not proposed: the North West already has 2 proposed bids with higher scores (74.0% and 71.5%);
  this bid scores 70.1%".
* "Not proposed: the cohort of 8 is full with higher-scoring bids; the lowest proposed scores
  71.0%", or, when lower-ranked bids are proposed, which of them are pinned in, which take a
  place to cover enough regions, and the best sum of weighted totals a cohort with this bid has.
"""

from __future__ import annotations

import time
from dataclasses import replace
from decimal import Decimal

from scoring.rules.inputs import CRITERION_DESC, FIRST_SUBMITTED_ASC, SPREAD_ASC
from scoring.rules.inputs import describe_tie_break as describe_rule
from scoring.rules.ordering import deciding_rule
from scoring.rules.proposal import Proposal, _best_cohort, candidates_from_ranking
from scoring.rules.rank_explanations import submission_texts
from scoring.rules.ranking import RankedBid, Ranking
from scoring.rules.wording import (
    format_percent,
    format_score,
    join_and,
    ordinal,
    plural,
    region_phrase,
)

PINNED = " pinned in by the chair"


def _scores(bids: list[RankedBid], pinned: frozenset[str]) -> str:
    """ "74.0% and 71.5%", marking bids pinned in by the chair."""
    texts = [format_percent(b.figure) + (PINNED if b.reference in pinned else "") for b in bids]
    return join_and(texts)


def _listed(bids: list[RankedBid]) -> str:
    return join_and([f"{b.reference} ({format_percent(b.figure)})" for b in bids])


def _is(items: list) -> str:
    return "is" if len(items) == 1 else "are"


def _take(items: list) -> str:
    return "takes a place" if len(items) == 1 else "take places"


def _proposed_line(bid: RankedBid, chosen: list[RankedBid], proposal: Proposal) -> str:
    constraints = proposal.constraints
    same_region = [b for b in chosen if b.bid.region == bid.bid.region]
    place = ordinal(same_region.index(bid) + 1)
    region = region_phrase(bid.bid.region)
    if constraints.max_per_region is not None:
        where = f"{place} of {plural(constraints.max_per_region, 'place')} in {region}"
    else:
        where = f"{place} proposed bid in {region}"
    pinned = "; pinned in by the chair" if bid.reference in constraints.pinned_in else ""
    return f"Proposed: rank {bid.rank}{pinned}; {where}"


def _overlap_line(bid: RankedBid, chosen: list[RankedBid], proposal: Proposal) -> str | None:
    c = proposal.constraints
    if c.max_overlap is None or not bid.bid.districts & c.earlier_districts:
        return None
    taking = [b for b in chosen if b.bid.districts & c.earlier_districts]
    if len(taking) < c.max_overlap:
        return None
    if not taking:
        return (
            "Not proposed: its districts overlap an earlier cohort, and no such bid may be proposed"
        )
    holders = join_and(
        [
            f"{b.reference} ({format_percent(b.figure)}"
            f"{',' + PINNED if b.reference in c.pinned_in else ''})"
            for b in taking
        ]
    )
    return (
        f"Not proposed: its districts overlap an earlier cohort, and the limit of "
        f"{plural(c.max_overlap, 'such bid')} is taken by {holders}; this bid scores "
        f"{format_percent(bid.figure)}"
    )


def _region_line(bid: RankedBid, chosen: list[RankedBid], proposal: Proposal) -> str | None:
    c = proposal.constraints
    same_region = [b for b in chosen if b.bid.region == bid.bid.region]
    if c.max_per_region is None or len(same_region) < c.max_per_region:
        return None
    n = len(same_region)
    region = region_phrase(bid.bid.region)
    if all(b.figure > bid.figure for b in same_region):
        noun = "bid with a higher score" if n == 1 else "bids with higher scores"
        detail = f"{n} proposed {noun}"
    elif all(b.rank < bid.rank for b in same_region):
        detail = f"{plural(n, 'proposed bid')} ranked higher"
    else:
        detail = plural(n, "proposed bid")
    return (
        f"Not proposed: {region} already has {detail} ({_scores(same_region, c.pinned_in)}); "
        f"this bid scores {format_percent(bid.figure)}"
    )


def _covers_regions(b: RankedBid, chosen: list[RankedBid], proposal: Proposal) -> bool:
    """True when b is the only proposed bid of its region and the cohort covers exactly the
    regions it must: without b it would cover too few."""
    need = proposal.constraints.min_regions
    if need is None:
        return False
    regions = {x.bid.region for x in chosen}
    alone = sum(x.bid.region == b.bid.region for x in chosen) == 1
    return alone and len(regions) == need


def _full_line(
    bid: RankedBid, chosen: list[RankedBid], proposal: Proposal, best_with: Decimal | None
) -> str | None:
    c = proposal.constraints
    if len(chosen) < c.upper:
        return None
    lower = [b for b in chosen if b.rank > bid.rank]
    full = f"Not proposed: the cohort of {len(chosen)} is full"
    if not lower:
        kind = "higher-scoring" if all(b.figure > bid.figure for b in chosen) else "higher-ranked"
        return (
            f"{full} with {kind} bids; the lowest proposed scores "
            f"{format_percent(min(b.figure for b in chosen))}"
        )
    pinned = [b for b in lower if b.reference in c.pinned_in]
    covering = [
        b for b in lower if b.reference not in c.pinned_in and _covers_regions(b, chosen, proposal)
    ]
    parts = []
    if pinned:
        parts.append(f"lower-ranked {_listed(pinned)} {_is(pinned)} pinned in by the chair")
    if covering:
        parts.append(
            f"lower-ranked {_listed(covering)} {_take(covering)} so that the cohort covers at "
            f"least {plural(c.min_regions, 'region')}"
        )
    if len(pinned) + len(covering) < len(lower) or not parts:
        parts.append(_sum_clause(proposal, best_with))
    return f"{full}; {'; '.join(parts)}"


def _sum_clause(proposal: Proposal, best_with: Decimal | None) -> str:
    if best_with is None:
        return "no cohort including it meets the constraints"
    return (
        f"the best cohort including it has a sum of weighted totals of {format_score(best_with)}, "
        f"against {format_score(proposal.total)} for the proposed cohort"
    )


def _rule_values(rule, winner: RankedBid, loser: RankedBid) -> str:
    """The two values a tie-break rule compared, as shown: "4.0 against 3.7"."""
    a, b = winner.bid, loser.bid
    if rule[0] == CRITERION_DESC:
        return (
            f"{format_score(a.shown_score(rule[1]))} against {format_score(b.shown_score(rule[1]))}"
        )
    if rule[0] == SPREAD_ASC:
        return f"{format_score(a.spread)} against {format_score(b.spread)} points"
    if rule[0] == FIRST_SUBMITTED_ASC:
        first, second = submission_texts(a.first_submitted, b.first_submitted)
        return f"{first} against {second}"
    return f"{winner.reference} against {loser.reference}"


class _Explainer:
    """What the lines need to know about the proposal, worked out once."""

    def __init__(self, ranking: Ranking, proposal: Proposal):
        self.ranking, self.proposal = ranking, proposal
        self.c = proposal.constraints
        selected = set(proposal.selected)
        self.chosen = [b for b in ranking.ranked if b.reference in selected]
        self.candidates = candidates_from_ranking(ranking, self.c)
        self.position = {b.reference: i for i, b in enumerate(ranking.ranked)}

    def best_with(self, bid: RankedBid) -> tuple[tuple[int, ...] | None, Decimal | None]:
        """The best cohort that includes the bid (positions) and its sum, or (None, None)."""
        forced = replace(self.c, pinned_in=self.c.pinned_in | {bid.reference})
        positions = _best_cohort(self.candidates, forced)
        if positions is None:
            return None, None
        return positions, sum((self.candidates[i].total for i in positions), Decimal(0))

    def blocked_line(self, bid: RankedBid) -> str:
        from scoring.rules.infeasibility import single_changes

        forced = replace(self.c, pinned_in=self.c.pinned_in | {bid.reference})
        changes = [
            change
            for change in single_changes(self.candidates, forced)
            if bid.reference in change.constraints.pinned_in
        ]
        fields = {change.field for change in changes}
        if "max_overlap" in fields:
            line = _overlap_line(bid, self.chosen, self.proposal)
            if line:
                return line
        if "max_per_region" in fields:
            line = _region_line(bid, self.chosen, self.proposal)
            if line:
                return line
        head = "Not proposed: no cohort that includes it meets the constraints"
        if not changes:
            return f"{head}, and no single change of a setting makes room for it"
        return f"{head}; one would with {changes[0].text}"

    def tie_line(self, bid: RankedBid, alternative: tuple[int, ...]) -> str:
        proposed = [self.position[r] for r in self.proposal.selected]
        proposed.sort()
        ranked = self.ranking.ranked
        differ = next(
            (i for i, (p, a) in enumerate(zip(proposed, alternative, strict=False)) if p != a),
            min(len(proposed), len(alternative)) - 1,
        )
        winner = ranked[proposed[differ]]
        if winner.figure == bid.figure and winner.rank < bid.rank:
            rule, _ = deciding_rule(self.ranking.rules.effective_tie_breaks(), winner.bid, bid.bid)
            return (
                f"Not proposed: tied on {format_percent(bid.figure)} with {winner.reference}, "
                f"which is proposed because the tie-break places it higher: "
                f"{describe_rule(rule, self.ranking.rules)} ({_rule_values(rule, winner, bid)})"
            )
        return (
            f"Not proposed: the best cohort including it has the same sum of weighted totals "
            f"({format_score(self.proposal.total)}) as the proposed cohort, which is preferred "
            f"because its bids come first in the ranking ({winner.reference}, rank "
            f"{winner.rank}, is proposed)"
        )

    def line(self, bid: RankedBid) -> str:
        chosen = self.chosen
        lowest = min(b.figure for b in chosen)
        full = len(chosen) >= self.c.upper
        below_all = full and bid.figure < lowest and all(b.rank < bid.rank for b in chosen)
        best_sum = None
        if not below_all:
            positions, best_sum = self.best_with(bid)
            if positions is None:
                return self.blocked_line(bid)
            if best_sum == self.proposal.total:
                return self.tie_line(bid, positions)
        return (
            _overlap_line(bid, chosen, self.proposal)
            or _region_line(bid, chosen, self.proposal)
            or _full_line(bid, chosen, self.proposal, best_sum)
            or f"Not proposed: {_sum_clause(self.proposal, best_sum)}"
        )


EXPLAIN_SECONDS = 1.0


def not_worked_out(proposal: Proposal) -> str:
    """The line of a bid whose own reason was not worked out within the time allowed: true,
    and naming the setting to narrow."""
    return (
        "Not proposed: the proposed cohort is the best that meets the constraints; the reason "
        "for this bid was not worked out in time with a cohort size of "
        f"{proposal.constraints.size_text}. Narrow the cohort size (or a limit) to see it"
    )


def explain(
    ranking: Ranking, proposal: Proposal, seconds: float | None = EXPLAIN_SECONDS
) -> dict[str, str]:
    """One line per bid in the ranking (ranked and listed separately), keyed by reference.

    Each "not proposed" line that needs a search stops being worked out after ``seconds``
    (None: no limit); the bids left get :func:`not_worked_out`, so the page answers in time."""
    deadline = None if seconds is None else time.monotonic() + seconds
    lines: dict[str, str] = {}
    for excluded in ranking.excluded:
        lines[excluded.reference] = f"Not proposed: {excluded.reason}"
    selected = set(proposal.selected)
    explainer = _Explainer(ranking, proposal) if proposal.feasible else None
    for bid in ranking.ranked:
        if bid.reference in selected:
            lines[bid.reference] = _proposed_line(bid, explainer.chosen, proposal)
        elif bid.reference in proposal.constraints.pinned_out:
            lines[bid.reference] = "Not proposed: pinned out by the chair"
        elif proposal.infeasible is not None:
            lines[bid.reference] = (
                f"Not proposed: no cohort could be proposed. {proposal.infeasible.message}"
            )
        elif deadline is not None and time.monotonic() > deadline:
            lines[bid.reference] = not_worked_out(proposal)
        else:
            lines[bid.reference] = explainer.line(bid)
    return lines
