"""Measuring helpers for `make bench`: medians of timed runs, query counts, JSON lines."""

import datetime as dt
import json
import statistics
import time

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


def measure_get(client, url, runs=RUNS, expect_status=200):
    """(queries, median_ms) of GET url with a signed-in test client."""

    def get():
        response = client.get(url)
        if response.status_code != expect_status:
            raise AssertionError(f"GET {url} answered {response.status_code}")
        return response

    queries, _ = count_queries(get)
    return queries, median_ms(get, runs=runs)


class Reporter:
    def __init__(self, stream):
        self.stream = stream
        self.floor_ms = None

    def emit(self, scenario, n, queries, ms, **extra):
        ratio = round(ms / self.floor_ms, 1) if self.floor_ms else None
        row = {
            "scenario": scenario,
            "n": n,
            "queries": queries,
            "median_ms": round(ms, 1),
            "ratio_to_floor": ratio,
        }
        row.update(extra)
        self.stream.write(json.dumps(row) + "\n")
        self.stream.flush()
        return row


def days_ago(days):
    from django.utils import timezone

    return timezone.now() - dt.timedelta(days=days)
