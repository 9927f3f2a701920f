"""The one figure of a bid: its criterion scores and weighted total, exact, and how they are
shown. Every page, export, PDF, email and the proposal use these functions.

The rule, in plain English (the ranking page and the panel report print ``RULE_TEXT``):

* A criterion's score is the panel chair's moderated score where there is one, otherwise the
  mean of the submitted assessments' scores for it.
* The weighted total is the sum over the criteria of weight x score / top of the scale: a
  percentage. Both are worked out exactly (as fractions, never as floating-point numbers).
* Both are shown rounded half up to one decimal place (79.25% is shown as 79.3%, 79.24% as
  79.2%). The figure shown is the figure used: bids are ranked, compared with the quality
  threshold and tied on the shown total, criterion scores are compared with their minimums as
  shown, and the proposal adds up the shown totals.
* A bid's total is shown only when every criterion has a score; until then every page shows
  "Not yet complete". A bid with fewer submitted assessments than the round needs shows its
  total but cannot be ranked or proposed.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

NOT_YET_COMPLETE = "Not yet complete"
RULE_TEXT = (
    "Each criterion's score is the moderated score if the panel agreed one, otherwise the mean "
    "of the submitted assessments. The weighted total is the sum of each score times the "
    "criterion's weight, divided by the top of its scale. Both are worked out exactly and shown "
    "rounded half up to one decimal place (79.25% is shown as 79.3%). The figure shown is the "
    "figure used: bids are ranked, tied and compared with the quality threshold on the total "
    "as shown, and each criterion score is compared with its minimum as shown."
)

Number = Fraction | Decimal | int | float


def exact(value: Number | None) -> Fraction | None:
    """A number as an exact fraction. A float is read as the decimal it prints as (0.1 is
    one tenth), so figures typed in tests or settings mean what they say."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def one_decimal(value: Number | None) -> Decimal | None:
    """The value rounded half up (away from zero on a half) to one decimal place, exactly:
    Fraction(317, 4) = 79.25 -> Decimal("79.3"); 245/4 = 61.25 -> Decimal("61.3")."""
    if value is None:
        return None
    if type(value) is int:
        return Decimal(value * 10).scaleb(-1)
    value = exact(value)
    # floor(|10 x| + 1/2) in whole numbers: (20 |n| + d) // 2d for x = n / d (half up).
    numerator, denominator = value.numerator, value.denominator
    whole = (20 * abs(numerator) + denominator) // (2 * denominator)
    return Decimal(-whole if numerator < 0 else whole).scaleb(-1)


def format_percent(value: Number | None) -> str:
    """ "79.3%": the shown figure of a weighted total (or a threshold); "Not yet complete"
    for no total."""
    shown = one_decimal(value)
    return NOT_YET_COMPLETE if shown is None else f"{shown}%"


def format_score(value: Number | None) -> str:
    """ "3.7": the shown figure of a criterion score (or a minimum, a spread); "no score"."""
    shown = one_decimal(value)
    return "no score" if shown is None else str(shown)


def criterion_score(moderated: Number | None, given: Iterable[Number]) -> Fraction | None:
    """The moderated score where there is one, else the exact mean of the scores given."""
    if moderated is not None:
        return exact(moderated)
    values = [v for v in given if v is not None]
    if not values:
        return None
    if all(type(v) is int for v in values):  # the usual case: whole scores, one division
        return Fraction(sum(values), len(values))
    return sum((exact(v) for v in values), Fraction(0)) / len(values)


class Weights:
    """Weight / top of the scale of each criterion, over one whole-number denominator, worked
    out once for a set of criteria (``id``, ``weight``, ``scale_max``): ``total(scores)`` is
    then a sum of whole numbers and one reduction, the same exact fraction as adding
    weight x score / scale maximum term by term, many times faster."""

    def __init__(self, criteria: Sequence):
        criteria = list(criteria)
        self.usable = all(c.scale_max for c in criteria)
        quotients = [exact(c.weight) / exact(c.scale_max) for c in criteria] if self.usable else []
        self.denominator = math.lcm(*(q.denominator for q in quotients)) if quotients else 1
        self.terms = tuple(
            (c.id, q.numerator * (self.denominator // q.denominator))
            for c, q in zip(criteria, quotients, strict=True)
        )

    def total(self, scores: Mapping[Any, Number | None]) -> Fraction | None:
        """Sum of weight x score / scale maximum, exactly; None if any criterion has no
        score."""
        if not self.usable:
            return None
        numerator, denominator = 0, 1  # the sum of coefficient x score so far
        for key, coefficient in self.terms:
            score = scores.get(key)
            if score is None:
                return None
            if type(score) is int:
                numerator += coefficient * score * denominator
                continue
            if type(score) is not Fraction:
                score = exact(score)
            if score.denominator == denominator:
                numerator += coefficient * score.numerator
            else:
                numerator = numerator * score.denominator + coefficient * score.numerator * (
                    denominator
                )
                denominator *= score.denominator
        return Fraction(numerator, denominator * self.denominator)


@functools.lru_cache(maxsize=64)
def _weights(key: tuple) -> Weights:
    return Weights([_Criterion(*values) for values in key])


@dataclass(frozen=True)
class _Criterion:
    id: Any
    weight: Any
    scale_max: Any


def weights_of(criteria: Sequence) -> Weights:
    """``Weights(criteria)``, built once for each distinct set of criteria (a page of rows
    totals every bid against the same criteria)."""
    try:
        return _weights(tuple((c.id, c.weight, c.scale_max) for c in criteria))
    except TypeError:  # an unhashable id or number: build it each time
        return Weights(criteria)


def weighted_total(scores: Mapping[Any, Number | None], criteria: Sequence) -> Fraction | None:
    """Sum of weight x score / scale maximum, exactly; None if any criterion has no score.

    ``criteria`` are objects with ``id``, ``weight`` and ``scale_max`` (see ``Weights``, which
    works it out; build one ``Weights`` to total many sets of scores)."""
    return Weights(criteria).total(scores)


@dataclass(frozen=True)
class BidFigure:
    """A bid's criterion scores and weighted total, exact, with what is shown of them."""

    criterion_scores: Mapping[Any, Fraction | None]
    total: Fraction | None
    submitted: int
    quota: int

    @property
    def shown_total(self) -> Decimal | None:
        """The total as shown and compared: one decimal, half up."""
        return one_decimal(self.total)

    @property
    def text(self) -> str:
        """ "79.3%", or "Not yet complete" while some criterion has no score."""
        return format_percent(self.total)

    @property
    def complete(self) -> bool:
        return self.submitted >= self.quota


def bid_figure(
    criteria: Sequence,
    submitted_scores: Iterable[Mapping[Any, Number | None]],
    moderated: Mapping[Any, Number],
    quota: int,
    weights: Weights | None = None,
) -> BidFigure:
    """THE figure of a bid, from its criteria (``id``, ``weight``, ``scale_max``), the scores of
    each submitted assessment ({criterion id: score}) and the moderated scores (``weights``:
    ``Weights(criteria)``, when the caller totals many bids)."""
    submitted = list(submitted_scores)
    scores = {
        c.id: criterion_score(moderated.get(c.id), (s.get(c.id) for s in submitted))
        for c in criteria
    }
    total = (weights or weights_of(criteria)).total(scores)
    return BidFigure(scores, total, len(submitted), quota)
