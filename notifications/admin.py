from django.contrib import admin

from notifications.models import Heartbeat, OutboxMessage, ScheduledJob


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: messages change state only through the outbox and the sender."""

    list_display = ["pk", "kind", "to_email", "subject", "state", "attempts", "created_at"]
    list_filter = ["state", "kind"]
    search_fields = ["to_email", "subject", "key"]
    raw_id_fields = ["round", "bid", "recipient"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ScheduledJob)
class ScheduledJobAdmin(admin.ModelAdmin):
    list_display = ["name", "last_started_at", "last_finished_at", "last_ok", "locked_until"]

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(Heartbeat)
