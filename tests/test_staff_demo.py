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


def test_load_demo_refuses_to_run_in_production(open_round, call, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG=1"):
        call("load_demo", stdout=io.StringIO())
    assert not User.objects.filter(email__in=[e for e, _, _ in demo.DEMO_USERS]).exists()


def test_load_demo_command_includes_the_bids(open_round, call, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call("load_demo", stdout=out)
    assert "Demo bids: 12 submitted bids created" in out.getvalue()


def test_load_demo_lists_every_step_in_order():
    from applications.management.commands.load_demo import DEMO_STEPS

    assert [(step.__module__, step.__name__) for step in DEMO_STEPS] == [
        ("applications.demo_bids", "load"),
        ("scoring.demo", "load"),
        ("scoring.demo_scores", "load"),
        ("scoring.demo_selection", "load"),
        ("cohorts.demo", "load"),
        ("programme.demo", "load_step"),
        ("learning.demo", "load_step"),
    ]


def test_load_demo_prints_each_demo_user_and_password(open_round, call, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call("load_demo", stdout=out)
    lines = out.getvalue().splitlines()
    start = lines.index("Demo users (new passwords each time this runs):")
    users = lines[start + 1 : start + 1 + len(demo.DEMO_USERS)]
    width = max(len(email) for email, _, _ in demo.DEMO_USERS)
    for line, (email, _, role) in zip(users, demo.DEMO_USERS, strict=True):
        prefix, password = line.split("  password: ")
        assert prefix == f"  {role:<16} {email:<{width}}"
        assert User.objects.get(email=email).check_password(password)
    # Nobody it makes is a superuser; demo staff are programme staff in the admin.
    assert not User.objects.filter(is_superuser=True).exists()
    staff = User.objects.get(email="staff@example.com")
    assert staff.is_staff and staff.has_perm("applications.view_bid")
    assert not staff.has_perm("applications.delete_bid")
    assert not staff.has_perm("accounts.change_user")
    assert lines[start + 1 + len(demo.DEMO_USERS)] == ""
