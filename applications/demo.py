"""Demo data for `make run`: round 2 (open now) and one user per role."""

import secrets

from django.db import transaction
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from applications.models import Round
from applications.rounds import demo_round_dates
from core.dates import LONDON

ROUND_2 = {
    "name": "Leading Places — Round 2",
    "slug": "round-2",
    "reference_prefix": "LP2",
    "cohort_size": 8,
    "summary": (
        "Round 2 gives closer consideration to area geography, asks for evidence of the "
        "strength of existing partnerships, and expects clear outcomes by the end of the "
        "programme."
    ),
}

DEMO_USERS = [
    ("applicant@example.com", "Alex Applicant", permissions.APPLICANT),
    ("assessor@example.com", "Sam Assessor", permissions.ASSESSOR),
    ("chair@example.com", "Chris Chair", permissions.PANEL_CHAIR),
    ("staff@example.com", "Pat Programme", permissions.PROGRAMME_STAFF),
]


@transaction.atomic
def load_demo_round(today=None):
    today = today or timezone.localtime(timezone.now(), LONDON).date()
    values = {**ROUND_2, **demo_round_dates(today)}
    round_two, _ = Round.objects.update_or_create(number=2, defaults=values)
    return round_two


@transaction.atomic
def load_demo_users():
    """Create or refresh the demo users; returns (email, password, role) with new passwords."""
    credentials = []
    for email, name, role in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, full_name=name)
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        # Demo staff are programme staff (the admin with the staff group's permissions),
        # never superusers: those are made with `manage.py createsuperuser`.
        user.is_superuser = False
        user.save()
        permissions.add_role(user, role)
        if role != permissions.APPLICANT:
            permissions.add_role(user, permissions.APPLICANT)
        credentials.append((email, password, role))
    return credentials
