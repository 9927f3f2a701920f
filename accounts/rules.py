"""Who may do what, as `rules` predicates: the roles every app's rules build on, and the
accounts app's own permissions. Each app registers its permissions in its own rules module
(applications/rules.py, scoring/permissions.py, cohorts/rules.py, notifications/rules.py,
reminders/rules.py, programme/rules.py); views declare the one they need with
`core.access.require`, templates ask `{% has_perm "app.name" user obj %}`, and the product's
functions ask `user.has_perm(...)`. No role name is checked anywhere else.

A predicate about one object (a bid, an offer) answers for "an object of that kind" when it
is given None: `require` asks that first (403 when the person may never do this, 404 when
not to this object).
"""

import rules

from accounts.permissions import APPLICANT, ASSESSOR, PANEL_CHAIR, PROGRAMME_STAFF, has_role


@rules.predicate
def is_applicant(user):
    return has_role(user, APPLICANT)


@rules.predicate
def is_assessor(user):
    return has_role(user, ASSESSOR)


@rules.predicate
def is_panel_chair(user):
    return has_role(user, PANEL_CHAIR)


@rules.predicate
def is_programme_staff(user):
    """Programme staff (a superuser counts as programme staff in the product's pages)."""
    return has_role(user, PROGRAMME_STAFF)


@rules.predicate
def is_superuser(user):
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


@rules.predicate
def may_open_admin(user):
    return bool(user.is_authenticated and user.is_active and user.is_staff)


# The account page: anyone signed in.
rules.add_perm("accounts.see_account", rules.is_authenticated)
# Invite assessors, panel chairs and programme staff.
rules.add_perm("accounts.invite_people", is_programme_staff)
# The Django admin (reference data, rounds, organisations); what it shows is locked in
# each app's admin.py and accounts/admin.py.
rules.add_perm("accounts.open_admin", may_open_admin)
# Change another person's flags, groups or permissions (the user admin): superusers only.
rules.add_perm("accounts.change_access", is_superuser)
# One's own two-factor sign-in (set up, enter a code, recovery codes, turn off): anyone
# signed in (accounts.two_factor says who must use it and who may turn it off).
rules.add_perm("accounts.use_two_factor", rules.is_authenticated)
# Reset someone else's two-factor sign-in (a lost phone): programme staff.
rules.add_perm("accounts.reset_two_factor", is_programme_staff)
