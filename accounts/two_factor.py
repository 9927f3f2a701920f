"""Two-factor sign-in (django-otp): an authenticator app (TOTP) and ten single-use recovery
codes (django-otp's static device). The one place these rules and changes live.

Programme staff, Panel chairs and Assessors must use it (`required_for`); anyone else may
turn it on from Your account. A session counts as verified once `django_otp.login` has
stored the device that accepted a code (accounts.middleware sends everyone who needs a code
to set up or verify first). Wrong codes are throttled by django-otp (the wait doubles after
each failure). Every change writes an audit record; a reset by staff emails the person.
"""

import base64
import hashlib

import segno
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from accounts import permissions
from applications import audit
from core.refusals import Refused
from notifications.outbox import queue_email

TWO_FACTOR_ROLES = (permissions.PROGRAMME_STAFF, permissions.PANEL_CHAIR, permissions.ASSESSOR)
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
TWO_FACTOR_RESET = "two_factor_reset"

WRONG_CODE = "The code is not right. Enter the 6-digit code your app shows now"
WRONG_RECOVERY = "Enter a recovery code that you have not used before"
THROTTLED = "You have entered too many wrong codes. Wait {seconds} seconds, then try again"


class TwoFactorRefused(Refused):
    """A two-factor change or code is refused; the message says why."""


def required_for(user):
    """Whether the person must use two-factor sign-in (their role sees every bid)."""
    return permissions.has_role(user, *TWO_FACTOR_ROLES)


def app_of(user):
    """The person's confirmed authenticator app, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_set_up(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def new_key():
    """A new random key (hex, as django-otp stores it) for an app being set up. It is kept
    in the session until the first code confirms it, so nothing is stored before then."""
    return default_key()


def unsaved_app(user, key_hex):
    """The app being set up, not stored yet: for its QR code and typed key."""
    return TOTPDevice(user=user, name=APP_NAME, key=key_hex, confirmed=False)


def typed_key(device):
    """The key for typing into an app, in groups of four letters and digits."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device):
    """The device's otpauth:// link as an inline SVG QR code (no image file, no Pillow)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, svgclass="lp-qr-code", lineclass=None, omitsize=False
    )
    return svg.replace(
        "<svg ", '<svg role="img" aria-label="QR code to scan with your authenticator app" ', 1
    )


def _clean(code):
    return "".join(str(code or "").split()).replace("-", "").lower()


def _throttled(device):
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    until = (data or {}).get("locked_until")
    if until is None:
        return THROTTLED.format(seconds=1)
    from django.utils import timezone

    seconds = max(1, int((until - timezone.now()).total_seconds()) + 1)
    return THROTTLED.format(seconds=seconds)


def _new_recovery_codes(user):
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def confirm_app(request, user, key_hex, code):
    """Finish setting up: a code from the app (the current one, or one step either side)
    proves it holds the key. Stores the app, replaces the recovery codes, signs the
    session in with the app and returns the ten recovery codes (shown once)."""
    token = _clean(code)
    if not token:
        raise TwoFactorRefused("Enter the code from your authenticator app", field="code")
    app = unsaved_app(user, key_hex)
    check = TOTP(app.bin_key, app.step, app.t0, app.digits)
    if not (token.isdigit() and len(token) == app.digits) or not check.verify(
        int(token), tolerance=app.tolerance
    ):
        raise TwoFactorRefused(WRONG_CODE, field="code")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        # The code used here cannot be used again to sign in.
        app.last_t = check.t()
        app.drift = check.drift
        app.confirmed = True
        app.save()
        codes = _new_recovery_codes(user)
        audit.record("two_factor.set_up", user, subject=user.email)
    otp_login(request, app)
    return codes


def verify(request, user, code):
    """Check a code from the app, or a recovery code (used once); on success the session
    is verified with the device that accepted it. Returns that device. A wrong code is
    counted (django-otp's throttle) before the refusal is raised, so it is not undone."""
    token = _clean(code)
    if not token:
        raise TwoFactorRefused("Enter the code from your authenticator app", field="code")
    model, wrong = (TOTPDevice, WRONG_CODE) if token.isdigit() else (StaticDevice, WRONG_RECOVERY)
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        refusal = wrong if device is None else _throttled(device)
        if refusal is None and not device.verify_token(token):
            refusal = wrong  # verify_token stored the failure for the throttle
        if refusal is None and isinstance(device, StaticDevice):
            audit.record(
                "two_factor.recovery_code_used",
                user,
                subject=user.email,
                new={"left": device.token_set.count()},
            )
    if refusal is not None:
        raise TwoFactorRefused(refusal, field="code")
    otp_login(request, device)
    return device


@transaction.atomic
def new_recovery_codes(user):
    """Replace the recovery codes (the old ones stop working); returns the new ones."""
    if not is_set_up(user):
        raise TwoFactorRefused("Set up two-factor sign-in first")
    codes = _new_recovery_codes(user)
    audit.record("two_factor.recovery_codes_replaced", user, subject=user.email)
    return codes


@transaction.atomic
def turn_off(user):
    """Someone who chose two-factor sign-in turns it off (not if their role needs it)."""
    if required_for(user):
        raise TwoFactorRefused("Your role needs two-factor sign-in, so it cannot be turned off")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record("two_factor.turned_off", user, subject=user.email)


@transaction.atomic
def reset(user, by):
    """Programme staff reset another person's two-factor sign-in (a lost phone): their app
    and recovery codes stop working, they set it up again at their next sign-in, and they
    are told by email. Nobody resets their own."""
    if not by.has_perm("accounts.reset_two_factor"):
        raise TwoFactorRefused("Only programme staff can reset two-factor sign-in")
    if by.pk == user.pk:
        raise TwoFactorRefused(
            "You cannot reset your own two-factor sign-in. Ask another member of programme staff."
        )
    had = is_set_up(user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    event = audit.record(
        "two_factor.reset", by, subject=user.email, old={"set_up": had}, new={"set_up": False}
    )
    queue_email(
        key=f"two-factor-reset:{event.pk}",
        kind=TWO_FACTOR_RESET,
        to_email=user.email,
        recipient=user,
        subject="Your two-factor sign-in for Leading Places has been reset",
        body=render_to_string(
            "accounts/email/two_factor_reset.txt",
            {"user": user, "by": by, "site_url": settings.SITE_URL},
        ),
    )
    return event


def demo_key(email):
    """The demo users' fixed key (the same every run, so an app set up once keeps working)."""
    return hashlib.sha256(f"leading-places-demo:{email}".encode()).hexdigest()[:40]


def demo_app(user, key_hex):
    """A confirmed app with a fixed key, for the demo users (load_demo prints the key);
    replaces any other. Not for real accounts."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name=APP_NAME, key=key_hex, confirmed=True)
    return device, _new_recovery_codes(user)
