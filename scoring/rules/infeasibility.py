"""Why no cohort meets the chair's constraints, and which change of a setting makes one possible.

The message has two parts:

1. What blocks the cohort, with the numbers, counted on what is actually available: bids that
   are eligible and not pinned out ("No cohort can cover at least 9 regions: only 8 regions
   have eligible bids that are not pinned out"). Where simple counting does not show it: "No
   cohort of 8 meets all the constraints together". When the count of bids is the block and
   some bids screened eligible cannot be proposed, it says which bids count and why each of
   the others does not: "No cohort of 10 is possible: only 9 of the 13 bids screened eligible
   can be proposed; the other 4 cannot: LP2-0003 (2 of 3 assessments submitted), LP2-0007
   (52.0% is below the quality threshold of 60.0%), ... and LP2-0012 (pinned out)".
2. Every single change of one setting that makes a cohort possible, each checked by solving
   again: "Any one of these changes makes a cohort possible: covering at least 8 regions;
   unpinning LP2-0003." The numbers are the nearest that work (allowing 2 bids per region, not
   "no limit"). Where no single change is enough, the settings that together block the cohort
   are named ("... no single change is enough: the limit of 1 bid per region and the need to
   cover at least 6 regions together block it").

The form field of the message is the first setting named that makes a cohort possible, so the
error appears beside a setting whose change works.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from scoring.rules.cohort_search import possible_sizes
from scoring.rules.proposal import (
    NON_FIELD,
    Candidate,
    CohortConstraints,
    Infeasibility,
    _best_cohort,
)
from scoring.rules.wording import join_and, plural, region_phrase


@dataclass(frozen=True)
class Change:
    """One change of one setting, described, with the constraints it gives."""

    field: str
    text: str
    constraints: CohortConstraints


# --- What blocks the cohort, by counting ------------------------------------------------------


def _have(n: int) -> str:
    return "has" if n == 1 else "have"


def _are(n: int) -> str:
    return "is" if n == 1 else "are"


def _left_out(
    candidates: Sequence[Candidate], c: CohortConstraints, ineligible: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(reference, why it cannot be proposed) of each bid screened eligible that does not
    count: not fully assessed, below the quality threshold or a criterion minimum (the
    ranking's reasons), or pinned out; in reference order."""
    out = dict(ineligible)
    out.update({x.reference: "pinned out" for x in candidates if x.reference in c.pinned_out})
    return sorted(out.items())


def _listing(left_out: Sequence[tuple[str, str]]) -> str:
    return join_and([f"{reference} ({why})" for reference, why in left_out])


