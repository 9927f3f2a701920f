"""Roles and who may do what in accounts. The one place these rules live."""

APPLICANT = "Applicant"
ASSESSOR = "Assessor"
PANEL_CHAIR = "Panel chair"
PROGRAMME_STAFF = "Programme staff"
ROLES = (APPLICANT, ASSESSOR, PANEL_CHAIR, PROGRAMME_STAFF)
INVITABLE_ROLES = (ASSESSOR, PANEL_CHAIR, PROGRAMME_STAFF)


def roles_for(user):
    """The names of the user's roles, cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached = cached | {PROGRAMME_STAFF}
        user._role_names = cached
    return cached


def has_role(user, *roles):
    return bool(roles_for(user) & set(roles))


def is_programme_staff(user):
    return has_role(user, PROGRAMME_STAFF)


def is_assessor(user):
    return has_role(user, ASSESSOR)


def is_panel_chair(user):
    return has_role(user, PANEL_CHAIR)


def home_url_name(user):
    """Where signing in (or up) lands: an applicant's own list of applications; anyone
    with another role their account page, which links to each of their areas."""
    if roles_for(user) == {APPLICANT}:
        return "applications:dashboard"
    return "accounts:home"


def can_invite(user):
    return is_programme_staff(user)


# Programme staff manage the service's data in the Django admin too.
STAFF_ADMIN_APPS = ("accounts", "applications", "scoring", "cohorts", "programme")


def ensure_role_groups(**kwargs):
    """Create the four role groups; give Programme staff the admin permissions on our apps.
    Runs after every migrate (post_migrate), so it is idempotent."""
    from django.contrib.auth.models import Group, Permission

    for role in ROLES:
        Group.objects.get_or_create(name=role)
    staff = Group.objects.get(name=PROGRAMME_STAFF)
    wanted = Permission.objects.filter(content_type__app_label__in=STAFF_ADMIN_APPS)
    staff.permissions.add(*wanted)


def add_role(user, role):
    from django.contrib.auth.models import Group

    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}")
    group, _ = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    if role == PROGRAMME_STAFF and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if hasattr(user, "_role_names"):
        del user._role_names
    for cache in ("_perm_cache", "_group_perm_cache", "_user_perm_cache"):
        if hasattr(user, cache):
            delattr(user, cache)
