from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from scoring.models import (
    Assessment,
    AssessorProfile,
    Assignment,
    ConflictDeclaration,
    Criterion,
    Decision,
    ModeratedScore,
    Score,
)


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["bid", "outcome", "reserve_position", "decided_by", "decided_at", "released_at"]
    list_filter = ["outcome", "bid__round"]
    raw_id_fields = ["bid", "decided_by", "released_by"]


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "round", "weight", "minimum", "position"]
    list_filter = ["round"]


@admin.register(AssessorProfile)
class AssessorProfileAdmin(SimpleHistoryAdmin):
    list_display = ["user", "updated_at"]
    filter_horizontal = ["organisations"]
    raw_id_fields = ["user"]


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(SimpleHistoryAdmin):
    list_display = ["assessor", "bid", "declared_at"]
    raw_id_fields = ["assessor", "bid"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["bid", "assessor", "manual", "assigned_at"]
    list_filter = ["manual", "bid__round"]
    raw_id_fields = ["bid", "assessor", "assigned_by"]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["assignment", "status", "recommendation", "submitted_at"]
    list_filter = ["status", "recommendation"]
    inlines = [ScoreInline]


@admin.register(ModeratedScore)
class ModeratedScoreAdmin(SimpleHistoryAdmin):
    list_display = ["bid", "criterion", "score", "moderated_by", "moderated_at"]
    raw_id_fields = ["bid", "moderated_by"]
