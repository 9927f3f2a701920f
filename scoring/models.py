"""Assessment, ranking and selection. Business rules live in plain modules beside this one."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from applications.models import Bid


class Decision(models.Model):
    """The panel's decision on a bid. Internal until programme staff release it
    (`released_at`); after release it can change only when staff reopen it."""

    class Outcome(models.TextChoices):
        ACCEPT = "accept", "Accept"
        RESERVE = "reserve", "Reserve list"
        REJECT = "reject", "Reject"

    bid = models.OneToOneField(Bid, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reserve_position = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="1 is offered first when a place comes free"
    )
    feedback = models.TextField(blank=True, help_text="Shown to the applicant")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="decisions_made"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions_released",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["outcome", "reserve_position", "bid__reference"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="reserve", reserve_position__isnull=False)
                | ~models.Q(outcome="reserve"),
                name="decision_reserve_has_position",
            )
        ]

    def __str__(self):
        return f"{self.bid}: {self.get_outcome_display()}"


DEFAULT_LEVELS = [
    (0, "No evidence"),
    (1, "Poor"),
    (2, "Partial"),
    (3, "Satisfactory"),
    (4, "Good"),
    (5, "Strong"),
]


def default_levels():
    return [{"score": score, "descriptor": text} for score, text in DEFAULT_LEVELS]


class Criterion(models.Model):
    """A weighted criterion of a round. Weights of a round total 100 (percent)."""

    round = models.ForeignKey(
        "applications.Round", on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=150)
    guidance = models.TextField(blank=True, help_text="Guidance for assessors")
    weight = models.DecimalField(max_digits=5, decimal_places=2, help_text="Percent")
    scale_min = models.PositiveSmallIntegerField(default=0)
    scale_max = models.PositiveSmallIntegerField(default=5)
    levels = models.JSONField(
        default=default_levels, help_text='[{"score": 0, "descriptor": "No evidence"}, ...]'
    )
    minimum = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="A bid scoring below this here cannot be selected",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="criterion_unique_name"),
        ]

    def __str__(self):
        return f"{self.name} ({self.weight:g}%)"


class AssessorProfile(models.Model):
    """An assessor's organisations and declared interests, for conflict checks."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessor_profile"
    )
    organisations = models.ManyToManyField(
        "applications.Organisation", blank=True, related_name="assessors"
    )
    other_interests = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(m2m_fields=[organisations])

    def __str__(self):
        return f"Assessor profile of {self.user}"


class ConflictDeclaration(models.Model):
    """An assessor declares a conflict with a bid: it is taken from them for good."""

    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts_declared"
    )
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.TextField()
    declared_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-declared_at"]
        constraints = [
            models.UniqueConstraint(fields=["assessor", "bid"], name="conflict_unique_pair")
        ]

    def __str__(self):
        return f"{self.assessor} conflicted on {self.bid}"


class Assignment(models.Model):
    """An assessor is asked to assess a bid."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="assignments")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    manual = models.BooleanField(default=False, help_text="Assigned by hand by staff")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments_made",
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid", "assigned_at"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "assessor"], name="assignment_unique_pair")
        ]

    def __str__(self):
        return f"{self.bid} to {self.assessor}"


class Assessment(models.Model):
    """One assessor's scores of one bid: a draft until submitted; the chair can return it."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned for changes"

    class Recommendation(models.TextChoices):
        FUND = "fund", "Fund"
        FUND_WITH_RESERVATIONS = "fund_with_reservations", "Fund with reservations"
        DO_NOT_FUND = "do_not_fund", "Do not fund"

    assignment = models.OneToOneField(
        Assignment, on_delete=models.CASCADE, related_name="assessment"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    recommendation = models.CharField(max_length=30, choices=Recommendation.choices, blank=True)
    overall_comment = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0, help_text="For detecting stale saves")
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    returned_comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    def __str__(self):
        return f"Assessment of {self.assignment}"


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    justification = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="score_unique_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion.name}: {self.score}"


