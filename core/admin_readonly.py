"""Admin pages that only show: records whose changes go through the product's own
functions (which check who may, and audit them), such as scores and decisions."""


class ReadOnlyAdminMixin:
    """Nobody adds, changes or deletes these in the admin, superusers included; people
    with the view permission see them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
