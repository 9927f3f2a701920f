from django.contrib import admin

from reminders.models import DeadlineChange, ReminderTemplate, SentReminder


@admin.register(ReminderTemplate)
class ReminderTemplateAdmin(admin.ModelAdmin):
    list_display = ["round", "kind", "subject", "updated_at"]


@admin.register(DeadlineChange)
class DeadlineChangeAdmin(admin.ModelAdmin):
    list_display = ["round", "old_closes_at", "new_closes_at", "changed_by", "notices"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["bid", "hours_before", "deadline", "sent_at"]
    raw_id_fields = ["bid"]

    def has_change_permission(self, request, obj=None):
        return False