class ModeratedScore(models.Model):
    """The panel chair's moderated score for a criterion of a bid, with a rationale."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="moderated_scores")
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="moderated_scores"
    )
    score = models.DecimalField(max_digits=4, decimal_places=1)
    rationale = models.TextField()
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    moderated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion"], name="moderated_unique_criterion")
        ]

    def __str__(self):
        return f"{self.bid} {self.criterion.name}: {self.score}"


# --- Selection (ranking, proposal, decisions) -------------------------------------------------


class SelectionSettings(models.Model):
    """The panel chair's selection settings for a round: the cohort constraints, the quality
    threshold, the tie-break rules and whether calibration is on. Changed only through
    scoring.select.selection.save_settings (audited)."""

    round = models.OneToOneField(
        "applications.Round", on_delete=models.CASCADE, related_name="selection_settings"
    )
    size_min = models.PositiveSmallIntegerField(help_text="Cohort size (the smallest, for a range)")
    size_max = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Largest cohort size; blank for an exact size"
    )
    max_per_region = models.PositiveSmallIntegerField(null=True, blank=True)
    min_regions = models.PositiveSmallIntegerField(null=True, blank=True)
    max_overlap = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="At most this many bids overlapping an earlier cohort"
    )
    quality_threshold = models.DecimalField(max_digits=5, decimal_places=1, default=60)
    tie_breaks = models.JSONField(
        default=list,
        blank=True,
        help_text='Ordered rules, e.g. [["criterion_desc", 12], ["spread_asc"]]; empty: default',
    )
    calibrate = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "selection settings"

    def __str__(self):
        return f"Selection settings of {self.round}"


class SelectionPin(models.Model):
    """The chair pins a bid into, or out of, the proposed cohort, with a reason."""

    class Pinned(models.TextChoices):
        IN = "in", "Pinned in"
        OUT = "out", "Pinned out"

    bid = models.OneToOneField(Bid, on_delete=models.CASCADE, related_name="selection_pin")
    pinned = models.CharField(max_length=3, choices=Pinned.choices)
    reason = models.TextField()
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    pinned_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.bid}: {self.get_pinned_display()}"


class BidRegionOverride(models.Model):
    """The chair places a bid in a region other than the one derived from its districts."""

    bid = models.OneToOneField(Bid, on_delete=models.CASCADE, related_name="region_override")
    region = models.ForeignKey("applications.Region", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.bid}: {self.region}"


class StoredSelection(models.Model):
    """The ranking, proposal, explanations and stability check of a round, worked out once for
    one set of inputs and reused until any input changes (scoring.select.stored).

    ``key`` is a hash of every plain input (criteria, weights, scores, moderated scores,
    settings, pins, region overrides, earlier cohorts' districts; not the decisions, which
    change none of it and are always shown as they are now) and of the rules' code, so a
    change anywhere gives a new key: nothing is ever served stale. A table, so that every
    web host shares it."""

    round = models.ForeignKey(
        "applications.Round", on_delete=models.CASCADE, related_name="stored_selections"
    )
    key = models.CharField(max_length=64)
    value = models.BinaryField()
    # What the ranking page shows above and beside its tables (scoring.select.stored.Summary):
    # small whatever the number of bids; the rows are StoredSelectionRow.
    summary = models.BinaryField(default=b"")
    computed_at = models.DateTimeField(default=timezone.now)
    seconds = models.FloatField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "key"], name="stored_selection_round_key")
        ]

    def __str__(self):
        return f"{self.round}: {self.key[:10]}"


class StoredSelectionRow(models.Model):
    """One bid's row of a stored selection, so the ranking page reads one page of rows with
    LIMIT/OFFSET, filtered and sorted in the database. ``value`` is the pickled row as the
    page shows it, without the decision (always read as it is now)."""

    class Kind(models.TextChoices):
        RANKED = "ranked", "Ranked"
        EXCLUDED = "excluded", "Listed separately"

    stored = models.ForeignKey(StoredSelection, on_delete=models.CASCADE, related_name="rows")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    position = models.PositiveIntegerField()  # the order of the rows as worked out
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(max_length=20)
    region = models.CharField(max_length=100)
    theme = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=20)
    flagged = models.BooleanField(default=False)
    proposed = models.BooleanField(default=False)
    rank = models.PositiveIntegerField(null=True)
    total = models.FloatField(null=True)  # for sorting only; pages show the exact figure
    value = models.BinaryField()  # the row as the page shows it (ranking_page.ShownRow)
    scores = models.BinaryField()  # the bid's plain scores (for a viewer in conflict)

    class Meta:
        indexes = [models.Index(fields=["stored", "kind", "position"])]

    def __str__(self):
        return f"{self.stored_id}: {self.reference}"


class SelectionInputChange(models.Model):
    """A row written whenever an input of the selection changes (scoring.select.inputs): the
    number of rows is part of the stored selection's key, so the next request after any
    change works the selection out again. Rows are only ever added (never deleted), so the
    count grows with every committed change, in whatever order transactions commit."""

    changed_at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=100)

    def __str__(self):
        return f"{self.changed_at:%Y-%m-%d %H:%M:%S} {self.what}"
