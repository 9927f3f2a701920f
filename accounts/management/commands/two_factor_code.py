"""`manage.py two_factor_code EMAIL`: the code a demo user's authenticator app would show
now (only for the apps load_demo made, and only with DEBUG=1), so `make run` works without
a phone."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP, hotp

from accounts import two_factor
from accounts.models import User


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo user (DEBUG=1 only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not settings.DEBUG:
            raise CommandError("two_factor_code is for the demo: it refuses to run with DEBUG=0.")
        email = email.strip().lower()
        user = User.objects.filter(email=email).first()
        device = two_factor.app_of(user) if user else None
        # Only an app load_demo made (its fixed demo key), never a person's own.
        if device is None or device.key != two_factor.demo_key(email):
            raise CommandError(f"{email} is not a demo user with a demo authenticator app.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        # Each code is accepted once: after one was used, the next one (which the service
        # accepts a step early) is printed.
        t = max(totp.t(), device.last_t + 1)
        if t > totp.t() + device.tolerance:
            raise CommandError("The latest code was used a moment ago: try again in 30 seconds.")
        self.stdout.write(f"{hotp(device.bin_key, t, device.digits):0{device.digits}d}")
