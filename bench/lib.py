"""Measuring helpers for `make bench`: medians of timed runs, query counts, JSON lines."""

import datetime as dt
import json
import statistics
import time
import tracemalloc

from django.db import connection
from django.test.utils import CaptureQueriesContext

RUNS = 7


def median_ms(fn, runs=RUNS, warmup=1):
    for _ in range(warmup):
        fn()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def count_queries(fn):
    with CaptureQueriesContext(connection) as captured:
        result = fn()
    return len(captured.captured_queries), result


def request_peak_mb(fn):
    """The peak of memory allocated while fn runs once, in MiB (tracemalloc): how much a
    request grows the process, whatever the process's own peak so far."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


LAST = {"rss_mb": None}


def measure_get(client, url, runs=RUNS, expect_status=200):
    """(queries, median_ms) of GET url with a signed-in test client. The peak memory one more
    request allocates is kept for the next row (`rss_mb`)."""

    def get():
        response = client.get(url)
        if response.status_code != expect_status:
            raise AssertionError(f"GET {url} answered {response.status_code}")
        return response

    queries, _ = count_queries(get)
    ms = median_ms(get, runs=runs)
    LAST["rss_mb"] = round(request_peak_mb(get), 1)
    return queries, ms


class Reporter:
    """Prints the rows. With `floor` (a function giving the floor page's median in ms), the
    floor is measured again beside every row, so each ratio compares two medians taken under
    the same load (the machine is shared)."""

    def __init__(self, stream, floor=None):
        self.stream = stream
        self.floor_ms = None
        self.floor = floor

    def emit(self, scenario, n, queries, ms, **extra):
        if self.floor is not None and scenario != "floor":
            self.floor_ms = self.floor()
        ratio = round(ms / self.floor_ms, 1) if self.floor_ms else None
        row = {
            "scenario": scenario,
            "n": n,
            "queries": queries,
            "median_ms": round(ms, 1),
            "ratio_to_floor": ratio,
            "floor_ms": round(self.floor_ms, 2) if self.floor_ms else None,
        }
        if LAST["rss_mb"] is not None:
            row["rss_mb"] = LAST["rss_mb"]
            LAST["rss_mb"] = None
        row.update(extra)
        self.stream.write(json.dumps(row) + "\n")
        self.stream.flush()
        return row


def days_ago(days):
    from django.utils import timezone

    return timezone.now() - dt.timedelta(days=days)
