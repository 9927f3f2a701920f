from django.conf import settings
from django.db import models
from django.utils import timezone

from applications.models import Bid, Round


class ReminderKind(models.TextChoices):
    REMINDER = "deadline_reminder", "Deadline reminder"
    MOVED = "deadline_moved", "Deadline changed"


class ReminderSchedule(models.Model):
    """When a round's reminders go, in hours before the deadline (else the
    DEADLINE_REMINDER_HOURS setting: 7 days and 1 day)."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="reminder_schedule")
    hours_before = models.JSONField(default=list)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Reminders for {self.round}"


class ReminderTemplate(models.Model):
    """The text of the reminder or the deadline-changed notice for a round, edited by
    programme staff like the decision emails."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reminder_templates")
    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["round", "kind"], name="reminder_template_unique_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} email for {self.round}"


class SentReminder(models.Model):
    """A reminder a bid's team has been sent: at most one per bid and reminder. Moving
    the deadline later re-arms the reminders whose new time is still to come."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="sent_reminders")
    hours_before = models.PositiveIntegerField()
    deadline = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["bid", "hours_before"], name="sent_reminder_once_per_bid"
            )
        ]

    def __str__(self):
        return f"{self.hours_before}h reminder for {self.bid}"


class DeadlineChange(models.Model):
    """Staff moved a round's deadline: every team with a draft is told, once per move."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="deadline_changes")
    old_closes_at = models.DateTimeField()
    new_closes_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    changed_at = models.DateTimeField(default=timezone.now)
    notices = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.round} deadline moved to {self.new_closes_at:%Y-%m-%d %H:%M}"
