"""apply.staff_list and apply.staff_csv: programme staff's list of bids and its CSV export,
with 10 and 1,000 submitted bids (in a round of their own, so other scenarios' bids do not
count). The list is paginated: its query count must not grow with the number of bids."""

import datetime as dt
import sys

from django.utils import timezone

from accounts import permissions
from applications.models import Bid
from applications.samples import PLACES
from bench.lib import measure_get
from bench.scenarios import scenario
from bench.scenarios.foundation import signed_in_client
from tests.factories.accounts import user_with
from tests.factories.applications import make_round
from tests.factories.bulk import stored_submitted_bid

DEFAULT_SIZES = [10, 1000]


def bench_round(number=91, slug="bench-staff"):
    """A round of the scenario's own (dates around now; numbers far above real rounds)."""
    now = timezone.now()
    return make_round(
        number,
        slug,
        name=f"Bench round ({slug})",
        opens_at=now - dt.timedelta(days=7),
        closes_at=now + dt.timedelta(days=30),
        programme_starts_on=(now + dt.timedelta(days=90)).date(),
        programme_ends_on=(now + dt.timedelta(days=455)).date(),
    )


def seed(round_, n):
    """Top the round up to n submitted bids (what the submit step stores)."""
    user = user_with("bench-lead@example.com", permissions.APPLICANT)
    places = list(PLACES)
    have = Bid.objects.filter(round=round_).count()
    start = round_.opens_at + dt.timedelta(hours=1)
    for index in range(have, n):
        stored_submitted_bid(
            round_, user, places[index % len(places)], at=start + dt.timedelta(minutes=index)
        )


def _run(reporter, sizes, name, path, check, number, slug):
    round_ = bench_round(number, slug)
    client = signed_in_client("bench-staff@example.com", permissions.PROGRAMME_STAFF)
    rows = []
    for n in sorted(sizes or DEFAULT_SIZES):
        seed(round_, n)
        url = path.format(slug=round_.slug)
        client.get(url)
        queries, ms = measure_get(client, url)
        rows.append(reporter.emit(name, n, queries, ms))
    if check and len(rows) > 1:
        same = len({row["queries"] for row in rows}) == 1
        within = rows[-1]["ratio_to_floor"] is not None and rows[-1]["ratio_to_floor"] <= 10
        if not (same and within):
            sys.stderr.write(
                f"{name}: queries {[r['queries'] for r in rows]}, "
                f"ratio at {rows[-1]['n']} = {rows[-1]['ratio_to_floor']} (want same, <= 10)\n"
            )


def apply_staff_list(reporter, sizes):
    """Signed-in staff GET of the first page of the list (50 bids a page)."""
    _run(
        reporter,
        sizes,
        "apply.staff_list",
        "/apply/staff/rounds/{slug}/bids/",
        check=True,
        number=91,
        slug="bench-staff-list",
    )


def apply_staff_csv(reporter, sizes):
    """Signed-in staff GET of the CSV of every answer of all bids (chunks of 500)."""
    _run(
        reporter,
        sizes,
        "apply.staff_csv",
        "/apply/staff/rounds/{slug}/bids.csv",
        check=False,
        number=92,
        slug="bench-staff-csv",
    )


scenario(order=40)(apply_staff_list)
scenario(order=41)(apply_staff_csv)
