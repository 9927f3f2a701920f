from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from core.admin_readonly import ReadOnlyAdminMixin
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
from scoring.setup import criteria as criteria_rules


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only: decisions are recorded, released and reopened through the product."""

    list_display = ["bid", "outcome", "reserve_position", "decided_by", "decided_at", "released_at"]
    list_filter = ["outcome", "bid__round"]
    raw_id_fields = ["bid", "decided_by", "released_by"]


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    """Criteria can be changed here too; the same lock applies once scoring has started,
    and a warning shows while the round's weights do not total 100."""

    list_display = ["name", "round", "weight", "minimum", "position"]
    list_filter = ["round"]
    ordering = ["round", "position", "pk"]

    def _locked(self, obj):
        return obj is not None and criteria_rules.scoring_started(obj.round)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._locked(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._locked(obj)

    def save_model(self, request, obj, form, change):
        if criteria_rules.scoring_started(obj.round):
            raise PermissionDenied("Scoring has started, so the criteria are locked")
        super().save_model(request, obj, form, change)
        self._warn_about_weights(request, obj.round)

    def delete_model(self, request, obj):
        round_ = obj.round
        super().delete_model(request, obj)
        self._warn_about_weights(request, round_)

    def _warn_about_weights(self, request, round_):
        message = criteria_rules.weights_error(
            Criterion.objects.filter(round=round_).values_list("weight", flat=True)
        )
        if message:
            messages.warning(request, f"{round_}: {message}")


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
    """View only: assign on the site ("Set up assessment"), where conflicts are checked,
    the load is balanced, assessors are emailed and every change is audited."""

    list_display = ["bid", "assessor", "manual", "assigned_at", "notified_at"]
    list_filter = ["manual", "bid__round"]
    raw_id_fields = ["bid", "assessor", "assigned_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ScoreInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Score
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only, with its scores: assessors save and submit them through the product,
    panel chairs return them."""

    list_display = ["assignment", "status", "recommendation", "submitted_at"]
    list_filter = ["status", "recommendation"]
    inlines = [ScoreInline]


@admin.register(ModeratedScore)
class ModeratedScoreAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only: panel chairs record moderated scores through the product."""

    list_display = ["bid", "criterion", "score", "moderated_by", "moderated_at"]
    raw_id_fields = ["bid", "moderated_by"]
