from django.conf import settings
from django.db import models
from django.utils import timezone


class OutboxMessage(models.Model):
    """One email to one recipient. Created in the transaction of the change it is about
    (or as a draft, for decision emails staff review first), sent by the background
    worker, exactly once. `key` is the idempotency key: creating a message whose key
    exists creates nothing. The sender claims a message with a conditional update before
    handing it to the email server (notifications.sender)."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40)
    round = models.ForeignKey(
        "applications.Round",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbox_messages",
    )
    bid = models.ForeignKey(
        "applications.Bid",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbox_messages",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    to_email = models.EmailField()
    more_to = models.JSONField(
        default=list, blank=True, help_text="Other addresses on the same email (a team)"
    )
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    attachment = models.CharField(
        max_length=60, blank=True, help_text="A registered attachment renderer, run by the worker"
    )
    attachment_args = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    interruptions = models.PositiveSmallIntegerField(
        default=0, help_text="Times a worker died while holding the message"
    )
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(
        max_length=32, blank=True, help_text="Which run of the sender holds the message"
    )
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="When a failed message is tried again by itself"
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["round", "state"]),
            models.Index(fields=["state", "next_attempt_at"]),
        ]

    def __str__(self):
        return f"{self.kind} email to {self.to_email} ({self.state})"


class Heartbeat(models.Model):
    """When a background process last showed it was alive ("worker", "scheduler")."""

    name = models.CharField(max_length=40, primary_key=True)
    beat_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"


class ScheduledJob(models.Model):
    """One row per scheduled job: the lock that keeps two runs of `run_scheduled` from
    doing the same job at once (claimed with a conditional update), and its last run."""

    name = models.CharField(max_length=60, primary_key=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    locked_by = models.CharField(max_length=32, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_result = models.TextField(blank=True)
    last_ok = models.BooleanField(default=True)

    def __str__(self):
        return self.name
