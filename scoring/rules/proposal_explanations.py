"""One plain-English line per bid saying why it is, or is not, in the proposed cohort.

The lines, in the order the reasons are checked:

* "Not proposed: 2 of 3 assessments submitted" - the bid is incomplete.
* "Not proposed: 55.2% is below the quality threshold of 60.0%" and/or "below the minimum for
  Strength of partnership (2.3 of 3)".
* "Not proposed: pinned out by the chair".
* "Not proposed: no cohort could be proposed. ..." - when the constraints allow no cohort.
* "Proposed: rank 3; second of 2 places in the North West" (with "pinned in by the chair" when
  the chair pinned it).
* "Not proposed: its districts overlap an earlier cohort, and the limit of 1 such bid is taken by
  LP2-0004 (75.0%); this bid scores 70.1%".
* "Not proposed: the North West already has 2 proposed bids with higher scores (74.0% and 71.5%);
  this bid scores 70.1%".
* "Not proposed: the cohort of 8 is full with higher-scoring bids; the lowest proposed scores
  71.0%" (or names the lower-scoring bids that take places because they are pinned in or needed
  to cover enough regions).
"""

from __future__ import annotations

from scoring.rules.proposal import Proposal
from scoring.rules.ranking import RankedBid, Ranking
from scoring.rules.scores import TOLERANCE
from scoring.rules.wording import format_percent, join_and, ordinal, plural, region_phrase


def _scores(bids: list[RankedBid], pinned: frozenset[str]) -> str:
    """ "74.0% and 71.5%", marking bids pinned in by the chair."""
    texts = [
        format_percent(b.total) + (" pinned in by the chair" if b.reference in pinned else "")
        for b in bids
    ]
    return join_and(texts)


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
    holders = join_and([f"{b.reference} ({format_percent(b.total)})" for b in taking])
    return (
        f"Not proposed: its districts overlap an earlier cohort, and the limit of "
        f"{plural(c.max_overlap, 'such bid')} is taken by {holders}; this bid scores "
        f"{format_percent(bid.total)}"
    )


def _region_line(bid: RankedBid, chosen: list[RankedBid], proposal: Proposal) -> str | None:
    c = proposal.constraints
    same_region = [b for b in chosen if b.bid.region == bid.bid.region]
    if c.max_per_region is None or len(same_region) < c.max_per_region:
        return None
    n = len(same_region)
    region = region_phrase(bid.bid.region)
    if all(b.total > bid.total + TOLERANCE for b in same_region):
        noun = "bid with a higher score" if n == 1 else "bids with higher scores"
        detail = f"{n} proposed {noun}"
    elif all(b.rank < bid.rank for b in same_region):
        detail = f"{plural(n, 'proposed bid')} ranked higher"
    else:
        detail = plural(n, "proposed bid")
    return (
        f"Not proposed: {region} already has {detail} ({_scores(same_region, c.pinned_in)}); "
        f"this bid scores {format_percent(bid.total)}"
    )


def _full_line(bid: RankedBid, chosen: list[RankedBid], proposal: Proposal) -> str | None:
    c = proposal.constraints
    if len(chosen) < c.upper:
        return None
    lower = [b for b in chosen if b.rank > bid.rank]
    full = f"Not proposed: the cohort of {len(chosen)} is full"
    if not lower:
        return (
            f"{full} with higher-scoring bids; the lowest proposed scores "
            f"{format_percent(min(b.total for b in chosen))}"
        )
    listed = join_and([f"{b.reference} ({format_percent(b.total)})" for b in lower])
    if all(b.reference in c.pinned_in for b in lower):
        return f"{full}; lower-ranked {listed} {_is(lower)} pinned in by the chair"
    if c.min_regions is not None:
        return (
            f"{full}; lower-ranked {listed} {_take(lower)} so that the cohort covers at least "
            f"{plural(c.min_regions, 'region')}"
        )
    return f"{full}; no cohort including it has a higher sum of scores"


def _is(items: list) -> str:
    return "is" if len(items) == 1 else "are"


def _take(items: list) -> str:
    return "takes a place" if len(items) == 1 else "take places"


def explain(ranking: Ranking, proposal: Proposal) -> dict[str, str]:
    """One line per bid in the ranking (ranked and listed separately), keyed by reference."""
    lines: dict[str, str] = {}
    for excluded in ranking.excluded:
        lines[excluded.reference] = f"Not proposed: {excluded.reason}"
    selected = set(proposal.selected)
    chosen = [b for b in ranking.ranked if b.reference in selected]
    for bid in ranking.ranked:
        if bid.reference in selected:
            lines[bid.reference] = _proposed_line(bid, chosen, proposal)
        elif bid.reference in proposal.constraints.pinned_out:
            lines[bid.reference] = "Not proposed: pinned out by the chair"
        elif proposal.infeasible is not None:
            lines[bid.reference] = (
                f"Not proposed: no cohort could be proposed. {proposal.infeasible.message}"
            )
        else:
            lines[bid.reference] = (
                _overlap_line(bid, chosen, proposal)
                or _region_line(bid, chosen, proposal)
                or _full_line(bid, chosen, proposal)
                or "Not proposed: adding it would break the cohort's constraints"
            )
    return lines
