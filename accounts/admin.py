from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied

from accounts.models import Invitation, User

# What only a superuser may change about a person; `is_superuser` itself is never changed
# in the admin (superusers are made with `manage.py createsuperuser`).
ACCESS_FIELDS = ("is_staff", "groups", "user_permissions")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """People. Programme staff see them (accounts.view_user); nobody but a superuser changes
    a person's flags, groups or permissions: the fields are not shown to anyone else, and a
    change to them is refused whatever the form posted."""

    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined"]
    search_fields = ["email", "full_name"]
    list_filter = ["groups", "is_active", "is_staff"]
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ("groups", "user_permissions")
    readonly_fields = ["is_superuser", "last_login", "date_joined"]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        access = ("is_active", "is_superuser")
        if _changes_access(request):
            access = ("is_active", *ACCESS_FIELDS, "is_superuser")
        return (
            (None, {"fields": ("email", "password")}),
            ("Personal details", {"fields": ("full_name", "job_title")}),
            ("Roles and access", {"fields": access}),
            ("Dates", {"fields": ("last_login", "date_joined")}),
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if not _changes_access(request):
            fields += [*ACCESS_FIELDS, "is_active"]
        return fields

    def save_model(self, request, obj, form, change):
        if not _changes_access(request):
            changed = set(form.changed_data) & {*ACCESS_FIELDS, "is_superuser", "is_active"}
            if changed or (change and obj.is_superuser != _stored(obj, "is_superuser")):
                raise PermissionDenied("Only a superuser changes people's access")
        elif change and obj.is_superuser != _stored(obj, "is_superuser"):
            raise PermissionDenied("Superusers are made with manage.py createsuperuser")
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if not _changes_access(request) and set(form.changed_data) & set(ACCESS_FIELDS):
            raise PermissionDenied("Only a superuser changes people's access")
        super().save_related(request, form, formsets, change)

    def has_change_permission(self, request, obj=None):
        """Only superusers change a superuser (their password included)."""
        if obj is not None and obj.is_superuser and not _changes_access(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _changes_access(request) and super().has_delete_permission(request, obj)


def _changes_access(request):
    return request.user.has_perm("accounts.change_access")


def _stored(obj, name):
    return User.objects.filter(pk=obj.pk).values_list(name, flat=True).first()


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "invited_by", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email"]
    readonly_fields = ["token"]