def counting_reason(
    candidates: Sequence[Candidate],
    constraints: CohortConstraints,
    ineligible: Mapping[str, str] | None = None,
) -> Infeasibility | None:
    """Simple counting conditions that rule out every cohort, on the bids available.

    ``ineligible`` maps the bids screened eligible that cannot be proposed to the reason
    (see proposal.solve); when the number of bids is the block, they are named."""
    c = constraints
    size = c.size_min
    ineligible = ineligible or {}
    available = [x for x in candidates if x.reference not in c.pinned_out]
    pinned = [x for x in candidates if x.reference in c.pinned_in]
    screened = len(candidates) + len(ineligible)
    if not candidates:
        if ineligible:
            which = (
                "the one bid screened eligible cannot"
                if screened == 1
                else f"none of the {screened} bids screened eligible can"
            )
            return Infeasibility(
                NON_FIELD,
                f"No cohort is possible: {which} be proposed: "
                f"{_listing(_left_out(candidates, c, ineligible))}",
            )
        return Infeasibility(
            NON_FIELD,
            "No cohort is possible: no bid is eligible (each is incomplete, below the quality "
            "threshold or below a minimum)",
        )
    if len(candidates) < size or (len(available) < size and ineligible):
        field_name = "size_min" if len(candidates) < size else "pinned_out"
        if not ineligible and field_name == "size_min":
            return Infeasibility(
                "size_min",
                f"No cohort of {size} is possible: only {plural(len(candidates), 'bid')} "
                f"{_are(len(candidates))} eligible",
            )
        left_out = _left_out(candidates, c, ineligible)
        return Infeasibility(
            field_name,
            f"No cohort of {size} is possible: only {len(available)} of the "
            f"{plural(screened, 'bid')} screened eligible can be proposed; the other "
            f"{len(left_out)} cannot: {_listing(left_out)}",
        )
    if len(available) < size:
        return Infeasibility(
            "pinned_out",
            f"No cohort of {size} is possible: only {plural(len(available), 'eligible bid')} "
            f"{_are(len(available))} not pinned out",
        )
    if len(pinned) > c.upper:
        return Infeasibility(
            "pinned_in",
            f"The {len(pinned)} pinned bids are more than the cohort size of {c.upper}",
        )
    if c.max_per_region is not None:
        for region in sorted({x.region for x in pinned}):
            if sum(x.region == region for x in pinned) > c.max_per_region:
                return Infeasibility(
                    "pinned_in",
                    f"Pinned bids break the limit of {c.max_per_region} per region in "
                    f"{region_phrase(region)}",
                )
    if c.max_overlap is not None:
        overlapping = sum(x.overlaps_earlier for x in pinned)
        if overlapping > c.max_overlap:
            return Infeasibility(
                "pinned_in",
                f"Pinned bids break the limit of {plural(c.max_overlap, 'bid')} overlapping an "
                f"earlier cohort: {plural(overlapping, 'pinned bid')} "
                f"{'overlaps' if overlapping == 1 else 'overlap'}",
            )
    if c.min_regions is not None and pinned and c.min_regions <= c.upper:
        covered = len({x.region for x in pinned})
        places = c.upper - len(pinned)
        if covered + places < c.min_regions:
            return Infeasibility(
                "pinned_in",
                f"The pinned bids cover {plural(covered, 'region')} and leave "
                f"{plural(places, 'place')}, so the cohort cannot cover at least "
                f"{c.min_regions} regions",
            )
    return _limits_reason(candidates, available, constraints)


def _limits_reason(
    candidates: Sequence[Candidate], available: Sequence[Candidate], c: CohortConstraints
) -> Infeasibility | None:
    """Counting conditions on the per-region, regions and overlap limits."""
    size = c.size_min
    per_region: dict[str, int] = {}
    for x in available:
        per_region[x.region] = per_region.get(x.region, 0) + 1
    pinned_out = len(available) < len(candidates)
    not_out = " that are not pinned out" if pinned_out else ""
    regions = f"{plural(len(per_region), 'region')} {_have(len(per_region))} eligible bids"
    if c.min_regions is not None:
        if c.min_regions > c.upper:
            return Infeasibility(
                "min_regions",
                f"A cohort of {c.size_text} cannot cover at least {c.min_regions} regions",
            )
        if len(per_region) < c.min_regions:
            return Infeasibility(
                "min_regions",
                f"No cohort can cover at least {c.min_regions} regions: only {regions}{not_out}",
            )
    if c.max_per_region is not None:
        supply = sum(min(c.max_per_region, n) for n in per_region.values())
        if supply < size:
            limit = f"at most {plural(c.max_per_region, 'bid')} per region"
            if c.max_per_region == 1:
                detail = f"only {regions}{not_out}"
            else:
                detail = f"the eligible bids{not_out} allow at most {supply}"
            return Infeasibility(
                "max_per_region", f"No cohort of {size} is possible with {limit}: {detail}"
            )
    if c.max_overlap is not None:
        clear = sum(not x.overlaps_earlier for x in available)
        overlapping = len(available) - clear
        if clear + min(c.max_overlap, overlapping) < size:
            return Infeasibility(
                "max_overlap",
                f"No cohort of {size} is possible with at most {plural(c.max_overlap, 'bid')} "
                f"overlapping an earlier cohort: only {plural(clear, 'eligible bid')}{not_out} "
                f"{'does' if clear == 1 else 'do'} not overlap",
            )
    return None


