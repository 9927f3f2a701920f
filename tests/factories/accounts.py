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


def current_code(key_hex):
    """The code an authenticator app holding this key shows now (django_otp's TOTP)."""
    from binascii import unhexlify

    from django_otp.oath import TOTP

    return f"{TOTP(unhexlify(key_hex)).token():06d}"


def next_code(device):
    """A code the device accepts now: the app's current code, or, when that one was used a
    moment ago (django-otp accepts each code once), the next one (within the device's
    tolerance); waits for the next 30 seconds only when neither is accepted."""
    import time

    from django_otp.oath import TOTP, hotp

    device.refresh_from_db()
    while True:
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        now_t = totp.t()
        for offset in range(device.tolerance + 1):
            if now_t + offset > device.last_t:
                return f"{hotp(device.bin_key, now_t + offset, device.digits):06d}"
        time.sleep(device.step - time.time() % device.step + 0.1)


def set_up_two_factor(user, request=None):
    """Set up the person's authenticator app through the product's own function (the first
    code confirms it); returns (device, recovery codes)."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpRequest

    from accounts import two_factor

    if request is None:
        request = HttpRequest()
        request.session = SessionStore()
        request.user = user
    key = two_factor.new_key()
    codes = two_factor.confirm_app(request, user, key, current_code(key))
    return two_factor.app_of(user), codes


def sign_in_client(client, user):
    """Sign a Django test client in as the person: force_login, and for anyone who uses
    two-factor sign-in (staff, chairs, assessors; applicants who turned it on) the session
    is verified with their app through django-otp's own login (the app is set up first
    if they have none). Returns the client."""
    from django.http import HttpRequest
    from django_otp import login as otp_login

    from accounts import two_factor

    client.force_login(user)
    if not (two_factor.required_for(user) or two_factor.is_set_up(user)):
        return client
    session = client.session
    request = HttpRequest()
    request.session = session
    request.user = user
    device = two_factor.app_of(user)
    if device is None:
        set_up_two_factor(user, request)
    else:
        otp_login(request, device)
    session.save()
    return client
