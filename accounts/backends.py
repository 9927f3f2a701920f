"""Authentication backends."""

from django.core.exceptions import PermissionDenied
from rules.permissions import ObjectPermissionBackend, has_perm, perm_exists


class RulesFirstBackend(ObjectPermissionBackend):
    """rules' ObjectPermissionBackend, listed before the model backend: a permission that
    an app registers with `rules` (programme.*) is answered by its predicate alone. When
    the predicate says no, the model backend is not asked (PermissionDenied stops Django's
    loop), so checking a rules permission never loads the user's database permissions
    (two queries on every page that shows the navigation)."""

    def has_perm(self, user, perm, *args, **kwargs):
        if not perm_exists(perm):
            return False
        if has_perm(perm, user, *args, **kwargs):
            return True
        raise PermissionDenied
