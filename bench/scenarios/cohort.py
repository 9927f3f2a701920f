"""Cohort scenarios: sending decision emails through the outbox, and the public page."""

import datetime as dt
import statistics
import time

from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from applications.constants import Theme
from applications.models import BidCollaborator, District, Organisation
from applications.samples import PLACES
from bench.lib import count_queries, measure_get
from bench.scenarios import scenario
from cohorts import outbox, release
from cohorts.models import Cohort, CohortMember
from notifications.models import OutboxMessage
from tests.factories.accounts import make_user, user_with
from tests.factories.applications import make_round
from tests.factories.bulk import bulk_assessments, bulk_assignments, stored_submitted_bid
from tests.factories.scoring import criteria_for, mark_eligible, panel_assessors
from tests.factories.selection import FOURS, decide

RECIPIENTS_PER_BID = 10


def bench_round(number, slug):
    now = timezone.now()
    return make_round(
        number,
        slug,
        prefix=f"LB{number}",
        opens_at=now - dt.timedelta(days=400 + number),
        closes_at=now - dt.timedelta(days=399 + number),
    )


def cohort_of(number, slug, name, count):
    """A bench round with a cohort of `count` plain partnerships (the programme's and the
    report's scenarios; the post_save signal opens each one's space, version 1). Adds only
    the partnerships missing, so a second call for the same size reuses them."""
    round_ = bench_round(number, slug)
    cohort, _ = Cohort.objects.get_or_create(round=round_, defaults={"name": name})
    for index in range(cohort.members.count(), count):
        CohortMember.objects.create(
            cohort=cohort,
            partnership_name=f"Partnership {index:04d}",
            place_name=f"Place {index}",
            theme=Theme.values[index % len(Theme.values)],
            challenge_title=f"Priority challenge {index}",
            position=index,
        )
    return round_, cohort


def staff():
    return user_with("bench-staff@example.com", permissions.PROGRAMME_STAFF, "Staff")


def seed_messages(count):
    """count draft decision emails: count / 10 released bids with 10 people each.

    The bids are screened and decided through the product's functions (the chair's
    record_decision refuses a bid that is not fully assessed); their assessments are
    bulk-made, all 80%, as submit_assessment would leave them (tests.factories.bulk)."""
    round_ = bench_round(80, f"bench-send-{count}")
    actor = staff()
    chair = user_with("bench-chair@example.com", permissions.PANEL_CHAIR, "Chair")
    criteria = criteria_for(round_, actor)
    places = list(PLACES)
    outcomes = ["accept", "reserve", "reject"]
    bids = []
    for index in range(count // RECIPIENTS_PER_BID):
        lead = make_user(f"send{count}-lead{index}@example.gov.uk", name=f"Lead {index}")
        bid = stored_submitted_bid(round_, lead, places[index % len(places)])
        people = User.objects.bulk_create(
            User(email=f"send{count}-{index}-{n}@example.gov.uk", full_name=f"Person {n}")
            for n in range(RECIPIENTS_PER_BID - 1)
        )
        BidCollaborator.objects.bulk_create(
            BidCollaborator(bid=bid, user=user, role="editor") for user in people
        )
        bids.append(bid)
    mark_eligible(bids, actor)
    assignments = bulk_assignments(bids, panel_assessors(round_.assessors_per_bid), actor)
    bulk_assessments(assignments, criteria, lambda *_: ("submitted", "fund", FOURS))
    for index, bid in enumerate(bids):
        outcome = outcomes[index % 3]
        decide(chair, bid, outcome, "Feedback from the panel for this partnership. " * 5)
    release.release_decisions(round_, actor, reply_by=timezone.now() + dt.timedelta(days=14))
    return round_, actor


def reset(round_):
    OutboxMessage.objects.filter(round=round_).update(
        state=OutboxMessage.State.DRAFT, subject="", body="", queued_at=None, sent_at=None
    )
    mail.outbox = []


@scenario(order=70)
def cohort_send(reporter, sizes):
    """Queue and send every decision email of a round (locmem backend), background task
    run by the immediate backend: the median of the whole queue + send."""
    for count in [s for s in sizes if s >= 10] or [1000]:
        round_, actor = seed_messages(count)
        total = OutboxMessage.objects.filter(round=round_).count()

        def queue_and_send(round_=round_, actor=actor):
            outbox.queue(round_, actor=actor)
            outbox.send_queued(round_.pk)

        reset(round_)
        queries, _ = count_queries(queue_and_send)
        timings = []
        for _ in range(5):
            reset(round_)
            start = time.perf_counter()
            queue_and_send()
            timings.append((time.perf_counter() - start) * 1000)
            if len(mail.outbox) != total:
                raise AssertionError(f"sent {len(mail.outbox)} of {total}")
        reporter.emit("cohort.send", total, queries, statistics.median(timings))


def seed_cohort(count):
    round_ = bench_round(81 + count % 50, f"bench-cohort-{count}")
    cohort, _ = Cohort.objects.get_or_create(
        round=round_,
        defaults={
            "name": f"Bench cohort of {count}",
            "introduction": "A cohort for measuring.",
            "publish_at": timezone.now() - dt.timedelta(days=1),
        },
    )
    districts = list(District.objects.select_related("region").order_by("code"))
    organisations = list(Organisation.objects.order_by("pk")[:400])
    for index in range(cohort.members.count(), count):
        district = districts[index % len(districts)]
        member = CohortMember.objects.create(
            cohort=cohort,
            partnership_name=f"Partnership {index:04d}",
            place_name=district.name,
            theme=Theme.values[index % len(Theme.values)],
            challenge_title=f"Priority challenge {index}",
            challenge_summary="What the partnership will work on together. " * 4,
            region=district.region,
            position=index,
        )
        member.districts.set([district, districts[(index + 1) % len(districts)]])
        member.organisations.set(
            [organisations[(2 * index) % len(organisations)], organisations[(2 * index + 1) % 400]]
        )
    return round_


@scenario(order=71)
def cohort_public_page(reporter, sizes):
    """The public announcement page of a cohort, anonymous: the same queries at any size."""
    for count in [s for s in sizes if s <= 1000] or [10, 200]:
        round_ = seed_cohort(count)
        queries, ms = measure_get(Client(), f"/cohorts/{round_.slug}/")
        reporter.emit("cohort.public_page", count, queries, ms)
