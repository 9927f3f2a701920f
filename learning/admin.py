"""Learning data in the admin: read-only, because every change goes through the domain
functions (which check permission, audit and send the emails)."""

from django.contrib import admin

from learning.models import (
    Evaluation,
    EvaluationItem,
    KeyChallenge,
    Lessons,
    PeerReview,
    PeerReviewPair,
    Pitch,
    Report,
    RoundCopy,
)
from programme.admin import ReadOnlyAdmin, ReadOnlyInline


class PairInline(ReadOnlyInline):
    model = PeerReviewPair
    fk_name = "review"
    fields = ["reviewer", "reviewed", "submitted_at"]
    readonly_fields = fields


class PitchInline(ReadOnlyInline):
    model = Pitch
    fields = ["member", "text", "updated_at"]
    readonly_fields = fields


@admin.register(PeerReview)
class PeerReviewAdmin(ReadOnlyAdmin):
    list_display = ["event", "cohort", "peers_each", "anonymous", "opened_at", "closed_at"]
    list_filter = ["cohort", "anonymous"]
    inlines = [PitchInline, PairInline]


@admin.register(PeerReviewPair)
class PeerReviewPairAdmin(ReadOnlyAdmin):
    list_display = ["review", "reviewer", "reviewed", "submitted_at"]
    list_filter = ["review__cohort"]


@admin.register(KeyChallenge)
class KeyChallengeAdmin(ReadOnlyAdmin):
    list_display = ["name", "cohort", "position"]
    list_filter = ["cohort"]


@admin.register(Lessons)
class LessonsAdmin(ReadOnlyAdmin):
    list_display = ["member", "recorded_on", "locked_at"]
    list_filter = ["member__cohort"]
    search_fields = ["member__partnership_name", "learnt", "next_steps"]


class ItemInline(ReadOnlyInline):
    model = EvaluationItem
    fields = ["kind", "text", "rating", "evidence"]
    readonly_fields = fields


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["member", "opened_at", "submitted_at"]
    list_filter = ["member__cohort"]
    inlines = [ItemInline]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["title", "cohort", "published_at"]


@admin.register(RoundCopy)
class RoundCopyAdmin(ReadOnlyAdmin):
    list_display = ["round", "source", "created_by", "created_at"]
