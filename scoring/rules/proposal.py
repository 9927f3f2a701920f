"""The proposed cohort: the best set of bids that meets the chair's constraints.

The rules, as the panel sees them:

* Only ranked bids can be proposed: complete, at or above the quality threshold and every
  criterion minimum.
* The proposal maximises the sum of the proposed bids' weighted totals as shown (one decimal,
  so the sum is exact), subject to: the cohort
  size (an exact number or a range), at most N bids per region, at least M regions, optionally at
  most K bids whose districts overlap an earlier cohort, and bids the chair pinned in (always
  proposed) or out (never proposed).
* When two cohorts are equally good (equal sums), the one whose members come first
  in the ranking wins: compare the two cohorts' best-ranked members, then the next, and so on (a
  cohort containing the other plus more bids wins). So the answer never depends on chance.
* When no cohort meets the constraints, the proposal says why, with the numbers, and names each
  single change of a setting that makes a cohort possible, or the settings that together block
  it (``scoring.rules.infeasibility``).
* Invalid constraints (a size below 1, a smallest size above the largest, a bid pinned both in
  and out, pinning in a bid that cannot be proposed) raise :class:`ConstraintError` naming the
  form field.

The search is exact and polynomial: a min-cost flow on a network of 2R + 5 nodes (R regions),
at most U augmenting paths for a largest cohort size U, each a Dijkstra over O(R) edges, so
O(n log n + U * R log R) integer operations for n candidates (``scoring.rules.cohort_search``
states the network and why it is exact). It needs no external solver and applies the tie rule
above exactly (integer values, never rounded). The tests check it against brute force on small
rounds and against an integer programme solved by CBC (PuLP) on larger ones, including the
widest shapes the constraints form accepts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from scoring.rules.cohort_search import best_cohort
from scoring.rules.inputs import ConstraintError
from scoring.rules.ranking import Ranking
from scoring.rules.wording import join_and

NON_FIELD = "__all__"


@dataclass(frozen=True)
class Candidate:
    """A ranked bid as the proposal sees it; ``total`` is its figure as shown (a Decimal)."""

    reference: str
    total: Decimal
    region: str
    overlaps_earlier: bool = False

    def __post_init__(self):
        if not isinstance(self.total, Decimal):  # a float means the decimal it prints as
            object.__setattr__(self, "total", Decimal(repr(self.total)))


@dataclass(frozen=True)
class CohortConstraints:
    """The chair's constraints. ``size_max`` None means the size is exactly ``size_min``.

    ``max_overlap`` limits the bids sharing a district with ``earlier_districts`` (the districts
    of earlier cohorts); None means no limit.
    """

    size_min: int
    size_max: int | None = None
    max_per_region: int | None = None
    min_regions: int | None = None
    max_overlap: int | None = None
    earlier_districts: frozenset[str] = frozenset()
    pinned_in: frozenset[str] = frozenset()
    pinned_out: frozenset[str] = frozenset()

    @property
    def upper(self) -> int:
        """The largest cohort allowed."""
        return self.size_min if self.size_max is None else self.size_max

    @property
    def size_text(self) -> str:
        """ "8", or "8 to 10" for a range."""
        if self.upper == self.size_min:
            return str(self.size_min)
        return f"{self.size_min} to {self.upper}"

    def validate(self) -> None:
        """Raise :class:`ConstraintError` for constraints that make no sense on their own."""
        if self.size_min < 1:
            raise ConstraintError("size_min", "The cohort size must be at least 1")
        if self.upper < self.size_min:
            raise ConstraintError(
                "size_max",
                f"The largest cohort size ({self.upper}) cannot be smaller than the smallest "
                f"({self.size_min})",
            )
        if self.max_per_region is not None and self.max_per_region < 1:
            raise ConstraintError("max_per_region", "The limit per region must be at least 1")
        if self.min_regions is not None and self.min_regions < 1:
            raise ConstraintError("min_regions", "The number of regions must be at least 1")
        if self.max_overlap is not None and self.max_overlap < 0:
            raise ConstraintError(
                "max_overlap", "The limit on bids overlapping an earlier cohort cannot be negative"
            )
        both = sorted(self.pinned_in & self.pinned_out)
        if both:
            raise ConstraintError(
                "pinned_out", f"{join_and(both)} cannot be pinned both in and out"
            )


@dataclass(frozen=True)
class Infeasibility:
    """Why no cohort meets the constraints, and the form field of the constraint to blame."""

    field: str
    message: str


@dataclass(frozen=True)
class Proposal:
    """The proposed cohort (references in ranking order), or why there is none."""

    selected: tuple[str, ...]
    total: Decimal
    constraints: CohortConstraints
    infeasible: Infeasibility | None = None

    @property
    def feasible(self) -> bool:
        return self.infeasible is None


def validate_pins(
    candidates: Sequence[Candidate],
    constraints: CohortConstraints,
    ineligible: Mapping[str, str],
) -> None:
    """Pinned bids must exist, and bids pinned in must be eligible."""
    known = {c.reference for c in candidates}
    for name, pins in (
        ("pinned_in", constraints.pinned_in),
        ("pinned_out", constraints.pinned_out),
    ):
        unknown = sorted(r for r in pins if r not in known and r not in ineligible)
        if unknown:
            verb = "is not a bid" if len(unknown) == 1 else "are not bids"
            raise ConstraintError(name, f"{join_and(unknown)} {verb} in this round")
    for reference in sorted(constraints.pinned_in):
        if reference in ineligible:
            raise ConstraintError(
                "pinned_in", f"{reference} cannot be pinned in: {ineligible[reference]}"
            )


def _check_order(candidates: Sequence[Candidate]) -> None:
    if len({c.reference for c in candidates}) != len(candidates):
        raise ValueError("Each candidate reference must appear only once")
    for a, b in zip(candidates, candidates[1:], strict=False):
        if b.total > a.total:
            raise ValueError("Candidates must be given in ranking order (highest total first)")


# --- The exact search -------------------------------------------------------------------------
#
# Reduction. Within a region, split the bids not pinned into classes: those overlapping an
# earlier cohort and the rest (one class if there is no overlap limit). Two bids of one class
# count identically towards every constraint: size, per-region limit, regions covered, overlap
# limit. Take the cohort we want (largest sum, then first in the ranking) and suppose it holds b
# but not a, with a ranked above b in the same class. Swapping b for a keeps every constraint
# met, changes the sum by total(a) - total(b) >= 0 (the ranking is by total; a tie is within the
# same figure) and brings the cohort earlier in the ranking, so the swapped cohort is at least
# as good: a contradiction. Hence the cohort takes a *prefix* of each class, no longer than the
# free places. The search (``scoring.rules.cohort_search``) is a flow over these prefixes.


def _best_cohort(
    candidates: Sequence[Candidate], constraints: CohortConstraints
) -> tuple[int, ...] | None:
    """Positions (in ranking order) of the best cohort meeting the constraints, or None."""
    return best_cohort(candidates, constraints)


# --- Public entry points ----------------------------------------------------------------------


def solve(
    candidates: Sequence[Candidate],
    constraints: CohortConstraints,
    ineligible: Mapping[str, str] | None = None,
    explain_infeasible: bool = True,
) -> Proposal:
    """The optimal cohort from candidates given in ranking order.

    ``ineligible`` maps the references of bids that cannot be proposed to the reason, so that
    pinning one of them in is reported clearly. Without ``explain_infeasible`` an impossible
    cohort is reported without working out why (the stability check only needs to know).
    Raises :class:`ConstraintError` for invalid constraints; returns a :class:`Proposal` with
    ``infeasible`` set when no cohort exists.
    """
    constraints.validate()
    candidates = list(candidates)
    _check_order(candidates)
    validate_pins(candidates, constraints, ineligible or {})
    positions = _best_cohort(candidates, constraints)
    if positions is None:
        from scoring.rules.infeasibility import diagnose

        reason = (
            diagnose(candidates, constraints, ineligible)
            if explain_infeasible
            else Infeasibility(NON_FIELD, "No cohort meets the constraints")
        )
        return Proposal((), Decimal(0), constraints, reason)
    chosen = [candidates[i] for i in positions]
    total = sum((c.total for c in chosen), Decimal(0))
    return Proposal(tuple(c.reference for c in chosen), total, constraints)


def candidates_from_ranking(ranking: Ranking, constraints: CohortConstraints) -> list[Candidate]:
    """The ranked bids as candidates, flagging those sharing a district with earlier cohorts."""
    earlier = constraints.earlier_districts
    return [
        Candidate(r.reference, r.figure, r.bid.region, bool(r.bid.districts & earlier))
        for r in ranking.ranked
    ]


def propose(
    ranking: Ranking, constraints: CohortConstraints, explain_infeasible: bool = True
) -> Proposal:
    """The optimal cohort from a ranking (see the module docstring for the rules)."""
    ineligible = {e.reference: e.reason for e in ranking.excluded}
    candidates = candidates_from_ranking(ranking, constraints)
    return solve(candidates, constraints, ineligible, explain_infeasible)
