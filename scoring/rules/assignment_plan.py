"""Automatic assignment of assessors to bids: a pure function on plain data.

`plan()` decides which new (bid, assessor) pairs to add; it knows nothing of Django.
scoring/setup/assignment.py loads the data, applies the plan and does everything else.

What "where possible" means, and why `plan()` achieves it
---------------------------------------------------------
Existing assignments (manual or automatic) are kept and count towards each assessor's
load. A bid can be given an assessor who is not in conflict with it and not already
assigned to it: its "allowed" assessors. Bids do not compete for assessors (an assessor
can take any number of bids), so the most any plan can do for bid b is

    k_b = min(quota - existing_b, len(allowed_b))

new assessors, and every bid gets exactly k_b: the quota whenever enough assessors
without a conflict exist. A bid left short is reported with the reason.

Among all plans that give every bid its k_b, `plan()` finds one that minimises the sum of
the squares of the assessors' loads. If any such plan has a load spread (highest minus
lowest) of at most one, it is that one: for a fixed total, a vector of integers with spread
at most one is the unique minimiser of the sum of squares. The method:

1. Greedy: most constrained bids first (fewest spare allowed assessors), each bid takes
   the least-loaded allowed assessors (ties by the order given).
2. Repair: while some assessor at load L can pass a NEW assignment along a chain
   a0 -b1-> a1 -b2-> ... -> ak (each bid moved from one assessor to the next, each
   receiving assessor allowed on that bid) to an assessor ak with load <= L - 2, do it.
   Each move lowers the sum of squares by at least 2, so this ends.

When no such chain exists, the residual graph of the corresponding convex-cost flow
(source -> bid with capacity k_b, bid -> allowed assessor with capacity 1, assessor ->
sink with cost 2*load + 1 per extra unit) has no negative cycle: every cycle in it is
made of such chains between a higher-loaded and a lower-loaded assessor. So the plan is of
minimum cost, that is minimum sum of squares, and balanced whenever balance is possible.
"""

import heapq
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Shortfall:
    """A bid that cannot be given its quota, and why."""

    bid: object
    assigned: int
    quota: int
    available: int  # assessors without a conflict with the bid

    @property
    def reason(self):
        if self.available == 0:
            return "no assessors without a conflict"
        if self.available < self.quota:
            noun = "assessor" if self.available == 1 else "assessors"
            return f"only {self.available} {noun} without a conflict"
        return f"only {self.assigned} of {self.quota} assessors could be assigned"


@dataclass
class Plan:
    new: list = field(default_factory=list)  # [(bid, assessor)] to add, in bid order
    shortfalls: list = field(default_factory=list)  # [Shortfall] in bid order
    loads: dict = field(default_factory=dict)  # assessor -> load after the plan

    @property
    def spread(self):
        return max(self.loads.values()) - min(self.loads.values()) if self.loads else 0


def plan(bids, assessors, conflicts, existing, quota):
    """New assignments for `bids` from the pool `assessors`.

    bids, assessors: ids in a stable order (ties are broken by it).
    conflicts: {(bid, assessor)} pairs that must never be assigned.
    existing: (bid, assessor) or (bid, assessor, manual) of every current assignment in the
      round (of any bid), all kept; they count towards the assessors' loads.
    quota: assessors wanted per bid.
    """
    bids = list(dict.fromkeys(bids))
    assessors = list(dict.fromkeys(assessors))
    rank = {a: i for i, a in enumerate(assessors)}
    conflicts = set(conflicts)
    load = dict.fromkeys(assessors, 0)
    current = defaultdict(set)  # bid -> every assessor assigned to it (existing and new)
    for pair in existing:
        bid, assessor = pair[0], pair[1]
        if assessor in current[bid]:
            continue
        current[bid].add(assessor)
        if assessor in load:
            load[assessor] += 1

    allowed = {}
    need = {}
    for bid in bids:
        have = current[bid]
        allowed[bid] = [a for a in assessors if a not in have and (bid, a) not in conflicts]
        need[bid] = min(max(0, quota - len(have)), len(allowed[bid]))

    movable = defaultdict(set)  # assessor -> bids newly assigned to them
    position = {bid: i for i, bid in enumerate(bids)}
    for bid in sorted(bids, key=lambda b: (len(allowed[b]) - need[b], position[b])):
        if not need[bid]:
            continue
        chosen = heapq.nsmallest(need[bid], allowed[bid], key=lambda a: (load[a], rank[a]))
        for assessor in chosen:
            current[bid].add(assessor)
            movable[assessor].add(bid)
            load[assessor] += 1

    _rebalance(assessors, allowed, current, movable, load)

    new = sorted(
        ((bid, a) for a, owned in movable.items() for bid in owned),
        key=lambda pair: (position[pair[0]], rank[pair[1]]),
    )
    shortfalls = []
    for bid in bids:
        if len(current[bid]) < quota:
            available = sum(1 for a in assessors if (bid, a) not in conflicts)
            shortfalls.append(Shortfall(bid, len(current[bid]), quota, available))
    return Plan(new=new, shortfalls=shortfalls, loads=load)


def _rebalance(assessors, allowed, current, movable, load):
    while True:
        if not load:
            return
        lowest = min(load.values())
        improved = False
        for level in sorted(set(load.values()), reverse=True):
            if level - lowest < 2:
                break
            path = _improving_chain(assessors, level, allowed, current, movable, load)
            if path:
                for giver, bid, taker in path:
                    movable[giver].discard(bid)
                    movable[taker].add(bid)
                    current[bid].discard(giver)
                    current[bid].add(taker)
                giver, taker = path[0][0], path[-1][2]
                load[giver] -= 1
                load[taker] += 1
                improved = True
                break
        if not improved:
            return


def _improving_chain(assessors, level, allowed, current, movable, load):
    """A chain of moves from an assessor at `level` to one at `level - 2` or less (BFS)."""
    frontier = [a for a in assessors if load[a] == level]
    came_from = dict.fromkeys(frontier)
    seen_bids = set()
    while frontier:
        following = []
        for giver in frontier:
            for bid in movable[giver]:
                if bid in seen_bids:
                    continue
                seen_bids.add(bid)
                for taker in allowed[bid]:
                    if taker in came_from or taker in current[bid]:
                        continue
                    came_from[taker] = (giver, bid)
                    if load[taker] <= level - 2:
                        path = []
                        node = taker
                        while came_from[node] is not None:
                            previous, moved = came_from[node]
                            path.append((previous, moved, node))
                            node = previous
                        return list(reversed(path))
                    following.append(taker)
        frontier = following
    return None


# --- The Django layer -----------------------------------------------------------------
