"""Password-reset and sign-up emails: the same answer whether or not an account exists,
and an hourly limit per email address and per client address.

Every request is recorded in the database (AccountEmailRequest, shared by every web
process). A client address over ACCOUNT_EMAIL_REQUESTS_PER_CLIENT_PER_HOUR is refused with
a message (that says nothing about any account); an email address that has had
ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR emails in the last hour gets no more, silently, so the
page is the same either way. Emails go through the outbox.
"""

import hashlib
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import permissions
from accounts.models import AccountEmailRequest, PendingSignUp, User
from core.refusals import Refused
from notifications.outbox import queue_email

Kind = AccountEmailRequest.Kind
HOUR = timedelta(hours=1)

PASSWORD_RESET = "password_reset"
SIGN_UP_CONFIRMATION = "sign_up_confirmation"
SIGN_UP_EXISTING_ACCOUNT = "sign_up_existing_account"


class TooManyRequests(Refused):
    """This client address has asked for too many account emails in the last hour."""


def _digest(email):
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def _record(kind, email, client_ip, now):
    """Record the request; returns whether an email may be sent to the address. Raises
    TooManyRequests when the client address is over its limit."""
    since = now - HOUR
    recent = AccountEmailRequest.objects.filter(at__gt=since)
    if (
        recent.filter(client_ip=client_ip).count()
        >= settings.ACCOUNT_EMAIL_REQUESTS_PER_CLIENT_PER_HOUR
    ):
        raise TooManyRequests(
            "You have asked for too many emails from this device. Wait an hour, then try again."
        )
    digest = _digest(email)
    sent = recent.filter(email_digest=digest, sent=True).count()
    may_send = sent < settings.ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR
    AccountEmailRequest.objects.filter(at__lt=now - timedelta(days=1)).delete()
    AccountEmailRequest.objects.create(
        kind=kind, email_digest=digest, client_ip=client_ip[:45], at=now, sent=may_send
    )
    return may_send


def _user(email):
    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()


@transaction.atomic
def request_password_reset(email, client_ip, now=None):
    """Queue a reset link if the address has an account and is under its limit."""
    now = now or timezone.now()
    if not _record(Kind.PASSWORD_RESET, email, client_ip, now):
        return None
    user = _user(email)
    if user is None or not user.has_usable_password():
        return None
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = settings.SITE_URL + reverse("accounts:password_reset_confirm", args=[uid, token])
    return queue_email(
        key=f"password-reset:{user.pk}:{uuid.uuid4().hex}",
        kind=PASSWORD_RESET,
        to_email=user.email,
        recipient=user,
        subject="Reset your Leading Places password",
        body=render_to_string(
            "accounts/email/password_reset.txt", {"email": user.email, "link": link}
        ),
    )


@transaction.atomic
def request_sign_up(*, email, full_name, job_title, password, next_url, client_ip, now=None):
    """A new address gets a link that makes the account; an address with an account gets
    an email telling its owner (sign in, or reset the password) and nothing changes."""
    now = now or timezone.now()
    email = email.strip().lower()
    if not _record(Kind.SIGN_UP, email, client_ip, now):
        return None
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        return queue_email(
            key=f"sign-up-existing:{existing.pk}:{uuid.uuid4().hex}",
            kind=SIGN_UP_EXISTING_ACCOUNT,
            to_email=existing.email,
            recipient=existing,
            subject="You already have a Leading Places account",
            body=render_to_string(
                "accounts/email/sign_up_existing.txt",
                {
                    "email": existing.email,
                    "sign_in": settings.SITE_URL + reverse("accounts:login"),
                    "reset": settings.SITE_URL + reverse("accounts:password_reset"),
                },
            ),
        )
    pending = PendingSignUp.objects.create(
        email=email,
        full_name=full_name,
        job_title=job_title or "",
        password=make_password(password),
        next_url=next_url or "",
        created_at=now,
    )
    link = settings.SITE_URL + reverse("accounts:sign_up_confirm", args=[pending.token])
    return queue_email(
        key=f"sign-up:{pending.pk}",
        kind=SIGN_UP_CONFIRMATION,
        to_email=email,
        subject="Confirm your email address for Leading Places",
        body=render_to_string(
            "accounts/email/sign_up_confirm.txt",
            {"name": full_name, "link": link, "hours": settings.SIGN_UP_LINK_VALID_HOURS},
        ),
    )


def pending_sign_up(token, now=None):
    """The usable pending sign-up for a link, or None (unknown, used or expired)."""
    pending = PendingSignUp.objects.filter(token=token).first()
    if pending is None or pending.is_expired(now):
        return None
    return pending


def confirm_sign_up(token, now=None):
    """Make the applicant account of a pending sign-up; returns (user, next_url)."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            pending = PendingSignUp.objects.select_for_update().filter(token=token).first()
            if pending is None or pending.is_expired(now):
                raise Refused("This link has expired or has been used. Create your account again.")
            if User.objects.filter(email__iexact=pending.email).exists():
                raise Refused("There is already an account for this email address. Sign in.")
            user = User.objects.create_user(
                email=pending.email, full_name=pending.full_name, job_title=pending.job_title
            )
            user.password = pending.password
            user.save(update_fields=["password"])
            permissions.add_role(user, permissions.APPLICANT)
            next_url = pending.next_url
            PendingSignUp.objects.filter(email__iexact=pending.email).delete()
    except IntegrityError as error:  # the same address confirmed a moment ago
        raise Refused("There is already an account for this email address. Sign in.") from error
    return user, next_url
