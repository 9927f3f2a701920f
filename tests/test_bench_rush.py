"""The deadline-rush benchmark's reporting (bench/rush_report.py) and the form reading its
clients do (bench/rush_client.py): plain functions, no server. The rush itself runs only
with `make bench-rush`, never in `make test`."""

import pytest

from bench import rush_report as report
from bench.rush_client import post_form, with_values


def test_percentile_is_nearest_rank():
    assert report.percentile([4, 1, 3, 2], 0.5) == 2
    assert report.percentile(list(range(1, 101)), 0.95) == 95
    assert report.percentile(list(range(1, 101)), 0.5) == 50
    assert report.percentile([7.5], 0.95) == 7.5
    assert report.percentile([3, 9], 1) == 9
    assert report.percentile([], 0.5) is None
    with pytest.raises(ValueError):
        report.percentile([1], 0)


def test_lost_saves_are_acknowledged_values_the_database_does_not_hold():
    saved = {
        (1, "challenge", "title"): "Rush a1: a shared priority",
        (1, "plan", "risks"): "Rush a1: diary",
        (2, "challenge", "title"): "Rush b2: a shared priority",
        (3, "plan", "risks"): "",
    }
    stored = {
        (1, "challenge", "title"): "Rush a1: a shared priority",
        (1, "plan", "risks"): "an older answer",
        (3, "plan", "risks"): "",
    }
    assert report.lost_saves(saved, stored) == [(1, "plan", "risks"), (2, "challenge", "title")]
    assert report.lost_saves(saved, dict(saved)) == []
    # A stored None is not the same as an empty answer.
    assert report.lost_saves({(4, "plan", "risks"): ""}, {(4, "plan", "risks"): None}) == [
        (4, "plan", "risks")
    ]


def test_submission_problems_find_duplicates_anywhere_and_missing_completed_bids():
    counts = {
        "submissions": {1: 1, 2: 1, 3: 2},
        "outbox": {1: 1, 2: 1, 3: 1},
        "emails_sent": {1: 2, 3: 1},
    }
    assert report.submission_problems([1, 2, 3], counts) == {
        "duplicates": [1, 3],
        "missing": [2],
    }
    once = {"submissions": {1: 1, 2: 1}, "outbox": {1: 1, 2: 1}}
    assert report.submission_problems([1, 2], once) == {"duplicates": [], "missing": []}
    # A journey that did not complete is not expected to have submitted.
    assert report.submission_problems([1], once) == {"duplicates": [], "missing": []}


def test_errors_by_status_and_timing_rows():
    results = [
        {"kind": "sign_in", "ms": 900.0, "status": 302, "ok": True},
        {"kind": "sign_in", "ms": 1100.0, "status": 302, "ok": True},
        {"kind": "sign_in", "ms": 60000.0, "status": "timeout", "ok": False},
        {"kind": "save", "ms": 40.0, "status": 302, "ok": True},
        {"kind": "submit", "ms": 30.0, "status": 500, "ok": False},
        {"kind": "submit", "ms": 20.0, "status": 302, "ok": True},
        {"kind": "page", "ms": 10.0, "status": 409, "ok": False},
        {"kind": "page", "ms": 12.0, "status": 500, "ok": False},
    ]
    assert report.errors_by_status(results) == {"409": 1, "500": 2, "timeout": 1}
    rows = report.timing_rows(results, floor_ms=5.0, n=3)
    assert [r["scenario"] for r in rows] == [
        "apply.rush.sign_in",
        "apply.rush.save",
        "apply.rush.submit",
    ]
    sign_in = rows[0]
    assert (sign_in["requests"], sign_in["p50_ms"], sign_in["p95_ms"]) == (2, 900.0, 1100.0)
    assert sign_in["ratio_to_floor"] == 180.0
    assert sign_in["median_ms"] == 900.0 and sign_in["max_ms"] == 1100.0


def test_throughput_against_the_floor():
    assert report.throughput(1200, 30.0, 200.0) == (40.0, 0.2)
    assert report.throughput(10, 0, 200.0) == (0.0, 0.0)
    assert report.throughput(10, 1.0, None) == (10.0, None)


PAGE = """
<form method="get" action="/search/"><input name="q" value="ignored"></form>
<form method="post" action="" novalidate>
  <input type="hidden" name="csrfmiddlewaretoken" value="tok&amp;en">
  <input type="hidden" name="section_version" value="3">
  <input name="challenge-title" value="Old title">
  <input type="radio" name="challenge-theme" value="growth">
  <input type="radio" name="challenge-theme" value="health" checked>
  <input type="checkbox" name="plan-support" value="facilitation" checked>
  <input type="checkbox" name="plan-support" value="peer_challenge">
  <input type="text" name="off" value="x" disabled>
  <select name="plan-agreement"><option value="none">None</option>
    <option value="mou" selected>MoU</option></select>
  <select name="plan-first"><option value="a">A</option><option value="b">B</option></select>
  <textarea name="challenge-summary">
Line one
Line two</textarea>
  <button name="action" value="continue">Save and continue</button>
</form>
<form method="post" action="/apply/7/submit/"><input name="submission_version" value="2"></form>
"""


def test_post_form_reads_fields_as_a_browser_sends_them():
    form = post_form(PAGE, has_field="section_version")
    assert form["action"] == ""
    assert form["fields"] == [
        ("csrfmiddlewaretoken", "tok&en"),
        ("section_version", "3"),
        ("challenge-title", "Old title"),
        ("challenge-theme", "health"),
        ("plan-support", "facilitation"),
        ("plan-agreement", "mou"),
        ("plan-first", "a"),
        ("challenge-summary", "Line one\nLine two"),
    ]
    assert post_form(PAGE, "/submit/")["fields"] == [("submission_version", "2")]
    with pytest.raises(LookupError):
        post_form(PAGE, has_field="password")


def test_with_values_changes_named_fields_only():
    fields = [("a", "1"), ("b", "2"), ("a", "3")]
    assert with_values(fields, {"b": "new"}) == [("a", "1"), ("b", "new"), ("a", "3")]
    with pytest.raises(LookupError):
        with_values(fields, {"c": "x"})


def test_missed_targets_names_each_miss():
    summary = {
        "n": 100,
        "completed": 100,
        "errors": {},
        "lost_saves": 0,
        "duplicate_submissions": 0,
        "missing_submissions": 0,
        "emails_left_in_outbox": 0,
    }
    rows = [{"scenario": "apply.rush.submit", "p95_ms": 4999.9}]
    assert report.missed_targets(summary, rows) == []
    worse = {**summary, "completed": 24, "errors": {"timeout": 76}, "duplicate_submissions": 1}
    assert report.missed_targets(worse, [{"scenario": "apply.rush.submit", "p95_ms": 5000}]) == [
        "24 of 100 journeys completed",
        "duplicate_submissions: 1",
        "errors: {'timeout': 76}",
        "submit p95 5000 ms (target under 5,000)",
    ]
    assert report.missed_targets(summary, []) == ["submit p95 None ms (target under 5,000)"]
