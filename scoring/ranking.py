"""Scores, ranking and the region of a bid, on plain data (no database).

The rules, as the panel sees them:

Score of a bid
    For each criterion the bid's score is the moderated score if the panel agreed one, otherwise
    the mean of the submitted assessments' scores. The weighted total is the sum over criteria of
    weight x score / scale maximum (each criterion's own, 5 by default): a percentage, shown with
    one decimal but never rounded in calculations. A bid with fewer submitted assessments than
    the round's quota is *incomplete*: it is listed separately and cannot be proposed (so is a
    bid with no score at all for some criterion).

Calibration (optional, off by default)
    See ``scoring.calibration``. When it is on, the calibrated total replaces the raw total for
    ranking, the quality threshold and the cohort proposal; the raw total and the raw rank are
    shown beside it so the panel sees who moved and why. If the panel moderated any criterion of
    a bid, the calibration adjustment (mean calibrated minus mean raw assessor total) is added to
    the moderated total.

Ranking
    Bids are listed by weighted total, highest first. Totals equal to within 1e-9 are ties, broken
    by the round's tie-break rules in order (default: higher Strength of partnership score - the
    round's first criterion - then smaller spread between assessors, then earlier first
    submission). The spread is the highest minus the lowest assessor total, in percentage points.
    The bid reference (alphabetical order) is always the final rule, so the order is total.
    Bids below the quality threshold (default 60%) or below any criterion's minimum are listed
    separately with the reason. Each ranked bid carries the rule behind its place, for example
    "Rank 4: 72.5%, tied with LP2-0012 on total; placed higher on Strength of partnership (4.0
    against 3.7)".

Score distribution
    For the chart beside the ranking: per criterion, how many submitted assessments gave each
    score (:func:`score_distributions`).

Region of a bid
    The region holding most of the bid's districts; on a tie, the lead council's region (or, if
    the lead council's region is not among the tied regions, the first of them alphabetically).
    The chair can override it, giving a reason.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from scoring.calibration import (
    AssessorTotal,
    Calibration,
    Distribution,
    calibrate,
    score_distribution,
)

TOLERANCE = 1e-9
CriterionId = Hashable
TieBreak = tuple

CRITERION_DESC = "criterion_desc"
SPREAD_ASC = "spread_asc"
FIRST_SUBMITTED_ASC = "first_submitted_asc"
REFERENCE_ASC = "reference_asc"
TIE_BREAK_KINDS = (CRITERION_DESC, SPREAD_ASC, FIRST_SUBMITTED_ASC, REFERENCE_ASC)

ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class ConstraintError(ValueError):
    """An input the panel must correct; ``field`` names the form field it belongs beside."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


# --- Wording helpers shared by the selection modules ------------------------------------------


def format_percent(value: float) -> str:
    """72.5%: a percentage with one decimal."""
    return f"{value:.1f}%"


def format_score(value: float | None) -> str:
    """A criterion score with one decimal, or "no score"."""
    return "no score" if value is None else f"{value:.1f}"


def format_number(value: float) -> str:
    """3 or 2.5: whole numbers without a decimal point."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def ordinal(n: int) -> str:
    """first, second, ... twentieth, then 21st, 22nd, ..."""
    if 1 <= n <= len(ORDINALS):
        return ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def region_phrase(region: str) -> str:
    """ "the North West", but "London" and "Yorkshire and The Humber"."""
    first = region.split(" ", 1)[0]
    return f"the {region}" if first in {"North", "South", "East", "West"} else region


def capitalise(text: str) -> str:
    """Upper-case the first letter only: "the North West ..." -> "The North West ..."."""
    return text[:1].upper() + text[1:]


def join_and(items: Sequence[str]) -> str:
    """a; a and b; a, b and c."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural_form or singular + 's')}"


def format_datetime(value: datetime, with_time: bool = False) -> str:
    """3 March 2025, or 10:15am on 3 March 2025."""
    day = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if not with_time:
        return day
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d}{'am' if value.hour < 12 else 'pm'} on {day}"


