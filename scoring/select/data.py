"""Load a round's selection inputs from the database as the plain values of scoring.rules.

`load(round_)` reads the round's bids in assessment (`Bid.objects.in_assessment()`: their
latest submitted version, screened eligible), criteria, submitted assessments (leaving out
assessors in conflict with the bid, as the moderation pages do), moderated scores, pins,
region overrides, decisions and the districts of earlier cohorts in a fixed number of queries
(13) whatever the number of bids, and turns the selection settings into RoundRules and
CohortConstraints. Scores stay exact (ints and Decimals) for scoring.rules.figures.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from applications.constants import Theme
from applications.models import Bid
from scoring.assess import moderation
from scoring.models import (
    Assessment,
    Assignment,
    BidRegionOverride,
    Criterion,
    Decision,
    ModeratedScore,
    Score,
    SelectionPin,
    SelectionSettings,
)
from scoring.rules.inputs import (
    CRITERION_DESC,
    TIE_BREAK_KINDS,
    AssessmentScores,
    BidScores,
    CriterionRule,
    RoundRules,
)
from scoring.rules.proposal import CohortConstraints
from scoring.setup import conflicts

UNKNOWN_REGION = "Region not known"
THEMES = dict(Theme.choices)


def default_settings(round_):
    """Unsaved settings with the round's defaults: cohort size, quality threshold."""
    return SelectionSettings(
        round=round_,
        size_min=round_.cohort_size,
        quality_threshold=Decimal(round_.quality_threshold),
    )


def settings_for(round_):
    return SelectionSettings.objects.filter(round=round_).first() or default_settings(round_)


@dataclass
class BidInfo:
    """What the pages show about a bid beside its scores."""

    pk: int
    reference: str
    name: str
    theme: str
    region: str
    region_derived: str
    region_reason: str = ""
    districts: tuple = ()  # ((code, name, region name), ...)
    pin: str = ""  # "in", "out" or ""
    pin_reason: str = ""
    decision: str = ""  # Decision.Outcome value or ""
    decision_label: str = ""
    reserve_position: int | None = None
    feedback: str = ""
    released: bool = False
    flags: list = field(default_factory=list)
    # The people in conflict with the bid: filled in for programme staff only (seen_by).
    conflicted: list = field(default_factory=list)

    @property
    def theme_label(self):
        return THEMES.get(self.theme, "Not given")

    @property
    def flagged(self):
        return bool(self.flags)


@dataclass
class SelectionData:
    round: object
    settings: SelectionSettings
    criteria: list  # scoring.models.Criterion, in order
    bids: list  # scoring.rules.inputs.BidScores, in reference order
    info: dict  # reference -> BidInfo
    earlier_districts: frozenset
    assessments_count: int = 0
    flag_inputs: dict = field(default_factory=dict)  # reference -> what its flags follow from

    def fill_flags(self):
        """Each bid's moderation flags (scoring.assess.moderation.flags)."""
        criteria_info = [moderation.CriterionInfo.of(c) for c in self.criteria]
        for reference, (by_criterion, recommendations, moderated) in self.flag_inputs.items():
            self.info[reference].flags = moderation.flags(
                criteria_info,
                by_criterion,
                recommendations,
                moderated,
                self.round.spread_threshold,
            )

    def rules(self, **changes):
        return rules_from(self.settings, self.criteria, self.round, **changes)

    def constraints(self, **changes):
        return constraints_from(self.settings, self.info, self.earlier_districts, **changes)

    def by_pk(self):
        return {info.pk: info for info in self.info.values()}


def tie_breaks_from(settings, criteria):
    """The stored tie-break rules as RoundRules tuples; None (the default) when empty."""
    if not settings.tie_breaks:
        return None
    ids = {c.pk for c in criteria}
    rules = []
    for rule in settings.tie_breaks:
        if rule[0] == CRITERION_DESC:
            if rule[1] in ids:
                rules.append((CRITERION_DESC, rule[1]))
        elif rule[0] in TIE_BREAK_KINDS:
            rules.append((rule[0],))
    return tuple(rules) or None


def rules_from(settings, criteria, round_, **changes):
    values = {
        "criteria": tuple(
            CriterionRule(c.pk, c.name, c.weight, c.minimum, c.scale_min, c.scale_max)
            for c in criteria
        ),
        "quota": round_.assessors_per_bid,
        "quality_threshold": float(settings.quality_threshold),
        "tie_breaks": tie_breaks_from(settings, criteria),
        "calibrate": settings.calibrate,
    }
    values.update(changes)
    return RoundRules(**values)


def constraints_from(settings, info, earlier_districts, **changes):
    values = {
        "size_min": settings.size_min,
        "size_max": settings.size_max,
        "max_per_region": settings.max_per_region,
        "min_regions": settings.min_regions,
        "max_overlap": settings.max_overlap,
        "earlier_districts": earlier_districts,
        "pinned_in": frozenset(ref for ref, i in info.items() if i.pin == SelectionPin.Pinned.IN),
        "pinned_out": frozenset(ref for ref, i in info.items() if i.pin == SelectionPin.Pinned.OUT),
    }
    values.update(changes)
    return CohortConstraints(**values)


