"""The ranking, proposal, explanations and stability of a round, from the database, and the
panel chair's selection settings, pins and region overrides (each audited).

`compute(data)` runs the pure rules (scoring.rules: ranking, proposal, proposal_explanations,
stability) on what `scoring.select.data.load` read; `for_round(round_, viewer=user)` is the
selection as one person may see it (`seen_by`: the bids they are in conflict with do not
exist for them). The state changes check the scoring permissions (scoring/permissions.py),
validate with the same rules, save atomically and write the audit record; an invalid or
impossible change raises ConstraintError(field, message) and saves nothing.
"""

import hashlib
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from applications import audit
from core import access
from scoring.models import BidRegionOverride, SelectionPin, SelectionSettings
from scoring.rules import proposal_explanations as explain
from scoring.rules.inputs import ConstraintError, RoundRules, describe_tie_breaks
from scoring.rules.proposal import propose
from scoring.rules.ranking import (
    BELOW_MINIMUM,
    BELOW_THRESHOLD,
    INCOMPLETE,
    ExcludedBid,
    RankedBid,
    Ranking,
    rank_bids,
)
from scoring.rules.scores import ScoredBid, score_distributions
from scoring.rules.stability import stability
from scoring.select import data as selection_data
from scoring.setup import conflicts

RANKED = "ranked"
STATUS_LABELS = {
    RANKED: "Ranked",
    BELOW_THRESHOLD: "Below the quality threshold",
    BELOW_MINIMUM: "Below a minimum",
    INCOMPLETE: "Incomplete",
}
STATUS_COLOURS = {
    RANKED: "green",
    BELOW_THRESHOLD: "orange",
    BELOW_MINIMUM: "purple",
    INCOMPLETE: "grey",
}


@dataclass
class Row:
    """One eligible bid as the pages show it."""

    info: selection_data.BidInfo
    scored: ScoredBid
    status: str
    ranked: RankedBid | None = None
    excluded: ExcludedBid | None = None
    proposed: bool = False
    explanation: str = ""
    flips: tuple = ()

    @property
    def reference(self):
        return self.info.reference

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def status_colour(self):
        return STATUS_COLOURS[self.status]

    @property
    def marginal(self):
        return bool(self.flips)

    @property
    def rank(self):
        return self.ranked.rank if self.ranked else None

    @property
    def total(self):
        return self.scored.total


@dataclass
class Selection:
    data: selection_data.SelectionData
    rules: RoundRules
    constraints: object
    ranking: Ranking | None = None
    proposal: object = None
    error: ConstraintError | None = None
    rows: list = field(default_factory=list)
    stability: object = None
    distributions: list = field(default_factory=list)
    # References of the bids the viewer is in conflict with (seen_by): left out everywhere.
    hidden: frozenset = frozenset()

    @property
    def ranked_rows(self):
        return [row for row in self.rows if row.ranked]

    @property
    def excluded_rows(self):
        return [row for row in self.rows if row.excluded]

    @property
    def proposed_rows(self):
        return [row for row in self.rows if row.proposed]

    @property
    def marginal_rows(self):
        return [row for row in self.rows if row.flips]

    @property
    def pinned_in(self):
        return sorted(self.constraints.pinned_in - self.hidden)

    @property
    def pinned_out(self):
        return sorted(self.constraints.pinned_out - self.hidden)

    @property
    def eligible_count(self):
        return len(self.data.bids) - len(self.hidden)

    @property
    def assessments_count(self):
        if not self.hidden:
            return self.data.assessments_count
        return sum(len(b.assessments) for b in self.data.bids if b.reference not in self.hidden)

    @property
    def proposed_total(self):
        """The sum of the proposed bids' totals as shown."""
        if self.proposal is None:
            return None
        if not self.hidden:
            return self.proposal.total
        return sum((row.ranked.figure for row in self.proposed_rows), Decimal(0))

    @property
    def tie_break_rules(self):
        try:
            return describe_tie_breaks(self.rules)
        except KeyError:
            return []

    def row(self, reference):
        for row in self.rows:
            if row.reference == reference:
                return row
        return None

    @property
    def version(self):
        """A short fingerprint of every input: scores, settings, pins, regions."""
        digest = hashlib.sha256(
            repr(
                (
                    sorted(
                        (
                            b.reference,
                            b.region,
                            sorted(b.moderated.items()),
                            [(a.assessor, sorted(a.scores.items())) for a in b.assessments],
                        )
                        for b in self.data.bids
                    ),
                    self.rules,
                    self.constraints,
                )
            ).encode()
        )
        return digest.hexdigest()[:10]


