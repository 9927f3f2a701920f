"""Shared set-up for the programme tests: a cohort built the way the service builds it
(decisions released, offers accepted, accepted partnerships added), with people of each
kind."""

import datetime as dt

from django.utils import timezone

from cohorts import building, offers, release
from cohorts.models import CohortMember
from programme import events
from programme.events import EventDetails
from tests.cohort_helpers import applicant_for, decided_bids

PLACES = ["Sheffield", "Leeds", "Liverpool"]


def announced_cohort(round_, chair, staff, places=PLACES):
    """A cohort of the given places (each bid's lead is lead@<place>.example.gov.uk)."""
    bids = decided_bids(round_, chair, [(place, "accept", None, "") for place in places])
    release.release_decisions(round_, staff, reply_by=timezone.now() + dt.timedelta(days=14))
    for place, bid in bids.items():
        offers.respond(bid.offer, applicant_for(place), accept=True)
    building.add_accepted(round_, staff)
    members = {
        m.bid.place_name: m
        for m in CohortMember.objects.filter(cohort__round=round_).select_related(
            "bid", "cohort__round"
        )
    }
    return members


def event_details(days=30, hours=6, **extra):
    starts = timezone.now().replace(microsecond=0, second=0) + dt.timedelta(days=days)
    values = {
        "kind": "immersion",
        "title": "Immersion event",
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=hours),
        "place": "Local Government House, Smith Square, London",
        "places_each": 2,
    }
    values.update(extra)
    return EventDetails(**values)


def make_event(cohort, staff, members, days=30, **extra):
    return events.create_event(cohort, staff, event_details(days=days, **extra), members)
