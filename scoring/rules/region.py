"""The region of a bid from its districts, with the chair's override, on plain data.

The region holding most of the bid's districts; on a tie, the lead council's region (or, if
the lead council's region is not among the tied regions, the first of them alphabetically).
The chair can override it, giving a reason.

Not used by the pages yet: the region the product stores and ranks by is
``applications.answers.derived_region_code`` (a tie goes to the lowest region code), and the
chair's override is ``scoring.models.BidRegionOverride``. Issue 11 makes one region rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from scoring.rules.inputs import ConstraintError
from scoring.rules.wording import capitalise, join_and, plural, region_phrase


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
