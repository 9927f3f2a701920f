"""Demo data for `make run`: round 2 (open now) and one user per role."""

import secrets

from django.db import transaction
from django.db.models import Count, Q
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


def _work_of(user, bids):
    parts = []
    if bids:
        parts.append("works on " + ", ".join(bids))
    if user.to_assess:
        parts.append(f"{user.to_assess} bid{'s' if user.to_assess != 1 else ''} to assess")
    return "; ".join(parts)


@transaction.atomic
def passwords_for_people_with_work():
    """Give every other demo person who holds work (assessors with assignments, the leads of
    the demo bids) a new password, so each can sign in and reset it like anyone else.
    Returns (email, password, role, what they hold): bid leads, then assessors."""
    from applications.models import BidCollaborator

    named = {email for email, _, _ in DEMO_USERS}
    people = (
        User.objects.filter(is_active=True)
        .exclude(email__in=named)
        .annotate(
            to_assess=Count("assignments", distinct=True),
            bids_held=Count("bid_memberships", distinct=True),
        )
        .filter(Q(to_assess__gt=0) | Q(bids_held__gt=0))
        .order_by("pk")
    )
    bids = {}
    for user_id, reference, place in (
        BidCollaborator.objects.filter(user__in=people)
        .order_by("bid__reference")
        .values_list("user_id", "bid__reference", "bid__place_name")
    ):
        bids.setdefault(user_id, []).append(f"{reference or 'a draft'} ({place})")
    credentials = []
    for user in sorted(people, key=lambda u: (u.to_assess > 0, u.pk)):
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.save(update_fields=["password"])
        role = permissions.ASSESSOR if user.to_assess else permissions.APPLICANT
        credentials.append((user.email, password, role, _work_of(user, bids.get(user.pk))))
    return credentials
