"""The signed-in user's roles and the service navigation they open, for every page
(`roles`, `nav_areas` and `nav_sub_links` in templates)."""

from accounts import permissions
from accounts.navigation import COHORT_MEMBER, navigation


def roles(request):
    user = getattr(request, "user", None)
    roles = permissions.roles_for(user) if user is not None else frozenset()
    areas, sub_links = [], []
    if roles:
        nav_roles = set(roles)
        if permissions.PROGRAMME_STAFF not in roles and user.has_perm("programme.see_programme"):
            nav_roles.add(COHORT_MEMBER)
        match = getattr(request, "resolver_match", None)
        areas, sub_links = navigation(nav_roles, match.view_name if match else "")
    return {"roles": roles, "nav_areas": areas, "nav_sub_links": sub_links}
