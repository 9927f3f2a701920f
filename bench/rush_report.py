"""The `apply.rush` scenario's reporting, as plain functions of plain data (unit-tested in
tests/test_bench_rush.py): percentiles, what the clients saved against what the database
holds, submissions and emails counted per application, and the JSON rows."""

import math
from collections import Counter

# The request kinds the journeys time. "page" is every GET a journey makes between its
# form posts (dashboard, task list, question pages, check answers, confirmation).
KINDS = ("sign_in_page", "sign_in", "page", "save", "submit")


def percentile(values, fraction):
    """The nearest-rank percentile: the smallest value with at least `fraction` of the
    values at or below it (p50 of [1, 2, 3, 4] is 2; p95 of 1..100 is 95). None if empty."""
    if not values:
        return None
    if not 0 < fraction <= 1:
        raise ValueError("fraction must be in (0, 1]")
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)), 1) - 1]


def lost_saves(saved, stored):
    """The saves a client was told had worked (`saved`: {(bid, step, field): value}) that
    the database does not hold (`stored`: the same keys read back afterwards; a missing
    key means the section or field is not there). Returns the sorted lost keys."""
    return sorted(key for key, value in saved.items() if stored.get(key, _MISSING) != value)


_MISSING = object()


def submission_problems(bids, counts):
    """Per application, the things that must happen exactly once after a completed journey.

    `bids`: the bid ids whose journey completed. `counts`: {name: {bid: count}}, e.g.
    {"submissions": {...}, "outbox": {...}, "emails_sent": {...}}, for every bid in the
    database. Returns {"duplicates": [bids with any count above 1], "missing": [completed
    bids with any count of 0]}, sorted."""
    duplicates = sorted({bid for per_bid in counts.values() for bid, n in per_bid.items() if n > 1})
    missing = sorted(
        {bid for bid in bids for per_bid in counts.values() if per_bid.get(bid, 0) == 0}
    )
    return {"duplicates": duplicates, "missing": missing}


def errors_by_status(results):
    """{"500": 2, "timeout": 1, ...}: every request that did not answer as a browser
    expects, counted by its status (or "timeout" / "connection")."""
    return dict(sorted(Counter(str(r["status"]) for r in results if not r["ok"]).items()))


def timing_rows(results, floor_ms, n):
    """One row per request kind: p50 and p95 in ms, and the p50's ratio to the floor."""
    rows = []
    for kind in KINDS:
        ms = [r["ms"] for r in results if r["kind"] == kind and r["ok"]]
        if not ms:
            continue
        p50 = percentile(ms, 0.5)
        rows.append(
            {
                "scenario": f"apply.rush.{kind}",
                "n": n,
                "queries": None,
                "median_ms": round(p50, 1),
                "ratio_to_floor": round(p50 / floor_ms, 1) if floor_ms else None,
                "floor_ms": round(floor_ms, 2) if floor_ms else None,
                "requests": len(ms),
                "p50_ms": round(p50, 1),
                "p95_ms": round(percentile(ms, 0.95), 1),
                "max_ms": round(max(ms), 1),
            }
        )
    return rows


def throughput(requests, seconds, floor_rps):
    """Requests a second over the rush, and that as a fraction of the floor page's rate
    on the same server (the most it answers of the cheapest signed-in page)."""
    rps = requests / seconds if seconds else 0.0
    return round(rps, 1), (round(rps / floor_rps, 3) if floor_rps else None)


SUBMIT_P95_TARGET_MS = 5000


def missed_targets(summary, rows):
    """Issue 14's deadline-rush targets the run missed ([] when it met them all): every
    journey complete, no errors, nothing lost, nothing submitted twice or not at all, every
    email sent, submit p95 under 5 s."""
    missed = []
    if summary["completed"] != summary["n"]:
        missed.append(f"{summary['completed']} of {summary['n']} journeys completed")
    for name in ("lost_saves", "duplicate_submissions", "missing_submissions"):
        if summary[name]:
            missed.append(f"{name}: {summary[name]}")
    if summary["errors"]:
        missed.append(f"errors: {summary['errors']}")
    if summary["emails_left_in_outbox"]:
        missed.append(f"{summary['emails_left_in_outbox']} emails not sent")
    submit = next((r for r in rows if r["scenario"] == "apply.rush.submit"), None)
    if submit is None or submit["p95_ms"] >= SUBMIT_P95_TARGET_MS:
        missed.append(f"submit p95 {submit and submit['p95_ms']} ms (target under 5,000)")
    return missed