def compute(data, *, with_stability=True):
    """Rank, propose, explain and (optionally) check stability; errors are kept, not raised."""
    rules, constraints = data.rules(), data.constraints()
    selection = Selection(data, rules, constraints)
    try:
        selection.ranking = rank_bids(data.bids, rules)
    except ConstraintError as error:
        selection.error = error
        return selection
    selection.distributions = score_distributions(data.bids, rules)
    lines, selected = {}, set()
    try:
        selection.proposal = propose(selection.ranking, constraints)
    except ConstraintError as error:
        selection.error = error
    else:
        lines = explain.explain(selection.ranking, selection.proposal)
        selected = set(selection.proposal.selected)
        if with_stability and selection.proposal.feasible:
            selection.stability = stability(
                data.bids,
                rules,
                constraints,
                baseline_ranking=selection.ranking,
                baseline=selection.proposal,
            )
    flips = {}
    if selection.stability is not None:
        flips = {m.reference: m.flips for m in selection.stability.marginal}
    for ranked in selection.ranking.ranked:
        selection.rows.append(
            Row(
                data.info[ranked.reference],
                ranked.bid,
                RANKED,
                ranked=ranked,
                proposed=ranked.reference in selected,
                explanation=lines.get(ranked.reference, ""),
                flips=flips.get(ranked.reference, ()),
            )
        )
    for excluded in selection.ranking.excluded:
        selection.rows.append(
            Row(
                data.info[excluded.reference],
                excluded.bid,
                excluded.kind,
                excluded=excluded,
                explanation=lines.get(excluded.reference, f"Not proposed: {excluded.reason}"),
            )
        )
    return selection


def scrub_text(text, hidden):
    """The text with each of the `hidden` references read as "another bid"."""
    for reference in hidden:
        text = text.replace(reference, "another bid")
    return text


def scrub_row(row, hidden):
    """A row as a viewer in conflict with the `hidden` bids sees it: "another bid" for each."""
    if not hidden:
        return row
    row.explanation = scrub_text(row.explanation, hidden)
    row.flips = tuple(scrub_text(text, hidden) for text in row.flips)
    if row.ranked is not None:
        row.ranked = replace(
            row.ranked,
            rule=scrub_text(row.ranked.rule, hidden),
            movement=row.ranked.movement and scrub_text(row.ranked.movement, hidden),
        )
    if row.excluded is not None:
        row.excluded = replace(
            row.excluded,
            reasons=tuple(scrub_text(text, hidden) for text in row.excluded.reasons),
        )
    return row


def seen_by(selection, viewer):
    """The selection as `viewer` may see it. The bids they are in conflict with do not exist
    for them: they are left out of every list, count, chart, pin list and explanation (a
    reference in another bid's explanation reads "another bid"). The other bids keep the
    panel's ranks and proposal, so everyone discusses the same positions. Programme staff
    also see who is in conflict with each bid."""
    pks = {info.pk: ref for ref, info in selection.data.info.items()}
    if viewer.has_perm("scoring.see_conflicts"):
        for bid_id, names in conflicts.people_in_conflict(list(pks)).items():
            selection.data.info[pks[bid_id]].conflicted = names
    hidden = frozenset(pks[pk] for pk in conflicts.conflicted_bid_ids(viewer, list(pks)))
    if not hidden:
        return selection
    selection.hidden = hidden
    selection.rows = [row for row in selection.rows if row.reference not in hidden]
    for row in selection.rows:
        scrub_row(row, hidden)
    if selection.ranking is not None:
        visible = [b for b in selection.data.bids if b.reference not in hidden]
        selection.distributions = score_distributions(visible, selection.rules)
    if selection.stability is not None:
        selection.stability = replace(
            selection.stability,
            no_cohort=tuple(scrub_text(text, hidden) for text in selection.stability.no_cohort),
        )
    return selection


def for_round(round_, viewer=None, *, with_stability=True):
    """The round's selection, worked out once per distinct input (scoring.select.stored);
    with `viewer`, as that person may see it (seen_by)."""
    from scoring.select import stored

    current = stored.selection(
        round_, with_stability, lambda d: compute(d, with_stability=with_stability)
    )
    return current if viewer is None else seen_by(current, viewer)


# --- The chair's settings -----------------------------------------------------------------

CONSTRAINT_FIELDS = (
    "size_min",
    "size_max",
    "max_per_region",
    "min_regions",
    "max_overlap",
    "quality_threshold",
)
SETTINGS_FIELDS = (*CONSTRAINT_FIELDS, "tie_breaks", "calibrate")


