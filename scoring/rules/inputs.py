"""The ranking's inputs as plain data: criteria, assessments, bids and the round's rules.

``CriterionRule``, ``AssessmentScores`` and ``BidScores`` are what the ranking sees of the models
``scoring.models.Criterion``, ``scoring.models.Assessment`` and ``applications.models.Bid``
(``scoring.select.data`` builds them from the database). ``RoundRules`` holds the criteria,
the quota of assessments per bid, the quality threshold, the tie-break rules and calibration.

Tie-break rules
    Bids with the same total as shown (one decimal, see ``scoring.rules.figures``) are ties,
    broken by the round's tie-break rules in order. The rules name criteria by identity. The
    default: higher score on the criterion named "Strength of partnership" (the round's
    heaviest criterion if none has that name), then smaller spread between assessors, then
    earlier first submission. The bid reference (alphabetical order) is always the final rule,
    so the order is total.

An input the panel must correct raises :class:`ConstraintError`, naming the form field.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from core.refusals import Refused
from scoring.rules.figures import exact, one_decimal
from scoring.rules.wording import format_number

CriterionId = Hashable
TieBreak = tuple

CRITERION_DESC = "criterion_desc"
SPREAD_ASC = "spread_asc"
FIRST_SUBMITTED_ASC = "first_submitted_asc"
REFERENCE_ASC = "reference_asc"
TIE_BREAK_KINDS = (CRITERION_DESC, SPREAD_ASC, FIRST_SUBMITTED_ASC, REFERENCE_ASC)
DEFAULT_TIE_BREAK_CRITERION = "Strength of partnership"


class ConstraintError(Refused, ValueError):
    """An input the panel must correct; ``field`` names the form field it belongs beside."""

    def __init__(self, field: str, message: str):
        super().__init__(message, field)


@dataclass(frozen=True)
class CriterionRule:
    """A scoring criterion: ``weight`` in percentage points; ``minimum`` on the score scale.

    Numbers are kept exact (``fractions.Fraction``); a float means the decimal it prints as.
    """

    id: CriterionId
    name: str
    weight: Fraction
    minimum: Fraction | None = None
    scale_min: Fraction = Fraction(0)
    scale_max: Fraction = Fraction(5)

    def __post_init__(self):
        for name in ("weight", "minimum", "scale_min", "scale_max"):
            object.__setattr__(self, name, exact(getattr(self, name)))


@dataclass(frozen=True)
class AssessmentScores:
    """One assessor's scores for one bid; only submitted assessments count."""

    assessor: str
    scores: Mapping[CriterionId, Fraction | int | None]
    submitted: bool = True


@dataclass(frozen=True)
class BidScores:
    """A bid as the ranking sees it. ``region`` is its region (``applications.answers.
    derived_region_code``, or the chair's override)."""

    reference: str
    region: str
    assessments: Sequence[AssessmentScores] = ()
    moderated: Mapping[CriterionId, Fraction | Decimal | int] = field(default_factory=dict)
    first_submitted: datetime | None = None
    districts: frozenset[str] = frozenset()


def default_tie_break_criterion(criteria: Sequence[CriterionRule]) -> CriterionRule | None:
    """The criterion of the default first tie-break: the one named "Strength of partnership"
    (whatever its position), else the heaviest (the first listed of equal weights)."""
    for c in criteria:
        if c.name.strip().casefold() == DEFAULT_TIE_BREAK_CRITERION.casefold():
            return c
    heaviest = None
    for c in criteria:
        if heaviest is None or c.weight > heaviest.weight:
            heaviest = c
    return heaviest


def default_tie_breaks(criteria: Sequence[CriterionRule]) -> tuple[TieBreak, ...]:
    """Higher Strength of partnership score, smaller spread, earlier first submission."""
    chosen = default_tie_break_criterion(criteria)
    rules: list[TieBreak] = [(CRITERION_DESC, chosen.id)] if chosen is not None else []
    return (*rules, (SPREAD_ASC,), (FIRST_SUBMITTED_ASC,))


