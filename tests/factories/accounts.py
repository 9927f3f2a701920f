"""Users and roles for tests and benchmarks: one way to make a person."""

from accounts import permissions
from accounts.models import User

PASSWORD = "correct-horse-battery-staple"


def make_user(email="someone@example.com", role=permissions.APPLICANT, name="Test User", **extra):
    """A new user with the test password and the role (or list of roles) given."""
    password = extra.pop("password", PASSWORD)
    user = User.objects.create_user(email=email, password=password, full_name=name, **extra)
    for r in role if isinstance(role, list | tuple) else [role]:
        permissions.add_role(user, r)
    return user


def make_person(email, *roles, name=None):
    """A user with the roles given (an assessor if none); named from the email."""
    return make_user(
        email, list(roles or (permissions.ASSESSOR,)), name or email.split("@")[0].title()
    )


def user_with(email, role, name="", **extra):
    """The user with this email, made (with the role) if there is none yet."""
    user = User.objects.filter(email=email).first()
    return user or make_user(email, role, name, **extra)


def applicant_for(place):
    """The lead applicant of a place's bid (made once)."""
    return user_with(f"lead@{place.lower()}.example.gov.uk", permissions.APPLICANT, f"{place} Lead")


def programme_staff():
    """The programme staff member the factories act as when a test does not say who
    screens and assigns (made once)."""
    return user_with("factories.staff@local.gov.uk", permissions.PROGRAMME_STAFF, "Fran Factory")


def sign_in_client(client, user):
    """Sign `user` in on the test client: the one place tests sign people in without the
    sign-in page (a second factor, when people need one, is satisfied here too)."""
    client.force_login(user)
    return client
