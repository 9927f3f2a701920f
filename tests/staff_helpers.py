"""Fixtures for the programme staff pages: a round with bids in every state."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from applications.models import Bid
from applications.organisations import find_or_create_other
from applications.samples import make_bid, sample_answers

# (place, extra) in creation order; submitted bids get LP2-0001... in this order.
SUBMITTED = ["Sheffield", "Liverpool", "Tyneside", "Kent", "Plymouth"]

BID_ROW = re.compile(r'href="/apply/staff/bids/(\d+)/">(LP2-\d{4}|Draft)')


def references(response):
    """The references (or "Draft") of the bids listed on a staff list page, in order."""
    return [ref for _, ref in BID_ROW.findall(response.content.decode())]


@pytest.fixture(name="round_bids")
def round_bids_fixture(open_round, make_user):
    """Five submitted bids (LP2-0001 Sheffield ... LP2-0005 Plymouth, one hour apart), of
    which LP2-0005 (Plymouth) is then withdrawn, plus a draft for Leeds.

    Liverpool has an extra partner typed in by the applicant (an "other" organisation) and
    Kent's summary starts with "=cmd" (a formula a spreadsheet must not run).
    """
    lead = make_user("lead@council.gov.uk", name="Lee Lead")
    start = open_round.opens_at + dt.timedelta(days=1)
    bids = {}
    for index, place in enumerate(SUBMITTED):
        answers = sample_answers(place, open_round)
        if place == "Liverpool":
            other = find_or_create_other("Liverpool City Region Health Trust", lead)
            answers["partners"]["partners"].append(
                {
                    "organisation_id": other.pk,
                    "name": other.name,
                    "kind": "other",
                    "sponsor_name": "Dana Director",
                    "sponsor_role": "Director of strategy",
                    "contact_email": "dana@trust.example.org",
                    "is_lead": False,
                }
            )
        if place == "Kent":
            answers["challenge"]["summary"] = "=cmd|' /C calc'!A0"
        bids[place] = make_bid(
            open_round,
            lead,
            place,
            submitted=True,
            at=start + dt.timedelta(hours=index),
            answers=answers,
        )
    withdrawn = bids["Plymouth"]
    withdrawn.status = Bid.Status.WITHDRAWN
    withdrawn.withdrawn_at = start + dt.timedelta(days=2)
    withdrawn.withdrawal_reason = "The council's leadership changed."
    withdrawn.save()
    bids["Leeds"] = make_bid(open_round, lead, "Leeds", at=timezone.now())
    return bids
