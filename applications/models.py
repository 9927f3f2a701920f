"""Rounds, the organisation registry, bids and their audit trail. Business rules live in
plain modules beside this one (rounds.py, bids.py, ...); models stay thin."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from applications.constants import OrganisationKind, Theme


class Region(models.Model):
    code = models.CharField("ONS code", max_length=9, unique=True)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name


class District(models.Model):
    """One of England's 296 local authority districts (2023 boundaries)."""

    code = models.CharField("ONS code", max_length=9, unique=True)
    name = models.CharField(max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="districts")
    hex_q = models.SmallIntegerField()
    hex_r = models.SmallIntegerField()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    """A council, a higher education institution or another anchor institution."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    ons_code = models.CharField("ONS code", max_length=9, unique=True, null=True, blank=True)
    ukprn = models.CharField("UKPRN", max_length=8, unique=True, null=True, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations"
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="councils"
    )
    synonyms = models.CharField(max_length=500, blank=True, help_text="Other names, for search")
    closed = models.BooleanField(default=False)
    from_registry = models.BooleanField(
        default=False, help_text="Loaded from reference data rather than typed in by an applicant"
    )
    reviewed = models.BooleanField(
        default=False,
        help_text="Programme staff have checked an organisation typed in by applicants",
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        help_text="Set when this record was a duplicate of another",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.name

    @property
    def is_council(self):
        return self.kind in (OrganisationKind.COUNCIL, OrganisationKind.COUNTY_COUNCIL)

    @property
    def is_hei(self):
        return self.kind == OrganisationKind.HIGHER_EDUCATION

    @property
    def identifier(self):
        return self.ons_code or (f"UKPRN {self.ukprn}" if self.ukprn else "")


class Round(models.Model):
    """A funding round. Its status is derived from the clock, never stored."""

    class Status(models.TextChoices):
        UPCOMING = "upcoming", "Upcoming"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        ASSESSING = "assessing", "Assessing"
        DECIDED = "decided", "Decided"
        ANNOUNCED = "announced", "Announced"

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    summary = models.TextField(blank=True)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    assessment_starts_at = models.DateTimeField(null=True, blank=True)
    decisions_at = models.DateTimeField(null=True, blank=True)
    announced_at = models.DateTimeField(null=True, blank=True)
    programme_starts_on = models.DateField(null=True, blank=True)
    programme_ends_on = models.DateField(null=True, blank=True)
    cohort_size = models.PositiveSmallIntegerField(default=8)
    assessors_per_bid = models.PositiveSmallIntegerField(default=3)
    spread_threshold = models.DecimalField(max_digits=4, decimal_places=1, default=2)
    quality_threshold = models.DecimalField(
        "quality threshold (%)",
        max_digits=4,
        decimal_places=1,
        default=60,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="At most one decimal place, like 60 or 62.5: totals are compared as shown, "
        "to one decimal",
    )
    reference_prefix = models.CharField(max_length=10, help_text="For example LP2")
    next_reference_number = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="round_closes_after_opening"
            )
        ]

    def __str__(self):
        return self.name

    def status_at(self, now):
        milestones = [
            (self.announced_at, self.Status.ANNOUNCED),
            (self.decisions_at, self.Status.DECIDED),
            (self.assessment_starts_at, self.Status.ASSESSING),
            (self.closes_at, self.Status.CLOSED),
            (self.opens_at, self.Status.OPEN),
        ]
        for moment, status in milestones:
            if moment is not None and now >= moment:
                return status
        return self.Status.UPCOMING

    @property
    def status(self):
        return self.status_at(timezone.now())

    def is_open(self, now=None):
        return self.status_at(now or timezone.now()) == self.Status.OPEN

    def clean(self):
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = "The closing date must be after the opening date"
        order = [
            ("closes_at", self.closes_at),
            ("assessment_starts_at", self.assessment_starts_at),
            ("decisions_at", self.decisions_at),
            ("announced_at", self.announced_at),
        ]
        last_name, last_value = None, None
        for name, value in order:
            if value is None:
                continue
            if last_value is not None and value < last_value:
                errors[name] = f"This must be after {last_name.replace('_', ' ')}"
            last_name, last_value = name, value
        if (
            self.programme_starts_on
            and self.programme_ends_on
            and self.programme_ends_on <= self.programme_starts_on
        ):
            errors["programme_ends_on"] = "The programme must end after it starts"
        if self.opens_at and self.closes_at:
            overlapping = Round.objects.filter(
                opens_at__lt=self.closes_at, closes_at__gt=self.opens_at
            ).exclude(pk=self.pk)
            if overlapping.exists():
                errors["opens_at"] = (
                    f"Only one round can be open at a time: this overlaps {overlapping.first()}"
                )
        if errors:
            raise ValidationError(errors)


class BidQuerySet(models.QuerySet):
    """The bids that pages and rules ask for, each defined once."""

    def for_round(self, round_):
        return self.filter(round=round_)

    def submitted(self):
        return self.filter(status=Bid.Status.SUBMITTED)

    def with_submitted_version(self):
        """Bids with a submitted version that are not withdrawn, whatever state the draft is
        in: a bid reopened by the applicant keeps its latest submission in screening,
        assessment and ranking (`Bid.has_submitted_version` is the same rule for one bid)."""
        return self.filter(first_submitted_at__isnull=False).exclude(status=Bid.Status.WITHDRAWN)

    def in_assessment(self):
        """With a submitted version and screened eligible: the bids assessors score and the
        panel ranks, on their latest submitted version (`Bid.is_in_assessment` is the same
        rule for one loaded bid)."""
        return self.with_submitted_version().filter(screening=Bid.Screening.ELIGIBLE)

    def for_staff_table(self):
        """With what the staff tables show beside each bid: lead organisation and region."""
        return self.select_related("lead_organisation", "region")


class Bid(models.Model):
    """A partnership's application to a round. State changes go through applications.bids."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Screening(models.TextChoices):
        PENDING = "pending", "Not screened"
        ELIGIBLE = "eligible", "Eligible"
        INELIGIBLE = "ineligible", "Ineligible"

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="bids")
    reference = models.CharField(max_length=20, null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bids_created"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    # Denormalised from the answers when a section is saved, for lists and filters.
    place_name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    theme = models.CharField(max_length=40, choices=Theme.choices, blank=True)
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="led_bids"
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="bids"
    )
    districts = models.ManyToManyField(District, blank=True, related_name="bids")
    overlaps_earlier_cohort = models.BooleanField(default=False)
    # Eligibility screening by programme staff (assessment).
    screening = models.CharField(
        max_length=20, choices=Screening.choices, default=Screening.PENDING
    )
    screening_reason = models.TextField(blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bids_screened",
    )
    screened_at = models.DateTimeField(null=True, blank=True)

    objects = BidQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "reference"], name="bid_reference_unique_per_round"
            )
        ]
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self):
        return self.reference or f"Draft bid {self.pk}"

    @property
    def display_name(self):
        """The place (from the geography section), else the bid's title, else, before
        either is filled in, the round it is for. The round is used only when it is already
        loaded, so a list never pays a query per untitled draft."""
        if self.place_name or self.title:
            return self.place_name or self.title
        if Bid.round.is_cached(self):
            return f"Application to {self.round.name}"
        return "Draft application"

    @property
    def has_submitted_version(self):
        """This bid is in `Bid.objects.with_submitted_version()`."""
        return self.first_submitted_at is not None and self.status != Bid.Status.WITHDRAWN

    @property
    def is_in_assessment(self):
        """This bid is in `Bid.objects.in_assessment()`: a submitted version, screened eligible."""
        return self.has_submitted_version and self.screening == Bid.Screening.ELIGIBLE

    @property
    def reopened_without_resubmitting(self):
        """Reopened by the applicant (a draft again) after a submission: its latest submitted
        version is the one screened, assessed and ranked."""
        return self.status == Bid.Status.DRAFT and self.first_submitted_at is not None