# --- Which change makes a cohort possible -----------------------------------------------------


def _possible(candidates: Sequence[Candidate], constraints: CohortConstraints) -> bool:
    return _best_cohort(candidates, constraints) is not None


def _first_working(candidates, options) -> Change | None:
    """The first option that works, where each option loosens the one before (a limit one
    step further): a binary search, as an option that works keeps working further on."""
    low, high = 0, len(options)
    while low < high:
        middle = (low + high) // 2
        if _possible(candidates, options[middle].constraints):
            high = middle
        else:
            low = middle + 1
    return options[low] if low < len(options) else None


def _first_size(candidates, options, c: CohortConstraints) -> Change | None:
    """The first size option that works, from one search over every cohort size."""
    if not options:
        return None
    top = max(option.constraints.upper for option in options)
    sizes = possible_sizes(candidates, c, top)
    for option in options:
        o = option.constraints
        if any(o.size_min <= size <= o.upper for size in sizes) and _possible(candidates, o):
            return option
    return None


def _size_options(candidates: Sequence[Candidate], c: CohortConstraints) -> list[Change]:
    options = []
    for size in range(c.size_min - 1, 0, -1):  # smaller cohorts, nearest first
        relaxed = replace(c, size_min=size, size_max=None if c.size_max is None else c.upper)
        text = (
            f"a cohort size of {size}"
            if c.size_max is None
            else f"a smallest cohort size of {size}"
        )
        options.append(Change("size_min", text, relaxed))
    needed = max(c.min_regions or 0, len(c.pinned_in))
    for size in range(c.upper + 1, min(needed, len(candidates)) + 1):  # larger, if it helps
        relaxed = replace(c, size_min=size, size_max=None)
        options.append(Change("size_min", f"a cohort size of {size}", relaxed))
    return options


def _limit_options(candidates: Sequence[Candidate], c: CohortConstraints) -> list[Change]:
    options = []
    top = max(c.upper, 1)
    if c.max_per_region is not None:
        for n in range(c.max_per_region + 1, top + 1):
            options.append(
                Change(
                    "max_per_region",
                    f"allowing {plural(n, 'bid')} per region",
                    replace(c, max_per_region=n),
                )
            )
    if c.min_regions is not None:
        for n in range(c.min_regions - 1, 0, -1):
            options.append(
                Change(
                    "min_regions",
                    f"covering at least {plural(n, 'region')}",
                    replace(c, min_regions=n),
                )
            )
    if c.max_overlap is not None:
        for n in range(c.max_overlap + 1, top + 1):
            options.append(
                Change(
                    "max_overlap",
                    f"allowing {plural(n, 'bid')} overlapping an earlier cohort",
                    replace(c, max_overlap=n),
                )
            )
    return options


def _pin_options(c: CohortConstraints) -> list[Change]:
    options = []
    for field_name, pins, label in (
        ("pinned_out", c.pinned_out, "pinned out"),
        ("pinned_in", c.pinned_in, "pinned in"),
    ):
        for reference in sorted(pins):
            relaxed = replace(c, **{field_name: pins - {reference}})
            options.append(Change(field_name, f"unpinning {reference} ({label})", relaxed))
        if len(pins) > 1:
            options.append(
                Change(
                    field_name,
                    f"removing the pins {label.split()[1]} ({join_and(sorted(pins))})",
                    replace(c, **{field_name: frozenset()}),
                )
            )
    return options


FIELD_ORDER = (
    "pinned_out",
    "pinned_in",
    "max_per_region",
    "min_regions",
    "max_overlap",
    "size_min",
)


