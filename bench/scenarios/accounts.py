"""Signing in: the POST of the sign-in form, with the password checked by the hasher the
service uses (Django's default, PBKDF2-SHA256 at Django 5.2's iterations) and django-axes'
bookkeeping (its lockout check before, the reset of the count after)."""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.test import Client, override_settings

from accounts import permissions
from bench.lib import count_queries, median_ms
from bench.scenarios import scenario
from tests.factories.accounts import PASSWORD, user_with

# The production hashers (the bench's settings use MD5 to seed quickly).
DEFAULT_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]


@scenario(order=5)
def accounts_sign_in(reporter, sizes):
    """POST /account/sign-in/ with the right password, for an applicant (no code step)."""
    with override_settings(PASSWORD_HASHERS=DEFAULT_HASHERS):
        user = user_with("bench-sign-in@example.com", permissions.APPLICANT)
        user.password = make_password(PASSWORD)
        user.save(update_fields=["password"])

        def sign_in():
            response = Client().post(
                "/account/sign-in/", {"email": user.email, "password": PASSWORD}
            )
            if response.status_code != 302:
                raise AssertionError(f"sign-in answered {response.status_code}")
            return response

        queries, _ = count_queries(sign_in)
        ms = median_ms(sign_in, runs=7)
        hasher = settings.PASSWORD_HASHERS[0].rsplit(".", 1)[-1]
    reporter.emit("accounts.sign_in", None, queries, ms, hasher=hasher)
