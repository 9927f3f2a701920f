from django.db import models

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
