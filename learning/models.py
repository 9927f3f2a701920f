"""How a round ends and what the next one learns (issue 17): peer review between the
cohort's partnerships, the key challenges of collaborative working, each partnership's
lessons learnt and next steps, the end-of-programme evaluation, the programme report, and
where a round was copied from.

State changes go through the module named in each model's docstring; the admin is
read-only for them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from applications.models import Round
from cohorts.models import Cohort, CohortMember
from programme.models import Event

USER = settings.AUTH_USER_MODEL


def _by():
    return models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )


class KeyChallenge(models.Model):
    """A key challenge of collaborative working that emerged in the cohort (trust, buy-in,
    time of senior leaders, ...), used to tag lessons and reviews. learning.themes."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="key_challenges")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="For loaded data")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["cohort", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "name"], name="key_challenge_unique_name")
        ]

    def __str__(self):
        return self.name


class PeerReview(models.Model):
    """A peer review held at an event of the cohort's calendar. learning.peer_review."""

    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="peer_review")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="peer_reviews")
    members = models.ManyToManyField(CohortMember, related_name="peer_reviews")
    peers_each = models.PositiveSmallIntegerField("peers reviewing each partnership", default=2)
    anonymous = models.BooleanField(
        "keep the reviewers anonymous",
        default=False,
        help_text="Reviewed partnerships do not see who wrote each review",
    )
    opened_by = _by()
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = _by()

    class Meta:
        ordering = ["cohort", "-opened_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(peers_each__gte=1), name="peers_each")
        ]

    def __str__(self):
        return f"Peer review: {self.event}"

    @property
    def is_closed(self):
        return self.closed_at is not None


class Pitch(models.Model):
    """A partnership's short pitch for a peer review (its timeline and challenge come from
    its space). learning.peer_review.save_pitch."""

    review = models.ForeignKey(PeerReview, on_delete=models.CASCADE, related_name="pitches")
    member = models.ForeignKey(CohortMember, on_delete=models.CASCADE, related_name="pitches")
    text = models.TextField()
    updated_by = _by()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "member"], name="pitch_unique")]

    def __str__(self):
        return f"Pitch of {self.member}"


class PeerReviewPair(models.Model):
    """One partnership reviewing another in a peer review: what is strong, one challenge,
    one offer of support. Never a partnership reviewing itself (a database constraint).
    learning.peer_review (assignment), learning.reviews (writing), learning.themes (tags)."""

    review = models.ForeignKey(PeerReview, on_delete=models.CASCADE, related_name="pairs")
    reviewer = models.ForeignKey(
        CohortMember, on_delete=models.CASCADE, related_name="reviews_written"
    )
    reviewed = models.ForeignKey(
        CohortMember, on_delete=models.CASCADE, related_name="reviews_received"
    )
    strengths = models.TextField("what is strong", blank=True)
    challenge = models.TextField("one challenge to the partnership", blank=True)
    support = models.TextField("one offer of support", blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = _by()
    key_challenges = models.ManyToManyField(KeyChallenge, blank=True, related_name="reviews")

    class Meta:
        ordering = [
            "review",
            "reviewed__position",
            "reviewed__partnership_name",
            "reviewer__position",
            "pk",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "reviewer", "reviewed"], name="peer_review_pair_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(reviewer=models.F("reviewed")), name="peer_review_no_self"
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} reviews {self.reviewed}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class Lessons(models.Model):
    """A partnership's lessons learnt and next steps, in the conference report's two parts
    (A. what it learnt; B. what it needs to do next), dated; the team edits them until staff
    lock them for the report. learning.lessons."""

    member = models.OneToOneField(CohortMember, on_delete=models.CASCADE, related_name="lessons")
    learnt = models.TextField("what the partnership learnt")
    next_steps = models.TextField("what it needs to do next")
    recorded_on = models.DateField("date of the lessons")
    source = models.CharField(max_length=300, blank=True, help_text="For loaded data")
    updated_by = _by()
    updated_at = models.DateTimeField(default=timezone.now)
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = _by()
    key_challenges = models.ManyToManyField(KeyChallenge, blank=True, related_name="lessons")

    class Meta:
        verbose_name_plural = "lessons"
        ordering = ["member__cohort", "member__position", "member__partnership_name"]

    def __str__(self):
        return f"Lessons of {self.member}"

    @property
    def is_locked(self):
        return self.locked_at is not None


class Rating(models.TextChoices):
    ACHIEVED = "achieved", "Achieved"
    PARTLY = "partly", "Partly achieved"
    NOT_YET = "not_yet", "Not yet achieved"
    NOT_RELEVANT = "no_longer_relevant", "No longer relevant"


RATING_COLOURS = {
    "achieved": "green",
    "partly": "yellow",
    "not_yet": "red",
    "no_longer_relevant": "grey",
}


class Evaluation(models.Model):
    """A partnership's end-of-programme evaluation of progress against its priority
    challenge: a rating with evidence for each expected outcome and measure of success of
    its bid, an overall statement and what it will do next. learning.evaluation."""

    member = models.OneToOneField(CohortMember, on_delete=models.CASCADE, related_name="evaluation")
    overall = models.TextField("overall statement", blank=True)
    after_programme = models.TextField(
        "what the partnership will do after the programme", blank=True
    )
    opened_by = _by()
    opened_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = _by()

    class Meta:
        ordering = ["member__cohort", "member__position", "member__partnership_name"]

    def __str__(self):
        return f"Evaluation of {self.member}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class EvaluationItem(models.Model):
    """One expected outcome or measure of success, carried over from the bid as written,
    with the partnership's rating and evidence."""

    class Kind(models.TextChoices):
        OUTCOME = "outcome", "Expected outcome"
        MEASURE = "measure", "Measure of success"
        CHALLENGE = "challenge", "Priority challenge"

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    source = models.CharField(max_length=200, blank=True)
    rating = models.CharField(max_length=20, choices=Rating.choices, blank=True)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["evaluation", "position", "pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def rating_colour(self):
        return RATING_COLOURS.get(self.rating, "grey")


class Report(models.Model):
    """The cohort's programme report: published as a public page and a PDF when staff
    publish it. learning.publishing."""

    cohort = models.OneToOneField(Cohort, on_delete=models.CASCADE, related_name="report")
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="For loaded data")
    updated_by = _by()
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = _by()

    def __str__(self):
        return self.title

    @property
    def is_published(self):
        return self.published_at is not None


class RoundCopy(models.Model):
    """A round created from another (learning.next_round): what was copied, exactly as the
    preview listed it."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="copied_from")
    source = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="copies")
    copied = models.JSONField()
    created_by = _by()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "round copies"

    def __str__(self):
        return f"{self.round} from {self.source}"
