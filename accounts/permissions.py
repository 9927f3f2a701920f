"""The roles (the groups people are in) and the helpers that give them. Who may do what is
in the rules modules (accounts/rules.py and each app's), which build on `has_role`."""

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
    """For predicates (accounts.rules.is_programme_staff, programme/rules.py)."""
    return has_role(user, PROGRAMME_STAFF)


def home_url_name(user):
    """Where signing in (or up) lands: an applicant's own list of applications; anyone
    with another role their account page, which links to each of their areas."""
    if roles_for(user) == {APPLICANT}:
        return "applications:dashboard"
    return "accounts:home"


# Programme staff see the service's data in the Django admin, and change there only what
# their work needs and the product has no page for: rounds, organisations (the registry
# and those typed in) and criteria (locked once scoring starts). Nothing is deleted there,
# no person's access is changed there (accounts/admin.py), and every other change goes
# through the product's own functions, which check who may and audit it.
STAFF_ADMIN_APPS = (
    "accounts",
    "applications",
    "scoring",
    "cohorts",
    "programme",
    "notifications",
    "reminders",
)
STAFF_ADMIN_CHANGES = (
    ("applications", "round"),
    ("applications", "organisation"),
    ("scoring", "criterion"),
)


def staff_admin_permissions():
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    wanted = Q(content_type__app_label__in=STAFF_ADMIN_APPS, codename__startswith="view_")
    for app_label, model in STAFF_ADMIN_CHANGES:
        wanted |= Q(
            content_type__app_label=app_label,
            codename__in=[f"add_{model}", f"change_{model}"],
        )
    return Permission.objects.filter(wanted)


def ensure_role_groups(**kwargs):
    """Create the four role groups; give Programme staff exactly the admin permissions
    above (taking away any others, so an older database is locked down too). Runs after
    every migrate (post_migrate), so it is idempotent."""
    from django.contrib.auth.models import Group

    for role in ROLES:
        Group.objects.get_or_create(name=role)
    staff = Group.objects.get(name=PROGRAMME_STAFF)
    staff.permissions.set(staff_admin_permissions())


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
