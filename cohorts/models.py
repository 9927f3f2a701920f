from django.conf import settings
from django.db import models
from django.utils import timezone

from applications.constants import Theme
from applications.models import Bid, District, Organisation, Region, Round


class Cohort(models.Model):
    """The partnerships supported in a round. Round 1's pilots have no bids behind them."""

    round = models.OneToOneField(Round, on_delete=models.PROTECT, related_name="cohort")
    name = models.CharField(max_length=150)
    starts_on = models.DateField(null=True, blank=True)
    introduction = models.TextField(blank=True)
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="When the public announcement goes live (Europe/London)"
    )

    class Meta:
        ordering = ["-round__number"]

    def __str__(self):
        return self.name


class CohortMember(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="members")
    bid = models.OneToOneField(
        Bid, on_delete=models.PROTECT, null=True, blank=True, related_name="cohort_member"
    )
    partnership_name = models.CharField(max_length=200)
    place_name = models.CharField(max_length=200)
    theme = models.CharField(max_length=40, choices=Theme.choices)
    challenge_title = models.CharField(max_length=300)
    challenge_summary = models.TextField(blank=True)
    organisations = models.ManyToManyField(Organisation, related_name="cohort_memberships")
    organisation_names = models.JSONField(
        default=dict,
        blank=True,
        help_text="{organisation id: name as the partnership writes it}, from the bid",
    )
    districts = models.ManyToManyField(District, related_name="cohort_memberships")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True)
    note = models.TextField(blank=True, help_text="Internal note for programme staff")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["cohort", "position", "partnership_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "partnership_name"], name="cohort_member_unique_name"
            )
        ]

    def __str__(self):
        return self.partnership_name

    def named_organisations(self):
        """(name as the partnership writes it, organisation) of each member organisation,
        in the order of `organisations.all()` (prefetched by the public pages)."""
        names = self.organisation_names or {}
        return [(names.get(str(o.pk)) or o.name, o) for o in self.organisations.all()]


class EmailKind(models.TextChoices):
    OFFER = "offer", "Offer of a place"
    RESERVE = "reserve", "Reserve list"
    UNSUCCESSFUL = "unsuccessful", "Unsuccessful"


class EmailTemplate(models.Model):
    """The text of one kind of decision email for a round, edited by programme staff.
    Placeholders such as {partnership} are filled in for each recipient (cohorts.emails)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="email_templates")
    kind = models.CharField(max_length=20, choices=EmailKind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["round", "kind"], name="email_template_unique_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} email for {self.round}"


class Offer(models.Model):
    """A place offered to a bid: on release for accepted bids, later to reserves when an
    offer is declined or lapses. State changes go through cohorts.offers."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a reply"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        LAPSED = "lapsed", "Lapsed"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="offers")
    bid = models.OneToOneField(Bid, on_delete=models.CASCADE, related_name="offer")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    offered_at = models.DateTimeField(default=timezone.now)
    reply_by = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    decline_reason = models.TextField(blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        help_text="The declined or lapsed offer whose place this one fills",
    )

    class Meta:
        ordering = ["round", "offered_at", "pk"]
        indexes = [models.Index(fields=["status", "reply_by"])]

    def __str__(self):
        return f"Offer to {self.bid}"

    def is_open_at(self, now):
        return self.status == self.Status.OPEN and now < self.reply_by

    def status_at(self, now):
        """The status by the clock: an open offer past its reply-by date has lapsed."""
        if self.status == self.Status.OPEN and now >= self.reply_by:
            return self.Status.LAPSED
        return self.status
