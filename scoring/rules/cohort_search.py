"""The exact cohort search: a min-cost flow on a network of a few nodes per region.

Why a flow is exact. Within a region, split the bids not pinned into two classes: those
overlapping an earlier cohort and the rest (one class without an overlap limit). The chosen
cohort takes a *prefix* of each class (a swap argument: see ``scoring.rules.proposal``). A cohort
is then one unit of flow per chosen bid through this network:

    source -> class (plain: no limit; overlapping: K places)
           -> region (one edge per bid of that class and region, weight its value)
           -> region out (at most N per region)
           -> sink, directly, or through the coverage node (one unit per region, at most M)

Every constraint is a capacity, so the network's polytope is integral: the best flow of each
value k (the number of bids) is a best cohort of k bids. The flow through the coverage node
counts distinct regions (at most one unit per region), so giving each coverage unit a bonus
larger than any sum of bid values makes a best flow cover ``min(M, possible)`` regions first and
then maximise the sum. So the cohort meets "at least M regions" exactly when the coverage node
carries M units.

The tie rule is exact too: bid i (in ranking order among the bids that can be chosen) has the
integer value ``total * 10^d * 2^n + 2^(n - 1 - i)``: the sums compare first, then the sets in
ranking order (comparing the binary numbers is comparing the best-ranked members first, and a
cohort holding the other plus more bids is larger). Values are Python integers, never rounded.

Search: successive shortest paths (Dijkstra with potentials), one augmenting path per bid added.
The best flow's value as a function of k is concave, so the search stops at the first k within
the size range where adding a bid loses value. Cost: sorting the n bids once, then at most U
(the largest cohort size) augmentations, each a Dijkstra over 2R + 5 nodes and O(R) edges (R
regions): O(n log n + U * R log R) operations on integers of O(n) bits. The parallel bid edges
of a class and region are one edge whose cost is the next bid's (forward) or the last chosen
bid's (backward), as the costs are convex.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

UNLIMITED = 10**9


@dataclass
class _Network:
    heads: list = field(default_factory=list)  # edge -> node it goes to
    caps: list = field(default_factory=list)  # residual capacity (plain edges)
    costs: list = field(default_factory=list)  # cost (plain edges)
    groups: dict = field(default_factory=dict)  # forward edge -> [values, used]
    out: list = field(default_factory=list)  # node -> edges leaving it

    def node(self) -> int:
        self.out.append([])
        return len(self.out) - 1

    def edge(self, u: int, v: int, cap: int, cost: int = 0, values=None) -> int:
        e = len(self.heads)
        self.heads += [v, u]
        self.caps += [cap, 0]
        self.costs += [cost, -cost]
        self.out[u].append(e)
        self.out[v].append(e + 1)
        if values is not None:
            self.groups[e] = [values, 0]
        return e

    def residual(self, e: int) -> tuple[int, int] | None:
        """(capacity > 0, cost) of the residual edge e, or None when it has no room."""
        forward = e & ~1
        group = self.groups.get(forward)
        if group is None:
            return (self.caps[e], self.costs[e]) if self.caps[e] > 0 else None
        values, used = group
        if e == forward:
            return (1, -values[used]) if used < len(values) else None
        return (1, values[used - 1]) if used > 0 else None

    def push(self, e: int) -> None:
        forward = e & ~1
        group = self.groups.get(forward)
        if group is not None:
            group[1] += 1 if e == forward else -1
        else:
            self.caps[e] -= 1
            self.caps[e ^ 1] += 1


def _scale(candidates: Sequence) -> int:
    places = 0
    for c in candidates:
        exponent = c.total.as_tuple().exponent
        if isinstance(exponent, int):
            places = max(places, -exponent)
    return 10**places


class _Search:
    """The network for one set of constraints, and the flow found so far."""

    def __init__(self, candidates: Sequence, constraints):
        c = constraints
        upper, cap, limit = c.upper, c.max_per_region, c.max_overlap
        self.pinned = [i for i, x in enumerate(candidates) if x.reference in c.pinned_in]
        pinned_overlap = 0
        if limit is not None:
            pinned_overlap = sum(candidates[i].overlaps_earlier for i in self.pinned)
        self.free = upper - len(self.pinned)
        pins_in: dict[str, int] = {}
        for i in self.pinned:
            pins_in[candidates[i].region] = pins_in.get(candidates[i].region, 0) + 1
        self.possible = not (
            self.free < 0
            or (limit is not None and pinned_overlap > limit)
            or (cap is not None and any(n > cap for n in pins_in.values()))
        )
        if not self.possible:
            return
        overlap_room = None if limit is None else limit - pinned_overlap
        classes: dict[str, tuple[list[int], list[int]]] = {}
        for i, x in enumerate(candidates):
            members = classes.setdefault(x.region, ([], []))
            if x.reference in c.pinned_out or x.reference in c.pinned_in:
                continue
            members[1 if limit is not None and x.overlaps_earlier else 0].append(i)
        # Only the top bids of a class can be chosen: at most the free places of its region.
        kept: list[int] = []
        for region, (plain, overlapping) in classes.items():
            room = self.free if cap is None else min(self.free, cap - pins_in.get(region, 0))
            del plain[room:]
            del overlapping[(room if overlap_room is None else min(room, overlap_room)) :]
            kept += plain + overlapping
        kept.sort()
        bits = len(kept)
        scale = _scale(candidates)
        value = {
            i: (int(candidates[i].total * scale) << bits) + (1 << (bits - 1 - j))
            for j, i in enumerate(kept)
        }
        self.need = max(0, (c.min_regions or 0) - len(pins_in))
        bonus = (sum(int(x.total * scale) for x in candidates) + 1) << bits
        self.smallest = max(0, c.size_min - len(self.pinned))

        net = self.net = _Network()
        self.source, plain_node, overlap_node = net.node(), net.node(), net.node()
        coverage, self.sink = net.node(), net.node()
        net.edge(self.source, plain_node, UNLIMITED)
        if overlap_room is not None:
            net.edge(self.source, overlap_node, overlap_room)
        self.covered_edge = net.edge(coverage, self.sink, self.need)
        self.group_edges = []
        for region in sorted(classes):
            plain, overlapping = classes[region]
            r_in, r_out = net.node(), net.node()
            for node, members in ((plain_node, plain), (overlap_node, overlapping)):
                if members:
                    e = net.edge(node, r_in, 0, values=[value[i] for i in members])
                    self.group_edges.append((e, members))
            room = UNLIMITED if cap is None else cap - pins_in.get(region, 0)
            net.edge(r_in, r_out, room)
            if self.need and region not in pins_in:
                net.edge(r_out, coverage, 1, -bonus)
            net.edge(r_out, self.sink, UNLIMITED)
        self.potential = _initial_potentials(net, self.source)
        self.flow = 0  # bids added

    @property
    def carried(self) -> int:
        """Regions counted towards the minimum (units through the coverage node)."""
        return self.need - self.net.caps[self.covered_edge]

    def add(self, stop_when_worse: bool) -> bool:
        """Add one bid along the best augmenting path; False when none (or none gains)."""
        if self.flow >= self.free:
            return False
        path, gain = _shortest_path(self.net, self.source, self.sink, self.potential)
        if path is None or (stop_when_worse and self.flow >= self.smallest and gain <= 0):
            return False
        for e in path:
            self.net.push(e)
        self.flow += 1
        return True

    def chosen(self) -> tuple[int, ...]:
        members = list(self.pinned)
        for e, group in self.group_edges:
            members += group[: self.net.groups[e][1]]
        return tuple(sorted(members))


def best_cohort(candidates: Sequence, constraints) -> tuple[int, ...] | None:
    """Positions (in ranking order) of the best cohort meeting the constraints, or None."""
    search = _Search(candidates, constraints)
    if not search.possible:
        return None
    while search.add(stop_when_worse=True):
        pass
    if search.flow < search.smallest or search.carried < search.need:
        return None
    return search.chosen()


def possible_sizes(candidates: Sequence, constraints, top: int) -> set[int]:
    """Every cohort size from 1 to ``top`` for which some cohort meets the other constraints
    (the size settings are ignored): one search, as the best flow of each value covers the
    most regions it can."""
    from dataclasses import replace

    search = _Search(candidates, replace(constraints, size_min=1, size_max=max(top, 1)))
    sizes: set[int] = set()
    if not search.possible:
        return sizes
    while True:
        size = len(search.pinned) + search.flow
        if size >= 1 and search.carried >= search.need:
            sizes.add(size)
        if not search.add(stop_when_worse=False):
            return sizes


def _initial_potentials(net: _Network, source: int) -> list[int]:
    """Shortest distances from the source with no flow (Bellman-Ford; the graph is tiny)."""
    distance: list[int | None] = [None] * len(net.out)
    distance[source] = 0
    for _ in range(len(net.out)):
        changed = False
        for u, edges in enumerate(net.out):
            if distance[u] is None:
                continue
            for e in edges:
                room = net.residual(e)
                if room is None:
                    continue
                v, d = net.heads[e], distance[u] + room[1]
                if distance[v] is None or d < distance[v]:
                    distance[v], changed = d, True
        if not changed:
            break
    return [0 if d is None else d for d in distance]


def _shortest_path(net: _Network, source: int, sink: int, potential: list[int]):
    """(edges of the cheapest augmenting path, its gain), or (None, 0); updates potentials."""
    distance: list[int | None] = [None] * len(net.out)
    via: list[int | None] = [None] * len(net.out)
    distance[source] = 0
    heap = [(0, source)]
    done = [False] * len(net.out)
    while heap:
        d, u = heapq.heappop(heap)
        if done[u]:
            continue
        done[u] = True
        for e in net.out[u]:
            room = net.residual(e)
            if room is None:
                continue
            v = net.heads[e]
            nd = d + room[1] + potential[u] - potential[v]
            if distance[v] is None or nd < distance[v]:
                distance[v], via[v] = nd, e
                heapq.heappush(heap, (nd, v))
    if distance[sink] is None:
        return None, 0
    cost = distance[sink] + potential[sink] - potential[source]
    for v, d in enumerate(distance):
        if d is not None:
            potential[v] += d
    path, v = [], sink
    while v != source:
        e = via[v]
        path.append(e)
        v = net.heads[e ^ 1]
    return path, -cost


def cohort_total(candidates: Sequence, positions: Sequence[int]) -> Decimal:
    return sum((candidates[i].total for i in positions), Decimal(0))
