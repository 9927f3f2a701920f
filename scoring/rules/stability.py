"""How stable the proposed cohort is to the criterion weights.

For each criterion in turn, its weight is moved up by 10 percentage points and then down by 10
(clamped to 0% and 100%). The other criteria share what is left in proportion to their current
weights, so the weights still total 100% (if the others all weigh 0%, they share it equally).
The ranking and the proposal are recomputed with the same constraints. A bid whose place in or
out of the proposed cohort changes under any of these changes is *marginal*, and the change is
named: "Drops out if Place and geography weight goes up to 30%" or "Comes in if Strength of
partnership weight goes down to 20%".
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from scoring.rules.figures import exact
from scoring.rules.inputs import BidScores, ConstraintError, CriterionRule, RoundRules
from scoring.rules.proposal import CohortConstraints, Proposal, propose
from scoring.rules.ranking import Ranking, rank_bids, rank_scored
from scoring.rules.scores import reweighted
from scoring.rules.wording import format_number

STEP = Fraction(10)


@dataclass(frozen=True)
class WeightChange:
    """One criterion's weight moved up or down, with every criterion's resulting weight."""

    criterion: CriterionRule
    direction: str
    new_weight: Fraction
    weights: Mapping[Hashable, Fraction]

    @property
    def text(self) -> str:
        """ "Place and geography weight goes up to 30%"."""
        return (
            f"{self.criterion.name} weight goes {self.direction} to "
            f"{format_number(self.new_weight)}%"
        )


@dataclass(frozen=True)
class MarginalBid:
    """A bid whose place in or out of the cohort changes under some weight change."""

    reference: str
    proposed: bool
    flips: tuple[str, ...]


@dataclass(frozen=True)
class StabilityReport:
    """The baseline proposal, the marginal bids, and changes under which no cohort exists."""

    baseline: Proposal
    marginal: tuple[MarginalBid, ...]
    changes: tuple[WeightChange, ...]
    no_cohort: tuple[str, ...]
    unchecked: tuple[str, ...] = ()  # changes not tried within the time allowed


def reweight(
    criteria: Sequence[CriterionRule], criterion_id: Hashable, new_weight
) -> dict[Hashable, Fraction]:
    """Set one weight (clamped to 0-100) and rescale the others to make 100 in total, exactly."""
    new_weight = min(Fraction(100), max(Fraction(0), exact(new_weight)))
    others = [c for c in criteria if c.id != criterion_id]
    rest = sum((c.weight for c in others), Fraction(0))
    weights = {criterion_id: new_weight}
    for c in others:
        share = c.weight / rest if rest > 0 else Fraction(1, len(others))
        weights[c.id] = (100 - new_weight) * share
    return weights


def weight_changes(criteria: Sequence[CriterionRule], step=STEP) -> list[WeightChange]:
    """Each criterion up and down by ``step`` points, skipping changes the clamp cancels."""
    if len(criteria) < 2:
        return []
    changes = []
    for c in criteria:
        for direction, sign in (("up", 1), ("down", -1)):
            new_weight = min(Fraction(100), max(Fraction(0), c.weight + sign * exact(step)))
            if new_weight == c.weight:
                continue
            changes.append(
                WeightChange(c, direction, new_weight, reweight(criteria, c.id, new_weight))
            )
    return changes


STABILITY_SECONDS = 8.0


def stability(
    bids: Iterable[BidScores],
    rules: RoundRules,
    constraints: CohortConstraints,
    step=STEP,
    seconds: float | None = STABILITY_SECONDS,
    baseline_ranking: Ranking | None = None,
    baseline: Proposal | None = None,
) -> StabilityReport:
    """Recompute the proposal under each weight change and report the bids that flip.

    Changes not reached within ``seconds`` (None: no limit) are listed as ``unchecked``, so
    the page answers in time however many bids there are. ``baseline_ranking`` and
    ``baseline`` (the ranking and proposal under ``rules``, when the caller has them) are
    reused rather than worked out again. The bids are scored once: under a weight change
    only the weighted totals are worked out again (``scoring.rules.scores.reweighted``).
    Raises :class:`ConstraintError` when the rules or constraints are invalid as given.
    """
    deadline = None if seconds is None else time.monotonic() + seconds
    bids = list(bids)
    if baseline_ranking is None:
        baseline_ranking = rank_bids(bids, rules)
    if baseline is None:
        baseline = propose(baseline_ranking, constraints)
    scored_by_reference = {
        item.reference: item.bid for item in (*baseline_ranking.ranked, *baseline_ranking.excluded)
    }
    scored = [scored_by_reference[b.reference] for b in bids]
    changes = weight_changes(rules.criteria, step)
    if not baseline.feasible:
        return StabilityReport(baseline, (), tuple(changes), ())
    selected = set(baseline.selected)
    flips: dict[str, list[str]] = {}
    no_cohort, unchecked = [], []
    for change in changes:
        if deadline is not None and time.monotonic() > deadline:
            unchecked.append(change.text)
            continue
        outcome = _proposal_under(bids, scored, rules.with_weights(change.weights), constraints)
        if outcome is None:
            no_cohort.append(change.text)
            continue
        moved = selected.symmetric_difference(outcome.selected)
        for reference in moved:
            verb = "Drops out" if reference in selected else "Comes in"
            flips.setdefault(reference, []).append(f"{verb} if {change.text}")
    order = [b.reference for b in baseline_ranking.ranked] + [
        e.reference for e in baseline_ranking.excluded
    ]
    marginal = tuple(
        MarginalBid(reference, reference in selected, tuple(flips[reference]))
        for reference in _in_order(order, flips)
    )
    return StabilityReport(baseline, marginal, tuple(changes), tuple(no_cohort), tuple(unchecked))


def _in_order(order: list[str], references: Iterable[str]) -> list[str]:
    wanted = set(references)
    return [r for r in order if r in wanted]


def _proposal_under(
    bids: list[BidScores], scored: list, rules: RoundRules, constraints: CohortConstraints
) -> Proposal | None:
    """The proposal under changed weights, or None if no cohort (or pin) works any more."""
    try:
        rules.validate()
        rescored, calibration = reweighted(scored, bids, rules)
        ranking = rank_scored(rescored, rules, calibration, explain=False)
        proposal = propose(ranking, constraints, explain_infeasible=False)
    except ConstraintError:
        return None
    return proposal if proposal.feasible else None