@dataclass(frozen=True)
class RoundRules:
    """The round's scoring rules. ``tie_breaks`` of None means :func:`default_tie_breaks`."""

    criteria: tuple[CriterionRule, ...]
    quota: int = 3
    quality_threshold: Fraction = Fraction(60)
    tie_breaks: tuple[TieBreak, ...] | None = None
    calibrate: bool = False
    calibration_min_bids: int = 5

    def __post_init__(self):
        object.__setattr__(self, "quality_threshold", exact(self.quality_threshold))

    def criterion(self, criterion_id: CriterionId) -> CriterionRule:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def effective_tie_breaks(self) -> tuple[TieBreak, ...]:
        """The tie-break rules in force, always ending with the reference rule."""
        rules = default_tie_breaks(self.criteria) if self.tie_breaks is None else self.tie_breaks
        rules = tuple(tuple(rule) for rule in rules)
        if not rules or rules[-1] != (REFERENCE_ASC,):
            rules = (*rules, (REFERENCE_ASC,))
        return rules

    def with_weights(self, weights: Mapping[CriterionId, Fraction]) -> RoundRules:
        """A copy of the rules with new criterion weights."""
        criteria = tuple(replace(c, weight=weights.get(c.id, c.weight)) for c in self.criteria)
        return replace(self, criteria=criteria)

    def validate(self) -> None:
        """Raise :class:`ConstraintError` for rules the panel must correct."""
        if not 0 <= self.quality_threshold <= 100:
            raise ConstraintError(
                "quality_threshold", "Enter a quality threshold between 0% and 100%"
            )
        if one_decimal(self.quality_threshold) != self.quality_threshold:
            raise ConstraintError(
                "quality_threshold", "Enter the quality threshold with at most 1 decimal place"
            )
        if not self.criteria:
            raise ConstraintError("criteria", "Add at least one criterion")
        if len({c.id for c in self.criteria}) != len(self.criteria):
            raise ConstraintError("criteria", "Each criterion must appear only once")
        if self.quota < 1:
            raise ConstraintError("quota", "At least 1 assessment per bid is needed")
        if self.calibration_min_bids < 2:
            raise ConstraintError(
                "calibration_min_bids", "Calibration needs at least 2 bids per assessor"
            )
        for c in self.criteria:
            if c.weight < 0:
                raise ConstraintError("weights", f"The weight of {c.name} cannot be negative")
            if c.scale_max <= c.scale_min:
                raise ConstraintError(
                    "scale_max", f"The top of the scale for {c.name} must be above the bottom"
                )
            if c.minimum is not None and not c.scale_min <= c.minimum <= c.scale_max:
                raise ConstraintError(
                    "minimum",
                    f"The minimum for {c.name} must be between {format_number(c.scale_min)} "
                    f"and {format_number(c.scale_max)}",
                )
            if c.minimum is not None and one_decimal(c.minimum) != c.minimum:
                raise ConstraintError(
                    "minimum", f"Enter the minimum for {c.name} with at most 1 decimal place"
                )
        weight_sum = sum((c.weight for c in self.criteria), Fraction(0))
        if weight_sum != 100:
            raise ConstraintError(
                "weights",
                f"The criterion weights must add up to 100%; they add up to "
                f"{format_number(weight_sum)}%",
            )
        self._validate_tie_breaks()

    def _validate_tie_breaks(self) -> None:
        ids = {c.id for c in self.criteria}
        for rule in self.effective_tie_breaks():
            if not rule or rule[0] not in TIE_BREAK_KINDS:
                raise ConstraintError("tie_breaks", f"Unknown tie-break rule {rule!r}")
            needs_criterion = rule[0] == CRITERION_DESC
            if len(rule) != (2 if needs_criterion else 1):
                raise ConstraintError("tie_breaks", f"Tie-break rule {rule!r} is malformed")
            if needs_criterion and rule[1] not in ids:
                raise ConstraintError(
                    "tie_breaks", f"Tie-break rule {rule!r} names an unknown criterion"
                )


def describe_tie_break(rule: TieBreak, rules: RoundRules) -> str:
    """One tie-break rule in plain English: "Higher Strength of partnership score"."""
    if rule[0] == CRITERION_DESC:
        return f"Higher {rules.criterion(rule[1]).name} score"
    if rule[0] == SPREAD_ASC:
        return "Smaller spread between assessors' totals"
    if rule[0] == FIRST_SUBMITTED_ASC:
        return "Earlier first submission"
    return "Reference, in alphabetical order"


def describe_tie_breaks(rules: RoundRules) -> list[str]:
    """The tie-break rules in plain English, in order, for the ranking page."""
    return [describe_tie_break(rule, rules) for rule in rules.effective_tie_breaks()]
