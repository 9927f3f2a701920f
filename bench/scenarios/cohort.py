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
from applications.models import BidCollaborator, District, Organisation, Round
from applications.samples import PLACES, make_bid
from bench.lib import count_queries, measure_get
from bench.scenarios import scenario
from cohorts import outbox, release
from cohorts.models import Cohort, CohortMember
from notifications.models import OutboxMessage
from scoring.models import Decision

RECIPIENTS_PER_BID = 10


def bench_round(number, slug):
    now = timezone.now()
    round_, _ = Round.objects.get_or_create(
        number=number,
        defaults={
            "name": f"Bench round {number}",
            "slug": slug,
            "reference_prefix": f"LB{number}",
            "opens_at": now - dt.timedelta(days=400 + number),
            "closes_at": now - dt.timedelta(days=399 + number),
        },
    )
    return round_


def staff():
    user = User.objects.filter(email="bench-staff@example.com").first()
    if user is None:
        user = User.objects.create_user(email="bench-staff@example.com", full_name="Staff")
        permissions.add_role(user, permissions.PROGRAMME_STAFF)
    return user


def seed_messages(count):
    """count draft decision emails: count / 10 released bids with 10 people each."""
    round_ = bench_round(80, f"bench-send-{count}")
    actor = staff()
    places = list(PLACES)
    bids = count // RECIPIENTS_PER_BID
    outcomes = ["accept", "reserve", "reject"]
    for index in range(bids):
        lead = User.objects.create_user(
            email=f"send{count}-lead{index}@example.gov.uk", full_name=f"Lead {index}"
        )
        bid = make_bid(round_, lead, places[index % len(places)], submitted=True)
        people = User.objects.bulk_create(
            User(email=f"send{count}-{index}-{n}@example.gov.uk", full_name=f"Person {n}")
            for n in range(RECIPIENTS_PER_BID - 1)
        )
        BidCollaborator.objects.bulk_create(
            BidCollaborator(bid=bid, user=user, role="editor") for user in people
        )
        outcome = outcomes[index % 3]
        Decision.objects.create(
            bid=bid,
            outcome=outcome,
            reserve_position=index if outcome == "reserve" else None,
            feedback="Feedback from the panel for this partnership. " * 5,
            decided_by=actor,
        )
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
