"""Programme data in the admin: read-only, because every change goes through the domain
functions (which check permission, audit and send the emails). SpaceAccess is the exception
staff manage here too: who besides the bid's team may use a partnership's space."""

from django.contrib import admin

from programme.models import (
    Attendee,
    ChallengeVersion,
    Event,
    Invitation,
    LeadershipMeeting,
    LeadershipMember,
    Milestone,
    MilestoneUpdate,
    SpaceAccess,
    TeamMember,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class InvitationInline(ReadOnlyInline):
    model = Invitation
    fields = ["member", "reply", "replied_at", "replied_by"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "cohort", "starts_at", "version", "cancelled_at"]
    list_filter = ["kind", "cohort"]
    inlines = [InvitationInline]


class AttendeeInline(ReadOnlyInline):
    model = Attendee
    fields = ["name", "attended"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["event", "member", "reply", "replied_at"]
    list_filter = ["reply", "event__cohort"]
    inlines = [AttendeeInline]


@admin.register(ChallengeVersion)
class ChallengeVersionAdmin(ReadOnlyAdmin):
    list_display = ["member", "number", "change", "title", "changed_on"]
    list_filter = ["change", "member__cohort"]


class MilestoneUpdateInline(ReadOnlyInline):
    model = MilestoneUpdate
    fields = ["on", "status", "note", "shared", "recorded_by"]


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    list_display = ["member", "due_on", "description", "status"]
    list_filter = ["status", "member__cohort"]
    inlines = [MilestoneUpdateInline]


@admin.register(LeadershipMember)
class LeadershipMemberAdmin(ReadOnlyAdmin):
    list_display = ["member", "name", "role", "organisation"]


@admin.register(LeadershipMeeting)
class LeadershipMeetingAdmin(ReadOnlyAdmin):
    list_display = ["member", "held_on", "shared"]


@admin.register(TeamMember)
class TeamMemberAdmin(ReadOnlyAdmin):
    list_display = ["member", "name", "role", "is_lead_contact"]


@admin.register(SpaceAccess)
class SpaceAccessAdmin(ReadOnlyAdmin):
    list_display = ["member", "user", "granted_by", "granted_at"]
    raw_id_fields = ["member", "user"]