class BidSection(models.Model):
    """The saved answers of one section (one wizard step) of a bid."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="sections")
    step = models.CharField(max_length=40)
    data = models.JSONField(default=dict)
    is_complete = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["bid", "step"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "step"], name="bid_section_unique_step")
        ]

    def __str__(self):
        return f"{self.bid} {self.step}"


class BidPartner(models.Model):
    """A partner organisation of a bid, normalised from the partners section."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="bid_partnerships"
    )
    name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The name as the partnership writes it, like Sheffield City Council",
    )
    position = models.PositiveSmallIntegerField(default=0)
    is_lead = models.BooleanField(default=False)
    sponsor_name = models.CharField(max_length=150, blank=True)
    sponsor_role = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["bid", "position"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "organisation"], name="bid_partner_unique_org")
        ]

    def __str__(self):
        return f"{self.organisation} in {self.bid}"


class BidCollaborator(models.Model):
    """Someone who may edit the bid: its lead, or a colleague they invited."""

    class Role(models.TextChoices):
        LEAD = "lead", "Lead applicant"
        EDITOR = "editor", "Editor"

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="collaborators")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bid_memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.EDITOR)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["bid", "added_at"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "user"], name="bid_collaborator_unique")
        ]

    def __str__(self):
        return f"{self.user} on {self.bid}"


class BidInvitation(models.Model):
    """An invitation for a colleague to help edit a draft bid."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation for {self.email} to {self.bid}"


class BidSubmission(models.Model):
    """An exact copy of what was submitted, each time it was submitted."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="submissions")
    version = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    answers = models.JSONField()

    class Meta:
        ordering = ["bid", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "version"], name="bid_submission_unique_version")
        ]

    def __str__(self):
        return f"{self.bid} version {self.version}"


class AuditEvent(models.Model):
    """Who did what, when, with the old and the new value. Written by the functions that
    own each state change; never edited, and never deleted with what it describes: the
    person, round and bid are kept as text too (`actor_email`, `round_slug`,
    `bid_reference`), so deleting one of them leaves the record whole."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    actor_email = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=60)
    round = models.ForeignKey(Round, on_delete=models.SET_NULL, null=True, blank=True)
    round_slug = models.CharField(max_length=50, blank=True)
    bid = models.ForeignKey(
        Bid, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_events"
    )
    bid_reference = models.CharField(
        max_length=40, blank=True, help_text="The bid's reference (or id before it had one)"
    )
    subject = models.CharField(max_length=200, blank=True, help_text="What changed, if not the bid")
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.action} by {self.actor} at {self.at:%Y-%m-%d %H:%M}"
