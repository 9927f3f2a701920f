"""Assessor calibration and score distributions, on plain data.

Calibration is optional for a round and off by default. It corrects for assessors who mark
consistently more generously or more harshly than the rest of the panel. The rules:

1. An assessment's *total* is its weighted total: the sum of weight x score / scale maximum over
   the criteria, a percentage (see ``scoring.rules.scores``).
2. The *panel mean* and *panel spread* are the mean and the population standard deviation of
   every submitted assessment total in the round.
3. For each assessor who submitted assessments for at least 5 bids, each of their totals is
   standardised against their own marking:
   ``z = (their total for the bid - their mean) / their standard deviation`` (population
   standard deviation over the bids they assessed; when it is 0, ``z = 0``).
4. That assessor's calibrated total for the bid is ``panel mean + z x panel spread``: their marks
   are moved onto the panel's overall scale, keeping their order.
5. Assessors with fewer than 5 assessed bids keep their raw totals: there is too little evidence
   to judge how they mark.
6. A bid's calibrated total is the mean of its assessors' calibrated totals.

Example: an assessor whose 5 totals are 65, 75, 80, 85 and 95 has mean 80 and standard
deviation 10. If the panel mean is 70 and its spread 12, their 65 (z = -1.5) becomes
70 - 1.5 x 12 = 52.0.

The score distribution helper counts how often each score level was given per criterion, for
the chart beside the ranking.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

MIN_BIDS = 5


@dataclass(frozen=True)
class AssessorTotal:
    """One submitted assessment, reduced to its weighted total (a percentage)."""

    assessor: str
    reference: str
    total: float


@dataclass(frozen=True)
class AssessorStats:
    """How one assessor marks: their number of bids, mean and population standard deviation."""

    assessor: str
    bids: int
    mean: float
    sd: float
    calibrated: bool


@dataclass(frozen=True)
class Adjustment:
    """One assessor's total for one bid, before and after calibration."""

    assessor: str
    raw: float
    calibrated: float
    applied: bool

    @property
    def change(self) -> float:
        return self.calibrated - self.raw


@dataclass(frozen=True)
class Calibration:
    """The result of :func:`calibrate`: panel figures, assessor figures and per-bid totals."""

    panel_mean: float
    panel_sd: float
    min_bids: int
    assessors: Mapping[str, AssessorStats]
    by_bid: Mapping[str, tuple[Adjustment, ...]]

    def bid_total(self, reference: str) -> float | None:
        """The bid's calibrated total: the mean of its assessors' calibrated totals."""
        adjustments = self.by_bid.get(reference)
        if not adjustments:
            return None
        return sum(a.calibrated for a in adjustments) / len(adjustments)

    def raw_bid_total(self, reference: str) -> float | None:
        """The mean of the bid's raw assessor totals (the same figure calibration starts from)."""
        adjustments = self.by_bid.get(reference)
        if not adjustments:
            return None
        return sum(a.raw for a in adjustments) / len(adjustments)


def mean_and_sd(values: Sequence[float]) -> tuple[float, float]:
    """Mean and population standard deviation of a non-empty sequence."""
    mean = sum(values) / len(values)
    variance = sum((v - mean) ** 2 for v in values) / len(values)
    return mean, math.sqrt(variance)


def calibrate(totals: Iterable[AssessorTotal], min_bids: int = MIN_BIDS) -> Calibration:
    """Calibrate every submitted assessment total as described in the module docstring."""
    totals = list(totals)
    if not totals:
        return Calibration(0.0, 0.0, min_bids, {}, {})
    panel_mean, panel_sd = mean_and_sd([t.total for t in totals])
    per_assessor: dict[str, list[float]] = defaultdict(list)
    for t in totals:
        per_assessor[t.assessor].append(t.total)
    stats = {}
    for assessor, values in per_assessor.items():
        mean, sd = mean_and_sd(values)
        stats[assessor] = AssessorStats(assessor, len(values), mean, sd, len(values) >= min_bids)
    by_bid: dict[str, list[Adjustment]] = defaultdict(list)
    for t in totals:
        s = stats[t.assessor]
        if s.calibrated:
            z = (t.total - s.mean) / s.sd if s.sd > 0 else 0.0
            value = panel_mean + z * panel_sd
        else:
            value = t.total
        by_bid[t.reference].append(Adjustment(t.assessor, t.total, value, s.calibrated))
    frozen = {ref: tuple(items) for ref, items in by_bid.items()}
    return Calibration(panel_mean, panel_sd, min_bids, stats, frozen)


@dataclass(frozen=True)
class Distribution:
    """How often each score level was given for one criterion, lowest level first."""

    criterion_id: Hashable
    name: str
    counts: tuple[tuple[float, int], ...]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)


def score_distribution(
    criterion_id: Hashable,
    name: str,
    scores: Iterable[float],
    scale_min: float = 0,
    scale_max: float = 5,
) -> Distribution:
    """How many times each score level was given for one criterion.

    Every whole level of the scale appears (with 0 when unused); a score between whole levels,
    if the scale allows one, is counted at its own value.
    """
    counts: dict[float, int] = {
        float(level): 0 for level in range(math.ceil(scale_min), math.floor(scale_max) + 1)
    }
    for score in scores:
        counts[float(score)] = counts.get(float(score), 0) + 1
    return Distribution(criterion_id, name, tuple(sorted(counts.items())))
