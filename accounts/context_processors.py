"""The service navigation the signed-in user may open, for every page (`nav_areas` and
`nav_sub_links` in templates). Templates ask permissions with `{% has_perm %}`, never role
names (accounts/rules.py)."""

from accounts.navigation import navigation


def roles(request):
    user = getattr(request, "user", None)
    areas, sub_links = [], []
    if user is not None and user.is_authenticated:
        match = getattr(request, "resolver_match", None)
        areas, sub_links = navigation(user, match.view_name if match else "")
    return {"nav_areas": areas, "nav_sub_links": sub_links}