def single_changes(candidates: Sequence[Candidate], c: CohortConstraints) -> list[Change]:
    """For each setting, the nearest single change of it that makes a cohort possible."""
    by_field: dict[str, list[Change]] = {}
    for change in [*_pin_options(c), *_limit_options(candidates, c), *_size_options(candidates, c)]:
        by_field.setdefault(change.field, []).append(change)
    found = []
    for field_name in FIELD_ORDER:
        options = by_field.get(field_name, [])
        if field_name == "size_min":
            working = _first_size(candidates, options, c)
        elif field_name in ("pinned_in", "pinned_out"):
            working = next((o for o in options if _possible(candidates, o.constraints)), None)
        else:
            working = _first_working(candidates, options)
        if working is not None:
            found.append(working)
    return found


SETTING_NAMES = {
    "size_min": lambda c: f"the cohort size of {c.size_text}",
    "max_per_region": lambda c: f"the limit of {plural(c.max_per_region, 'bid')} per region",
    "min_regions": lambda c: f"the need to cover at least {plural(c.min_regions, 'region')}",
    "max_overlap": lambda c: (
        f"the limit of {plural(c.max_overlap, 'bid')} overlapping an earlier cohort"
    ),
    "pinned_in": lambda c: f"the pins in ({join_and(sorted(c.pinned_in))})",
    "pinned_out": lambda c: f"the pins out ({join_and(sorted(c.pinned_out))})",
}


def _without(c: CohortConstraints, field_name: str) -> CohortConstraints:
    if field_name == "size_min":
        return replace(c, size_min=1, size_max=c.upper)
    if field_name in ("pinned_in", "pinned_out"):
        return replace(c, **{field_name: frozenset()})
    return replace(c, **{field_name: None})


def _in_force(c: CohortConstraints) -> list[str]:
    """The settings in force, limits first, then pins, then the size (the order they are
    tried in, and named)."""
    fields = [
        f for f in ("max_per_region", "min_regions", "max_overlap") if getattr(c, f) is not None
    ]
    fields += [f for f in ("pinned_in", "pinned_out") if getattr(c, f)]
    return fields + (["size_min"] if c.size_min > 1 else [])


def blocking_settings(candidates: Sequence[Candidate], c: CohortConstraints) -> list[str] | None:
    """The fewest settings that, all changed together, make a cohort possible (None: none)."""
    fields = _in_force(c)
    for count in range(2, len(fields) + 1):
        for group in combinations(fields, count):
            relaxed = c
            for field_name in group:
                relaxed = _without(relaxed, field_name)
            if _possible(candidates, relaxed):
                return list(group)
    return None


def diagnose(
    candidates: Sequence[Candidate],
    constraints: CohortConstraints,
    ineligible: Mapping[str, str] | None = None,
) -> Infeasibility:
    """Why no cohort meets the constraints, and what change makes one possible (call only when
    none exists). ``ineligible``: the bids that cannot be proposed, with the reason."""
    c = constraints
    reason = counting_reason(candidates, c, ineligible)
    changes = single_changes(candidates, c)
    headline = (
        reason.message
        if reason is not None
        else f"No cohort of {c.size_text} meets all the constraints together"
    )
    if changes:
        fields = [change.field for change in changes]
        field_name = reason.field if reason is not None and reason.field in fields else fields[0]
        changes.sort(key=lambda change: change.field != field_name)
        if len(changes) == 1:
            advice = f"This change makes a cohort possible: {changes[0].text}."
        else:
            advice = (
                "Any one of these changes makes a cohort possible: "
                f"{'; '.join(change.text for change in changes)}."
            )
        return Infeasibility(field_name, f"{headline}. {advice}")
    group = blocking_settings(candidates, c)
    if group is None:
        return Infeasibility(
            reason.field if reason is not None else NON_FIELD,
            f"{headline}. No change of the constraints makes a cohort possible.",
        )
    names = join_and([SETTING_NAMES[f](c) for f in group])
    return Infeasibility(
        group[0],
        f"{headline}. No single change is enough: {names} together block it.",
    )
