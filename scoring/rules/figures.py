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
    tenths = exact(value) * 10
    sign = -1 if tenths < 0 else 1
    whole = int(abs(tenths) + Fraction(1, 2))  # floor of |x| + 1/2: half up
    return Decimal(sign * whole).scaleb(-1)


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
    values = [exact(v) for v in given if v is not None]
    return sum(values, Fraction(0)) / len(values) if values else None


def weighted_total(scores: Mapping[Any, Number | None], criteria: Sequence) -> Fraction | None:
    """Sum of weight x score / scale maximum, exactly; None if any criterion has no score.

    ``criteria`` are objects with ``id``, ``weight`` and ``scale_max``."""
    total = Fraction(0)
    for c in criteria:
        score = scores.get(c.id)
        if score is None or not c.scale_max:
            return None
        total += exact(c.weight) * exact(score) / exact(c.scale_max)
    return total


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
) -> BidFigure:
    """THE figure of a bid, from its criteria (``id``, ``weight``, ``scale_max``), the scores of
    each submitted assessment ({criterion id: score}) and the moderated scores."""
    submitted = list(submitted_scores)
    scores = {
        c.id: criterion_score(moderated.get(c.id), (s.get(c.id) for s in submitted))
        for c in criteria
    }
    return BidFigure(scores, weighted_total(scores, criteria), len(submitted), quota)
