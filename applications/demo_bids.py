"""Demo bids for `make run`: twelve submitted bids from different places, each led by its own
demo applicant (lead1@example.com ... with no usable password), and a draft for the demo
applicant applicant@example.com. Running it again adds nothing that is already there."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from applications import audit
from applications.models import Bid, BidCollaborator, BidSection
from applications.samples import PLACES, make_bid

DRAFT_PLACE = "Sheffield"
DEMO_PLACES = [place for place in PLACES if place != DRAFT_PLACE][:12]  # includes Tyneside
DEMO_APPLICANT = "applicant@example.com"
DRAFT_NOT_STARTED = ("plan", "declarations")


def _lead(index, place):
    email = f"lead{index}@example.com"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=f"Lead officer for {place}")
        user.set_unusable_password()
        user.save(update_fields=["password"])
    permissions.add_role(user, permissions.APPLICANT)
    return user


@transaction.atomic
def load(round_, stdout):
    now = timezone.now()
    created = existing = 0
    for index, place in enumerate(DEMO_PLACES, start=1):
        user = _lead(index, place)
        if Bid.objects.filter(round=round_, created_by=user, place_name=place).exists():
            existing += 1
            continue
        # Submitted over the last few days, never before the round opened.
        at = max(now - dt.timedelta(hours=6 * (len(DEMO_PLACES) - index) + 1), round_.opens_at)
        bid = make_bid(round_, user, place, submitted=True, at=min(at, now))
        audit.record(
            "bid.submitted",
            user,
            bid=bid,
            old={"status": Bid.Status.DRAFT},
            new={"status": Bid.Status.SUBMITTED, "reference": bid.reference, "version": 1},
            note="Demo data",
        )
        created += 1

    draft = "no demo applicant"
    applicant = User.objects.filter(email=DEMO_APPLICANT).first()
    if applicant is not None:
        if BidCollaborator.objects.filter(user=applicant, bid__round=round_).exists():
            draft = f"{DEMO_APPLICANT} already has a bid"
        else:
            bid = make_bid(round_, applicant, DRAFT_PLACE)
            BidSection.objects.filter(bid=bid, step__in=DRAFT_NOT_STARTED).delete()
            draft = f"draft for {DEMO_APPLICANT} created"
    stdout.write(
        f"Demo bids: {created} submitted bid{'s' if created != 1 else ''} created, "
        f"{existing} already there; {draft}"
    )