# --- Inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    """A scoring criterion: ``weight`` in percentage points; ``minimum`` on the score scale.

    Decimal inputs (as stored in the database) are converted to floats.
    """

    id: CriterionId
    name: str
    weight: float
    minimum: float | None = None
    scale_min: float = 0
    scale_max: float = 5

    def __post_init__(self):
        object.__setattr__(self, "weight", float(self.weight))
        object.__setattr__(self, "scale_min", float(self.scale_min))
        object.__setattr__(self, "scale_max", float(self.scale_max))
        if self.minimum is not None:
            object.__setattr__(self, "minimum", float(self.minimum))


@dataclass(frozen=True)
class Assessment:
    """One assessor's scores for one bid; only submitted assessments count."""

    assessor: str
    scores: Mapping[CriterionId, float]
    submitted: bool = True


@dataclass(frozen=True)
class Bid:
    """A bid as the ranking sees it. ``region`` is the decided region (see :func:`bid_region`)."""

    reference: str
    region: str
    assessments: Sequence[Assessment] = ()
    moderated: Mapping[CriterionId, float] = field(default_factory=dict)
    first_submitted: datetime | None = None
    districts: frozenset[str] = frozenset()


def default_tie_breaks(criteria: Sequence[Criterion]) -> tuple[TieBreak, ...]:
    """Higher score on the first criterion, smaller spread, earlier first submission."""
    rules: list[TieBreak] = [(CRITERION_DESC, criteria[0].id)] if criteria else []
    return (*rules, (SPREAD_ASC,), (FIRST_SUBMITTED_ASC,))


