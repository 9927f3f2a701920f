"""The signed-in user's roles, for every page's navigation (`roles` in templates)."""

from accounts import permissions


def roles(request):
    user = getattr(request, "user", None)
    return {"roles": permissions.roles_for(user) if user is not None else frozenset()}
