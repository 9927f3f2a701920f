"""The score of a bid, on plain data.

For each criterion the bid's score is the moderated score if the panel agreed one, otherwise
the mean of the submitted assessments' scores. The weighted total is the sum over criteria of
weight x score / scale maximum (each criterion's own, 5 by default): a percentage. Both are
worked out once, exactly, by ``scoring.rules.figures.bid_figure``, and shown and compared
rounded half up to one decimal (``ScoredBid.figure``, ``ScoredBid.shown_score``). A bid with
fewer submitted assessments than the round's quota is *incomplete*: it is listed separately
and cannot be proposed (so is a bid with no score at all for some criterion).

Calibration (optional, off by default)
    See ``scoring.rules.calibration``. When it is on, the calibrated total replaces the raw
    total for ranking, the quality threshold and the cohort proposal; the raw total and the raw
    rank are shown beside it so the panel sees who moved and why. If the panel moderated any
    criterion of a bid, the calibration adjustment (mean calibrated minus mean raw assessor
    total) is added to the moderated total.

Score distribution
    For the chart beside the ranking: per criterion, how many submitted assessments gave each
    score (:func:`score_distributions`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from scoring.rules.calibration import (
    AssessorTotal,
    Calibration,
    Distribution,
    calibrate,
    score_distribution,
)
from scoring.rules.figures import Weights, bid_figure, exact, one_decimal
from scoring.rules.figures import weighted_total as exact_weighted_total
from scoring.rules.inputs import BidScores, CriterionId, CriterionRule, RoundRules


@dataclass(frozen=True)
class Shortfall:
    """A criterion score below the criterion's minimum."""

    criterion: CriterionRule
    score: Fraction | None

    @property
    def shown(self) -> Decimal | None:
        return one_decimal(self.score)


@dataclass(frozen=True)
class ScoredBid:
    """A bid's scores, exact. ``total`` is the total in force (calibrated when calibration is
    on); ``figure`` is that total as shown, the figure that is ranked, compared and summed."""

    reference: str
    region: str
    first_submitted: datetime | None
    districts: frozenset[str]
    criterion_scores: Mapping[CriterionId, Fraction | None]
    assessor_totals: Mapping[str, Fraction]
    raw_total: Fraction | None
    calibrated_total: Fraction | None
    submitted: int
    quota: int
    shortfalls: tuple[Shortfall, ...]
    criteria: tuple[CriterionRule, ...] = ()

    @property
    def total(self) -> Fraction | None:
        return self.raw_total if self.calibrated_total is None else self.calibrated_total

    # The shown figures are worked out once per bid (the ranking compares them many times):
    # cached_property writes to the instance's __dict__, which a frozen dataclass allows.
    @cached_property
    def figure(self) -> Decimal | None:
        """The total in force as shown: one decimal, half up. Ranked, tied, thresholded."""
        return one_decimal(self.total)

    @cached_property
    def raw_figure(self) -> Decimal | None:
        return one_decimal(self.raw_total)

    @cached_property
    def _shown_scores(self) -> dict:
        return {key: one_decimal(value) for key, value in self.criterion_scores.items()}

    def shown_score(self, criterion_id: CriterionId) -> Decimal | None:
        """A criterion score as shown: one decimal, half up. Compared with its minimum."""
        return self._shown_scores.get(criterion_id)

    @property
    def criteria_without_score(self) -> list[CriterionRule]:
        return [c for c in self.criteria if self.criterion_scores.get(c.id) is None]

    @property
    def complete(self) -> bool:
        return self.submitted >= self.quota

    @cached_property
    def spread(self) -> Fraction | None:
        """Highest minus lowest assessor total, in percentage points."""
        values = list(self.assessor_totals.values())
        return max(values) - min(values) if values else None

    @cached_property
    def shown_spread(self) -> Decimal | None:
        return one_decimal(self.spread)


def weighted_total(
    scores: Mapping[CriterionId, Fraction | int | None], criteria: Sequence[CriterionRule]
) -> Fraction | None:
    """Sum of weight x score / scale maximum, exactly; None if any criterion has no score."""
    return exact_weighted_total(scores, criteria)


def criterion_scores(
    bid: BidScores, criteria: Sequence[CriterionRule]
) -> dict[CriterionId, Fraction | None]:
    """Per criterion: the moderated score, else the mean of submitted assessments' scores."""
    return dict(_figure(bid, criteria, 0).criterion_scores)