@dataclass(frozen=True)
class RoundRules:
    """The round's scoring rules. ``tie_breaks`` of None means :func:`default_tie_breaks`."""

    criteria: tuple[Criterion, ...]
    quota: int = 3
    quality_threshold: float = 60.0
    tie_breaks: tuple[TieBreak, ...] | None = None
    calibrate: bool = False
    calibration_min_bids: int = 5

    def criterion(self, criterion_id: CriterionId) -> Criterion:
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

    def with_weights(self, weights: Mapping[CriterionId, float]) -> RoundRules:
        """A copy of the rules with new criterion weights."""
        criteria = tuple(replace(c, weight=weights.get(c.id, c.weight)) for c in self.criteria)
        return replace(self, criteria=criteria)

    def validate(self) -> None:
        """Raise :class:`ConstraintError` for rules the panel must correct."""
        if not 0 <= self.quality_threshold <= 100:
            raise ConstraintError(
                "quality_threshold", "Enter a quality threshold between 0% and 100%"
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
        weight_sum = sum(c.weight for c in self.criteria)
        if abs(weight_sum - 100) > 1e-6:
            raise ConstraintError(
                "weights",
                f"The criterion weights must add up to 100%; they add up to "
                f"{format_number(round(weight_sum, 6))}%",
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


def describe_tie_breaks(rules: RoundRules) -> list[str]:
    """The tie-break rules in plain English, in order, for the ranking page."""
    texts = []
    for rule in rules.effective_tie_breaks():
        if rule[0] == CRITERION_DESC:
            texts.append(f"Higher {rules.criterion(rule[1]).name} score")
        elif rule[0] == SPREAD_ASC:
            texts.append("Smaller spread between assessors' totals")
        elif rule[0] == FIRST_SUBMITTED_ASC:
            texts.append("Earlier first submission")
        else:
            texts.append("Reference, in alphabetical order")
    return texts


# --- Scores ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shortfall:
    """A criterion score below the criterion's minimum."""

    criterion: Criterion
    score: float | None


@dataclass(frozen=True)
class ScoredBid:
    """A bid's scores. ``total`` is the figure in force (calibrated when calibration is on)."""

    reference: str
    region: str
    first_submitted: datetime | None
    districts: frozenset[str]
    criterion_scores: Mapping[CriterionId, float | None]
    assessor_totals: Mapping[str, float]
    raw_total: float | None
    calibrated_total: float | None
    submitted: int
    quota: int
    shortfalls: tuple[Shortfall, ...]
    criteria: tuple[Criterion, ...] = ()

    @property
    def total(self) -> float | None:
        return self.raw_total if self.calibrated_total is None else self.calibrated_total

    @property
    def criteria_without_score(self) -> list[Criterion]:
        return [c for c in self.criteria if self.criterion_scores.get(c.id) is None]

    @property
    def complete(self) -> bool:
        return self.submitted >= self.quota

    @property
    def spread(self) -> float | None:
        """Highest minus lowest assessor total, in percentage points."""
        values = list(self.assessor_totals.values())
        return max(values) - min(values) if values else None


def weighted_total(
    scores: Mapping[CriterionId, float | None], criteria: Sequence[Criterion]
) -> float | None:
    """Sum of weight x score / scale maximum; None if any criterion has no score."""
    total = 0.0
    for c in criteria:
        score = scores.get(c.id)
        if score is None:
            return None
        total += c.weight * score / c.scale_max
    return total


def criterion_scores(bid: Bid, criteria: Sequence[Criterion]) -> dict[CriterionId, float | None]:
    """Per criterion: the moderated score, else the mean of submitted assessments' scores."""
    submitted = [a for a in bid.assessments if a.submitted]
    result: dict[CriterionId, float | None] = {}
    for c in criteria:
        if c.id in bid.moderated:
            result[c.id] = float(bid.moderated[c.id])
            continue
        given = [a.scores[c.id] for a in submitted if a.scores.get(c.id) is not None]
        result[c.id] = sum(given) / len(given) if given else None
    return result


def score_bid(bid: Bid, rules: RoundRules) -> ScoredBid:
    """The bid's criterion scores, assessor totals and raw weighted total (no calibration)."""
    scores = criterion_scores(bid, rules.criteria)
    submitted = [a for a in bid.assessments if a.submitted]
    assessor_totals = {}
    for a in submitted:
        value = weighted_total(a.scores, rules.criteria)
        if value is not None:
            assessor_totals[a.assessor] = value
    shortfalls = tuple(
        Shortfall(c, scores[c.id])
        for c in rules.criteria
        if c.minimum is not None and (scores[c.id] is None or scores[c.id] < c.minimum - TOLERANCE)
    )
    return ScoredBid(
        reference=bid.reference,
        region=bid.region,
        first_submitted=bid.first_submitted,
        districts=frozenset(bid.districts),
        criterion_scores=scores,
        assessor_totals=assessor_totals,
        raw_total=weighted_total(scores, rules.criteria),
        calibrated_total=None,
        submitted=len(submitted),
        quota=rules.quota,
        shortfalls=shortfalls,
        criteria=tuple(rules.criteria),
    )


def score_bids(
    bids: Iterable[Bid], rules: RoundRules
) -> tuple[list[ScoredBid], Calibration | None]:
    """Score every bid; with calibration on, also fill in the calibrated totals."""
    scored = [score_bid(bid, rules) for bid in bids]
    if not rules.calibrate:
        return scored, None
    calibration = calibrate(
        (
            AssessorTotal(assessor, s.reference, total)
            for s in scored
            for assessor, total in s.assessor_totals.items()
        ),
        rules.calibration_min_bids,
    )
    result = []
    for s in scored:
        mean_calibrated = calibration.bid_total(s.reference)
        if mean_calibrated is None or s.raw_total is None:
            result.append(s)
            continue
        shift = mean_calibrated - calibration.raw_bid_total(s.reference)
        result.append(replace(s, calibrated_total=s.raw_total + shift))
    return result, calibration


# --- Ranking -----------------------------------------------------------------------------------


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
    def total(self) -> float:
        return self.bid.total


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


def exclusion(bid: ScoredBid, threshold: float) -> ExcludedBid | None:
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
    if bid.total < threshold - TOLERANCE:
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


def _compare_numbers(a: float | None, b: float | None, higher_first: bool) -> int:
    """-1 if a is placed first, 1 if b is, 0 if equal to within the tolerance; None is last."""
    if a is None or b is None:
        return 0 if a is b else (1 if a is None else -1)
    if abs(a - b) <= TOLERANCE:
        return 0
    return -1 if (a > b) == higher_first else 1


def compare_on_rule(rule: TieBreak, a: ScoredBid, b: ScoredBid) -> int:
    """-1 if rule places a above b, 1 if below, 0 if the rule does not separate them."""
    kind = rule[0]
    if kind == CRITERION_DESC:
        return _compare_numbers(
            a.criterion_scores.get(rule[1]), b.criterion_scores.get(rule[1]), True
        )
    if kind == SPREAD_ASC:
        return _compare_numbers(a.spread, b.spread, False)
    if kind == FIRST_SUBMITTED_ASC:
        x, y = a.first_submitted, b.first_submitted
        if x is None or y is None:
            return 0 if x is y else (1 if x is None else -1)
        return 0 if x == y else (-1 if x < y else 1)
    return 0 if a.reference == b.reference else (-1 if a.reference < b.reference else 1)


def deciding_rule(rules: Sequence[TieBreak], a: ScoredBid, b: ScoredBid) -> tuple[TieBreak, int]:
    """The first rule separating two tied bids, and its verdict (-1: a above b)."""
    for rule in rules:
        verdict = compare_on_rule(rule, a, b)
        if verdict:
            return rule, verdict
    return (REFERENCE_ASC,), 0


def order_bids(
    bids: Sequence[ScoredBid], rules: RoundRules, key: str = "total"
) -> list[list[ScoredBid]]:
    """Bids in ranking order, as groups of ties (totals within 1e-9 of the group's first)."""
    tie_breaks = rules.effective_tie_breaks()
    by_total = sorted(bids, key=lambda b: (-getattr(b, key), b.reference))
    groups: list[list[ScoredBid]] = []
    for bid in by_total:
        if groups and abs(getattr(groups[-1][0], key) - getattr(bid, key)) <= TOLERANCE:
            groups[-1].append(bid)
        else:
            groups.append([bid])

    def compare(a: ScoredBid, b: ScoredBid) -> int:
        return deciding_rule(tie_breaks, a, b)[1]

    return [sorted(g, key=functools.cmp_to_key(compare)) if len(g) > 1 else g for g in groups]


def _rule_clause(rule: TieBreak, bid: ScoredBid, other: ScoredBid, rules: RoundRules) -> str:
    """ "Strength of partnership (4.0 against 3.7)" and the like, from bid's point of view."""
    won = compare_on_rule(rule, bid, other) < 0
    kind = rule[0]
    if kind == CRITERION_DESC:
        name = rules.criterion(rule[1]).name
        mine, theirs = bid.criterion_scores.get(rule[1]), other.criterion_scores.get(rule[1])
        return f"{name} ({format_score(mine)} against {format_score(theirs)})"
    if kind == SPREAD_ASC:
        label = "a smaller" if won else "a larger"
        return (
            f"{label} spread between assessors ({format_score(bid.spread)} against "
            f"{format_score(other.spread)} points)"
        )
    if kind == FIRST_SUBMITTED_ASC:
        label = "an earlier" if won else "a later"
        x, y = bid.first_submitted, other.first_submitted
        same_day = x is not None and y is not None and x.date() == y.date()
        texts = [
            "no submission date" if v is None else format_datetime(v, with_time=same_day)
            for v in (x, y)
        ]
        return f"{label} first submission ({texts[0]} against {texts[1]})"
    return f"reference ({bid.reference} against {other.reference})"


def _unrounded(a: float, b: float) -> tuple[str, str]:
    """The two totals with enough decimals to tell them apart."""
    for places in range(2, 10):
        x, y = f"{a:.{places}f}", f"{b:.{places}f}"
        if x != y:
            return f"{x}%", f"{y}%"
    return f"{a!r}%", f"{b!r}%"


def place_rule(
    rank: int, group: list[ScoredBid], index: int, rules: RoundRules, neighbours: tuple
) -> str:
    """The plain-English rule behind a bid's place in the ranking."""
    bid = group[index]
    head = f"Rank {rank}: {format_percent(bid.total)}"
    tie_breaks = rules.effective_tie_breaks()
    if len(group) == 1:
        clauses = []
        above, below = neighbours
        if above is not None and format_percent(above.total) == format_percent(bid.total):
            mine, theirs = _unrounded(bid.total, above.total)
            clauses.append(
                f"behind {above.reference} on the unrounded total ({mine} against {theirs})"
            )
        if below is not None and format_percent(below.total) == format_percent(bid.total):
            mine, theirs = _unrounded(bid.total, below.total)
            clauses.append(
                f"ahead of {below.reference} on the unrounded total ({mine} against {theirs})"
            )
        return f"{head}; {' and '.join(clauses) or 'no other bid has the same total'}"
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
    return f"{head}, tied with {join_and(others)} on total; {' and '.join(parts)}"


def _movement(rank: int, raw_rank: int, bid: ScoredBid, calibration: Calibration) -> str:
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
            parts.append(f"{a.assessor} {a.change:+.1f} points")
    return (
        f"{moved}: {format_percent(bid.total)} calibrated against "
        f"{format_percent(bid.raw_total)} raw; {', '.join(parts)}"
    )


def rank_scored(
    scored: Sequence[ScoredBid], rules: RoundRules, calibration: Calibration | None = None
) -> Ranking:
    """Rank already scored bids (see :func:`rank_bids`)."""
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
        raw_order = order_bids(eligible, rules, key="raw_total")
        raw_ranks = {b.reference: r for r, b in enumerate((b for g in raw_order for b in g), 1)}
    ranked = []
    rank = 0
    for group in groups:
        for index, bid in enumerate(group):
            rank += 1
            above = flat[rank - 2] if rank > 1 else None
            below = flat[rank] if rank < len(flat) else None
            rule = place_rule(rank, group, index, rules, (above, below))
            raw_rank = raw_ranks[bid.reference]
            movement = None
            if calibration is not None:
                movement = _movement(rank, raw_rank, bid, calibration)
            ranked.append(RankedBid(rank, raw_rank, bid, rule, movement))
    excluded.sort(key=lambda e: (e.kind == INCOMPLETE, -(e.bid.total or 0.0), e.reference))
    return Ranking(rules, tuple(ranked), tuple(excluded), calibration)


def rank_bids(bids: Iterable[Bid], rules: RoundRules) -> Ranking:
    """Score and rank bids: the ranked list, and the bids listed separately with reasons.

    Raises :class:`ConstraintError` if the rules are invalid, ``ValueError`` on duplicate
    references.
    """
    rules.validate()
    bids = list(bids)
    if len({b.reference for b in bids}) != len(bids):
        raise ValueError("Each bid reference must appear only once")
    scored, calibration = score_bids(bids, rules)
    return rank_scored(scored, rules, calibration)


def score_distributions(bids: Iterable[Bid], rules: RoundRules) -> list[Distribution]:
    """For each criterion, how many submitted assessments gave each score (for the chart)."""
    given: dict[CriterionId, list[float]] = {c.id: [] for c in rules.criteria}
    for bid in bids:
        for assessment in bid.assessments:
            if not assessment.submitted:
                continue
            for c in rules.criteria:
                score = assessment.scores.get(c.id)
                if score is not None:
                    given[c.id].append(score)
    return [
        score_distribution(c.id, c.name, given[c.id], c.scale_min, c.scale_max)
        for c in rules.criteria
    ]


# --- Region ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionOverride:
    """The chair's decision to place a bid in a region, with the reason for it."""

    region: str
    reason: str


@dataclass(frozen=True)
class RegionDecision:
    """A bid's region, how it was decided, and whether the chair set it."""

    region: str
    reason: str
    overridden: bool = False


def bid_region(
    district_regions: Sequence[str],
    lead_council_region: str,
    override: RegionOverride | None = None,
) -> RegionDecision:
    """The region of a bid from the region of each of its districts (one entry per district)."""
    if override is not None:
        if not override.region.strip():
            raise ConstraintError("region", "Choose a region")
        if not override.reason.strip():
            raise ConstraintError("reason", "Enter a reason for changing the region")
        return RegionDecision(override.region, f"Set by the chair: {override.reason.strip()}", True)
    counts = Counter(district_regions)
    if not counts:
        return RegionDecision(
            lead_council_region, "No districts recorded; the lead council's region"
        )
    most = max(counts.values())
    tied = sorted(region for region, count in counts.items() if count == most)
    total = sum(counts.values())
    if len(tied) == 1:
        return RegionDecision(
            tied[0],
            f"{capitalise(region_phrase(tied[0]))} holds {most} of the bid's {total} districts",
        )
    names = capitalise(join_and([region_phrase(r) for r in tied]))
    held = f"{names} hold {plural(most, 'district')} each"
    if lead_council_region in tied:
        return RegionDecision(
            lead_council_region,
            f"{held}; the lead council is in {region_phrase(lead_council_region)}",
        )
    return RegionDecision(
        tied[0],
        f"{held}; the lead council's region is not among them, so the first alphabetically is used",
    )
