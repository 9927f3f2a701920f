import secrets
from datetime import timedelta

import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with their email address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    job_title = models.CharField(max_length=150, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def has_perm(self, perm, obj=None):
        """The product's permissions (registered with `rules`, see accounts/rules.py) are
        answered by their predicates for everyone, superusers too: in the product's pages a
        superuser is programme staff, never a panel chair or an assessor, and a conflict
        hides a bid from them like from anyone. Django's model permissions (the admin) are
        answered as usual."""
        if rules.perm_exists(perm):
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)


def new_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """Programme staff invite assessors and panel chairs by email; the link expires."""

    email = models.EmailField()
    role = models.CharField(max_length=40)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.role} invitation for {self.email}"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = self.created_at + timedelta(days=settings.INVITATION_VALID_DAYS)
        super().save(*args, **kwargs)

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at

    def is_usable(self, now=None):
        return self.accepted_at is None and not self.is_expired(now)


class AccountEmailRequest(models.Model):
    """One request for an account email (a password reset or a sign-up), for the hourly
    limits per email address and per client address (accounts.account_emails). Kept in the
    database so every web process counts the same requests; rows older than a day go."""

    class Kind(models.TextChoices):
        PASSWORD_RESET = "password_reset", "Password reset"
        SIGN_UP = "sign_up", "Sign-up"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    email_digest = models.CharField(max_length=64, db_index=True)
    client_ip = models.CharField(max_length=45, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    sent = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.get_kind_display()} request at {self.at:%Y-%m-%d %H:%M}"


class PendingSignUp(models.Model):
    """A sign-up waiting for the person to open the link sent to the address: the account
    is made only then, so nobody can hold an address they cannot read."""

    email = models.EmailField()
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    password = models.CharField(max_length=128, help_text="The chosen password, hashed")
    next_url = models.CharField(max_length=500, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Sign-up for {self.email}"

    def is_expired(self, now=None):
        limit = timedelta(hours=settings.SIGN_UP_LINK_VALID_HOURS)
        return (now or timezone.now()) >= self.created_at + limit
