"""The cohort's action-learning programme after the announcement: each partnership's space
(senior leadership group, challenge team, priority challenge with its history, milestones
and progress) and the programme calendar (events, invitations, replies, attendance).

State changes go through the modules named in each model's docstring; the admin is
read-only for them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from applications.constants import Theme
from applications.models import Organisation
from cohorts.models import Cohort, CohortMember


class SpaceAccess(models.Model):
    """Someone given access to a partnership's space besides the people on its bid (round
    1's pilots had no bids). programme.spaces.grant_access."""

    member = models.ForeignKey(CohortMember, on_delete=models.CASCADE, related_name="space_access")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_access"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "space access"
        constraints = [
            models.UniqueConstraint(fields=["member", "user"], name="space_access_unique")
        ]

    def __str__(self):
        return f"{self.user} on {self.member}"


class LeadershipMember(models.Model):
    """A member of the partnership's senior leadership group. programme.leadership."""

    member = models.ForeignKey(
        CohortMember, on_delete=models.CASCADE, related_name="leadership_members"
    )
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation_name = models.CharField(max_length=200, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["member", "added_at", "pk"]

    def __str__(self):
        return f"{self.name}, {self.role}"

    @property
    def organisation_label(self):
        return self.organisation.name if self.organisation_id else self.organisation_name


class LeadershipMeeting(models.Model):
    """A meeting of the senior leadership group that was held. programme.leadership."""

    member = models.ForeignKey(
        CohortMember, on_delete=models.CASCADE, related_name="leadership_meetings"
    )
    held_on = models.DateField()
    agreed = models.TextField("what was agreed")
    shared = models.BooleanField(
        "share the note with the cohort", default=False, help_text="Other partnerships see it"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["member", "held_on", "pk"]

    def __str__(self):
        return f"Leadership group meeting of {self.member} on {self.held_on}"


class TeamMember(models.Model):
    """A member of the challenge team; one of them is the lead contact. programme.team."""

    member = models.ForeignKey(CohortMember, on_delete=models.CASCADE, related_name="team_members")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150)
    organisation_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    is_lead_contact = models.BooleanField(default=False)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["member", "-is_lead_contact", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(is_lead_contact=True),
                name="team_one_lead_contact",
            )
        ]

    def __str__(self):
        return f"{self.name}, {self.role}"


class ChallengeVersion(models.Model):
    """One version of the partnership's priority challenge; the highest number is current.
    Never changed once written. programme.challenge."""

    class Change(models.TextChoices):
        APPLICATION = "application", "From the application"
        OUTLINE = "outline", "Outline theme"
        RESHAPED = "reshaped", "Reshaped"
        CONFIRMED = "confirmed", "Confirmed"

    member = models.ForeignKey(
        CohortMember, on_delete=models.CASCADE, related_name="challenge_versions"
    )
    number = models.PositiveSmallIntegerField()
    change = models.CharField(max_length=20, choices=Change.choices)
    theme = models.CharField(max_length=40, choices=Theme.choices)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    changed_on = models.DateField(null=True, blank=True)
    after_event = models.ForeignKey(
        "Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(
        max_length=300, blank=True, help_text="Where the text comes from, for loaded data"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["member", "number"]
        constraints = [
            models.UniqueConstraint(fields=["member", "number"], name="challenge_version_unique")
        ]

    def __str__(self):
        return f"{self.member}: version {self.number}"


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    DONE = "done", "Done"


STATUS_COLOURS = {"not_started": "grey", "on_track": "blue", "at_risk": "red", "done": "green"}


class Milestone(models.Model):
    """A milestone of the partnership's plan, carried over from the bid or added later;
    its status is the latest update's. programme.milestones."""

    member = models.ForeignKey(CohortMember, on_delete=models.CASCADE, related_name="milestones")
    due_on = models.DateField()
    description = models.CharField(max_length=200)
    status = models.CharField(
        max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.NOT_STARTED
    )
    from_application = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["member", "due_on", "position", "pk"]

    def __str__(self):
        return self.description

    @property
    def status_colour(self):
        return STATUS_COLOURS[self.status]


class MilestoneUpdate(models.Model):
    """A dated progress update on a milestone. programme.milestones."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField()
    status = models.CharField(max_length=20, choices=MilestoneStatus.choices)
    note = models.TextField(blank=True)
    shared = models.BooleanField("share the note with the cohort", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["milestone", "-on", "-pk"]

    def __str__(self):
        return f"{self.milestone}: {self.get_status_display()} on {self.on}"


class EventKind(models.TextChoices):
    IMMERSION = "immersion", "Immersion event"
    PEER_CHALLENGE = "peer_challenge", "Peer challenge"
    CHALLENGE_GROUP = "challenge_group", "Challenge group meeting"
    NATIONAL = "national", "National learning event"
    OTHER = "other", "Other"


class Event(models.Model):
    """An event of the programme calendar. `version` goes up with every change people are
    told about. programme.events."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    places_each = models.PositiveSmallIntegerField(default=2)
    version = models.PositiveIntegerField(default=1)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cohort", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(places_each__gte=1), name="event_places"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    def has_started(self, now=None):
        return (now or timezone.now()) >= self.starts_at


class Invitation(models.Model):
    """A partnership invited to an event, with its reply. programme.events (invite),
    programme.replies (reply), programme.attendance (on the day)."""

    class Reply(models.TextChoices):
        NONE = "none", "No reply yet"
        ATTENDING = "attending", "Attending"
        NOT_ATTENDING = "not_attending", "Not attending"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(
        CohortMember, on_delete=models.CASCADE, related_name="event_invitations"
    )
    reply = models.CharField(max_length=20, choices=Reply.choices, default=Reply.NONE)
    replied_at = models.DateTimeField(null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "member__position", "member__partnership_name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="invitation_unique")
        ]

    def __str__(self):
        return f"{self.member} to {self.event}"


class Attendee(models.Model):
    """A named place at an event; `attended` is recorded by staff on the day."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(max_length=150)
    position = models.PositiveSmallIntegerField(default=0)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["invitation", "position", "pk"]

    def __str__(self):
        return self.name