def _figure(bid: BidScores, criteria: Sequence[CriterionRule], quota: int, weights=None):
    submitted = [a.scores for a in bid.assessments if a.submitted]
    return bid_figure(criteria, submitted, bid.moderated, quota, weights)


def _assessor_totals(bid: BidScores, weights: Weights) -> dict[str, Fraction]:
    totals = {}
    for a in bid.assessments:
        value = weights.total(a.scores) if a.submitted else None
        if value is not None:
            totals[a.assessor] = value
    return totals


def score_bid(bid: BidScores, rules: RoundRules, weights: Weights | None = None) -> ScoredBid:
    """The bid's criterion scores, assessor totals and raw weighted total (no calibration)."""
    weights = weights or Weights(rules.criteria)
    figure = _figure(bid, rules.criteria, rules.quota, weights)
    scores = figure.criterion_scores
    shortfalls = tuple(
        Shortfall(c, scores[c.id])
        for c in rules.criteria
        if c.minimum is not None and (scores[c.id] is None or one_decimal(scores[c.id]) < c.minimum)
    )
    return ScoredBid(
        reference=bid.reference,
        region=bid.region,
        first_submitted=bid.first_submitted,
        districts=frozenset(bid.districts),
        criterion_scores=scores,
        assessor_totals=_assessor_totals(bid, weights),
        raw_total=figure.total,
        calibrated_total=None,
        submitted=figure.submitted,
        quota=rules.quota,
        shortfalls=shortfalls,
        criteria=tuple(rules.criteria),
    )


def score_bids(
    bids: Iterable[BidScores], rules: RoundRules
) -> tuple[list[ScoredBid], Calibration | None]:
    """Score every bid; with calibration on, also fill in the calibrated totals."""
    weights = Weights(rules.criteria)
    return _calibrated([score_bid(bid, rules, weights) for bid in bids], rules)


def reweighted(
    scored: Sequence[ScoredBid], bids: Sequence[BidScores], rules: RoundRules
) -> tuple[list[ScoredBid], Calibration | None]:
    """``score_bids(bids, rules)`` for rules that differ from those ``scored`` was worked out
    with only in the criterion weights (the stability check): a criterion's score (moderated,
    or the mean of the assessments) and its shortfall do not depend on the weights, so only
    the weighted totals are worked out again (each assessor's only when it is asked for: the
    spread tie-break asks for tied bids only; calibration asks for every one). ``scored[i]``
    is ``bids[i]`` scored."""
    weights = Weights(rules.criteria)
    criteria = tuple(rules.criteria)
    by_id = {c.id: c for c in criteria}
    result = []
    for old, bid in zip(scored, bids, strict=True):
        new = replace(
            old,
            assessor_totals=_AssessorTotals(bid, weights),
            raw_total=weights.total(old.criterion_scores),
            calibrated_total=None,
            shortfalls=tuple(Shortfall(by_id[f.criterion.id], f.score) for f in old.shortfalls),
            criteria=criteria,
        )
        # The criterion scores are the same, so are they as shown (a cached_property).
        new.__dict__["_shown_scores"] = old._shown_scores
        result.append(new)
    return _calibrated(result, rules)


class _AssessorTotals(Mapping):
    """Each assessor's weighted total of one bid, worked out when first asked for."""

    __slots__ = ("_bid", "_weights", "_totals")

    def __init__(self, bid: BidScores, weights: Weights):
        self._bid, self._weights, self._totals = bid, weights, None

    def _all(self) -> dict[str, Fraction]:
        if self._totals is None:
            self._totals = _assessor_totals(self._bid, self._weights)
        return self._totals

    def __getitem__(self, key):
        return self._all()[key]

    def __iter__(self):
        return iter(self._all())

    def __len__(self):
        return len(self._all())

    def __repr__(self):
        return repr(self._all())


def _calibrated(
    scored: list[ScoredBid], rules: RoundRules
) -> tuple[list[ScoredBid], Calibration | None]:
    """With calibration on, the bids with their calibrated totals filled in."""
    if not rules.calibrate:
        return scored, None
    calibration = calibrate(
        (
            AssessorTotal(assessor, s.reference, float(total))
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
        shift = exact(mean_calibrated) - exact(calibration.raw_bid_total(s.reference))
        result.append(replace(s, calibrated_total=s.raw_total + shift))
    return result, calibration


def score_distributions(bids: Iterable[BidScores], rules: RoundRules) -> list[Distribution]:
    """For each criterion, how many submitted assessments gave each score (for the chart)."""
    given: dict[CriterionId, list] = {c.id: [] for c in rules.criteria}
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
