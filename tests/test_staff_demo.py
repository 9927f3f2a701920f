import io

import pytest

from accounts import permissions
from accounts.models import User
from applications import demo, demo_bids
from applications.models import Bid, BidSection

pytestmark = pytest.mark.django_db


def test_demo_bids_load_once(open_round):
    demo.load_demo_users()
    first = io.StringIO()
    demo_bids.load(open_round, first)
    assert first.getvalue() == (
        "Demo bids: 12 submitted bids created, 0 already there; "
        "draft for applicant@example.com created"
    )
    submitted = Bid.objects.filter(round=open_round, status=Bid.Status.SUBMITTED)
    assert submitted.count() == 12
    assert sorted(submitted.values_list("reference", flat=True)) == [
        f"LP2-{n:04d}" for n in range(1, 13)
    ]
    assert len(set(submitted.values_list("place_name", flat=True))) == 12
    assert len(set(submitted.values_list("created_by", flat=True))) == 12
    assert submitted.get(place_name="Tyneside").overlaps_earlier_cohort is True
    assert all(b.submitted_at >= open_round.opens_at for b in submitted)
    lead = User.objects.get(email="lead1@example.com")
    assert lead.has_usable_password() is False
    assert permissions.roles_for(lead) == {permissions.APPLICANT}
    draft = Bid.objects.get(round=open_round, status=Bid.Status.DRAFT)
    assert draft.created_by.email == "applicant@example.com"
    assert sorted(BidSection.objects.filter(bid=draft).values_list("step", flat=True)) == [
        "challenge",
        "eligibility",
        "geography",
        "partners",
        "strength",
    ]

    again = io.StringIO()
    demo_bids.load(open_round, again)
    assert again.getvalue() == (
        "Demo bids: 0 submitted bids created, 12 already there; "
        "applicant@example.com already has a bid"
    )
    assert Bid.objects.filter(round=open_round).count() == 13


def test_load_demo_command_includes_the_bids(open_round, call):
    out = io.StringIO()
    call("load_demo", stdout=out)
    assert "Demo bids: 12 submitted bids created" in out.getvalue()