def earlier_district_codes(round_):
    from cohorts.models import CohortMember

    return frozenset(
        CohortMember.districts.through.objects.filter(
            cohortmember__cohort__round__number__lt=round_.number
        ).values_list("district__code", flat=True)
    )


def load(round_, with_flags=True):
    """The round's selection inputs (see the module docstring). Without `with_flags` the
    moderation flags are left for `fill_flags` (they follow from the inputs: the stored
    selection works them out only when it works out the rest)."""
    settings = settings_for(round_)
    criteria = list(Criterion.objects.filter(round=round_).order_by("position", "pk"))
    bids = Bid.objects.for_round(round_).in_assessment()
    subquery = bids.order_by().values("pk")
    rows = list(
        bids.order_by("reference").values_list(
            "pk",
            "reference",
            "place_name",
            "title",
            "theme",
            "region__name",
            "first_submitted_at",
        )
    )
    districts = defaultdict(list)
    for bid_id, code, name, region in (
        Bid.districts.through.objects.filter(bid_id__in=subquery)
        .order_by("district__name")
        .values_list("bid_id", "district__code", "district__name", "district__region__name")
    ):
        districts[bid_id].append((code, name, region))
    # Submitted assessments: who assessed what, with the recommendation (not conflicted ones).
    assessments = defaultdict(dict)  # bid id -> {assessment id: (assessor, recommendation)}
    submitted = list(
        Assignment.objects.filter(
            bid_id__in=subquery, assessment__status=Assessment.Status.SUBMITTED
        ).values_list(
            "assessment__pk",
            "bid_id",
            "assessor_id",
            "assessor__full_name",
            "assessor__email",
            "assessment__recommendation",
        )
    )
    conflicted = conflicts.conflict_pairs(subquery, {row[2] for row in submitted})
    for assessment_id, bid_id, assessor_id, name, email, recommendation in submitted:
        if (bid_id, assessor_id) not in conflicted:
            assessments[bid_id][assessment_id] = (name or email, recommendation)
    scores = defaultdict(dict)  # assessment id -> {criterion id: score}
    for assessment_id, criterion_id, score in Score.objects.filter(
        assessment__assignment__bid_id__in=subquery,
        assessment__status=Assessment.Status.SUBMITTED,
    ).values_list("assessment_id", "criterion_id", "score"):
        if score is not None:
            scores[assessment_id][criterion_id] = score
    moderated = defaultdict(dict)
    for bid_id, criterion_id, score in ModeratedScore.objects.filter(
        bid_id__in=subquery
    ).values_list("bid_id", "criterion_id", "score"):
        moderated[bid_id][criterion_id] = score
    pins = {
        bid_id: (pinned, reason)
        for bid_id, pinned, reason in SelectionPin.objects.filter(bid_id__in=subquery).values_list(
            "bid_id", "pinned", "reason"
        )
    }
    overrides = {
        bid_id: (region, reason)
        for bid_id, region, reason in BidRegionOverride.objects.filter(
            bid_id__in=subquery
        ).values_list("bid_id", "region__name", "reason")
    }
    decisions = {
        row[0]: row[1:]
        for row in Decision.objects.filter(bid_id__in=subquery).values_list(
            "bid_id", "outcome", "reserve_position", "feedback", "released_at"
        )
    }
    earlier = earlier_district_codes(round_)

    outcome_labels = dict(Decision.Outcome.choices)
    plain, info, flag_inputs = [], {}, {}
    count = 0
    for pk, reference, place, title, theme, region, first_submitted in rows:
        derived = region or UNKNOWN_REGION
        region_name, reason = derived, ""
        if pk in overrides:
            region_name = overrides[pk][0]
            reason = f"Set by the chair: {overrides[pk][1]}"
        given = assessments[pk]
        count += len(given)
        plain_assessments = tuple(
            AssessmentScores(assessor, dict(scores[assessment_id]))
            for assessment_id, (assessor, _) in sorted(given.items())
        )
        by_criterion = defaultdict(list)
        for assessment_id in given:
            for criterion_id, score in scores[assessment_id].items():
                by_criterion[criterion_id].append(score)
        bid_moderated = moderated[pk]
        plain.append(
            BidScores(
                reference=reference,
                region=region_name,
                assessments=plain_assessments,
                moderated=dict(bid_moderated),
                first_submitted=first_submitted,
                districts=frozenset(code for code, _, _ in districts[pk]),
            )
        )
        outcome, position, feedback, released_at = decisions.get(pk, ("", None, "", None))
        pinned, pin_reason = pins.get(pk, ("", ""))
        info[reference] = BidInfo(
            pk=pk,
            reference=reference,
            name=place or title or "Untitled bid",
            theme=theme,
            region=region_name,
            region_derived=derived,
            region_reason=reason,
            districts=tuple(districts[pk]),
            pin=pinned,
            pin_reason=pin_reason,
            decision=outcome,
            decision_label=outcome_labels.get(outcome, ""),
            reserve_position=position,
            feedback=feedback,
            released=released_at is not None,
        )
        flag_inputs[reference] = (
            dict(by_criterion),
            sorted(rec for _, rec in given.values()),
            dict(bid_moderated),
        )
    data = SelectionData(round_, settings, criteria, plain, info, earlier, count, flag_inputs)
    if with_flags:
        data.fill_flags()
    return data