def settings_snapshot(settings):
    values = {name: getattr(settings, name) for name in SETTINGS_FIELDS}
    values["quality_threshold"] = str(values["quality_threshold"])
    return values


def check(data, *, strict=True):
    """Raise ConstraintError if the loaded settings are invalid or (when strict) allow no
    cohort: then the Infeasibility's field and message are kept."""
    ranking = rank_bids(data.bids, data.rules())
    proposal = propose(ranking, data.constraints())
    if strict and not proposal.feasible:
        raise ConstraintError(proposal.infeasible.field, proposal.infeasible.message)
    return proposal


def feasible(data):
    try:
        return check(data).feasible
    except ConstraintError:
        return False


def save_settings(user, round_, values):
    """Save the selection settings from `values` (a dict of SETTINGS_FIELDS). Raises
    ConstraintError for an invalid or impossible combination; nothing is saved then."""
    if not user.has_perm("scoring.change_selection"):
        raise PermissionDenied
    with transaction.atomic():
        data = selection_data.load(round_)
        settings = data.settings
        old = settings_snapshot(settings) if settings.pk else None
        for name in SETTINGS_FIELDS:
            setattr(settings, name, values[name])
        if settings.quality_threshold is not None:
            settings.quality_threshold = Decimal(settings.quality_threshold)
        check(data)
        settings.updated_by = user
        settings.updated_at = timezone.now()
        settings._history_user = user
        settings.save()
        new = settings_snapshot(settings)
        audit.record(
            "selection.settings_changed",
            user,
            round=round_,
            subject="Selection settings",
            old=old,
            new=new,
        )
    return settings


def ensure_settings(round_):
    """Create the round's settings with the defaults if there are none (demo data)."""
    existing = SelectionSettings.objects.filter(round=round_).first()
    if existing:
        return existing, False
    settings = selection_data.default_settings(round_)
    settings.save()
    return settings, True


def set_pin(user, bid, pinned, reason):
    """Pin a bid in or out ("in", "out") with a reason, or remove its pin (""). Refused with
    ConstraintError if the pin makes every cohort impossible or the bid cannot be proposed."""
    access.check(user, "scoring.change_selection", bid)
    reason = (reason or "").strip()
    if pinned and not reason:
        raise ConstraintError("reason", "Enter a reason for pinning the bid")
    with transaction.atomic():
        data = selection_data.load(bid.round)
        info = data.info.get(bid.reference)
        if info is None:
            raise ConstraintError("pinned", f"{bid.reference} is not eligible for selection")
        old = {"pinned": info.pin, "reason": info.pin_reason} if info.pin else None
        was_possible = feasible(data)
        info.pin = pinned
        try:
            check(data, strict=was_possible)
        except ConstraintError as error:
            raise ConstraintError("pinned", error.message) from error
        existing = SelectionPin.objects.filter(bid=bid).first()
        if not pinned:
            if existing:
                existing._history_user = user
                existing.delete()
        else:
            pin = existing or SelectionPin(bid=bid)
            pin.pinned, pin.reason, pin.pinned_by, pin.pinned_at = (
                pinned,
                reason,
                user,
                timezone.now(),
            )
            pin._history_user = user
            pin.save()
        audit.record(
            "selection.pin_changed",
            user,
            bid=bid,
            old=old,
            new={"pinned": pinned, "reason": reason} if pinned else None,
        )


def set_region(user, bid, region, reason):
    """Override the bid's region (a Region) with a reason, or remove the override (None)."""
    access.check(user, "scoring.change_selection", bid)
    reason = (reason or "").strip()
    if region is not None and not reason:
        raise ConstraintError("reason", "Enter a reason for changing the region")
    with transaction.atomic():
        was_possible = feasible(selection_data.load(bid.round))
        existing = BidRegionOverride.objects.select_related("region").filter(bid=bid).first()
        old = {"region": existing.region.name, "reason": existing.reason} if existing else None
        if region is None:
            if existing:
                existing._history_user = user
                existing.delete()
        else:
            override = existing or BidRegionOverride(bid=bid)
            override.region, override.reason = region, reason
            override.set_by, override.set_at = user, timezone.now()
            override._history_user = user
            override.save()
        try:
            check(selection_data.load(bid.round), strict=was_possible)
        except ConstraintError as error:
            raise ConstraintError("region", error.message) from error
        audit.record(
            "selection.region_changed",
            user,
            bid=bid,
            old=old,
            new={"region": region.name, "reason": reason} if region else None,
        )
