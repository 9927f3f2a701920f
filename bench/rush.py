"""`make bench-rush` (`bench/run.py --rush`): the deadline rush, `apply.rush`.

100 applicants at once against the production shape on loopback: gunicorn (gthread,
DEBUG=0, Django's default PBKDF2 password hasher) and the background worker, on a
throwaway PostgreSQL database. Each applicant signs in, opens their application (a complete
draft), saves two question pages and double-clicks submit (bench/rush_client.py). Then the
database and the outbox are checked: every acknowledged save is stored, every application
is submitted exactly once with exactly one confirmation email (sent by the worker).

The database is RUSH_DATABASE_URL (or --database-url), postgres://... only: a database it
creates, and drops first if it exists, and drops at the end. Prints JSON lines like
bench/run.py; reporting is bench/rush_report.py.
"""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import requests

from bench import rush_report as report
from bench.rush_client import Journey

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PASSWORD = "rush-bench-Leading-Places-2026"
# Two cores: one gunicorn process per core, four threads each, so a request waiting on the
# database or on another thread's password hash (PBKDF2 runs outside the GIL) does not hold
# its core. Eight database connections, plus the worker's.
WORKERS = 2
THREADS = 4


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _admin(url, sql):
    import psycopg

    parsed = urlparse(url)
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def _db_name(url):
    name = urlparse(url).path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise SystemExit(f"apply.rush: unusable database name {name!r}")
    return name


def production_env(url, port, workdir):
    """What bin/serve-prod sets, for loopback: DEBUG=0, plain http, emails to the console
    (the worker's output, counted afterwards)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    origin = f"http://127.0.0.1:{port}"
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": url,
            "ALLOWED_HOSTS": "127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": origin,
            "SITE_URL": origin,
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "SECURE_COOKIES": "0",
            "STATIC_ROOT": str(Path(workdir) / "static"),
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    env.pop("TASKS_BACKEND", None)  # the database queue, as in production
    return env


def seed(n):
    """An open round (the demo loader's round 2) and n applicants, each the lead of a draft
    with every section complete (applications.samples, as tests' factories make them).
    The password is hashed once at full strength and given to every applicant, so seeding
    does not pay 100 hashes; each sign-in still checks it at full strength."""
    from django.contrib.auth.hashers import make_password

    from accounts import permissions
    from applications import reference
    from applications.demo import load_demo_round
    from applications.samples import PLACES, make_bid
    from tests.factories.accounts import make_user

    reference.load()
    round_ = load_demo_round()
    hashed = make_password(PASSWORD)
    places = list(PLACES)
    emails = []
    for i in range(n):
        email = f"rush-{i:03d}@example.gov.uk"
        user = make_user(email, permissions.APPLICANT, f"Rush Applicant {i}", password=None)
        user.password = hashed
        user.save(update_fields=["password"])
        make_bid(round_, user, places[i % len(places)])
        emails.append(email)
    floor_email = "rush-floor@example.gov.uk"
    floor_user = make_user(floor_email, permissions.APPLICANT, "Rush Floor", password=None)
    floor_user.password = hashed
    floor_user.save(update_fields=["password"])
    return emails, floor_email


def wait_for(url, seconds=120):
    """Until the server answers 200 (its processes import Django and WeasyPrint first,
    which takes a while on a busy machine)."""
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        try:
            if requests.get(url, timeout=30).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit(f"apply.rush: {url} did not answer in {seconds} s")


def measure_floor(base, email, clients=WORKERS * THREADS):
    """The floor page (/accessibility/, signed in) on this server before the rush: the
    median of 21 requests one after another, and the most requests a second it answers
    with as many clients as it has threads (WORKERS x THREADS, 20 requests each)."""
    session = requests.Session()
    page = session.get(f"{base}/account/sign-in/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    session.post(
        f"{base}/account/sign-in/",
        data={"csrfmiddlewaretoken": token, "email": email, "password": PASSWORD},
        headers={"Origin": base},
        timeout=60,
    ).raise_for_status()
    timings = []
    for _ in range(22):
        start = time.perf_counter()
        assert session.get(f"{base}/accessibility/", timeout=60).status_code == 200
        timings.append((time.perf_counter() - start) * 1000)
    floor_ms = report.percentile(timings[1:], 0.5)

    def burst():
        own = requests.Session()
        own.cookies.update(session.cookies)
        for _ in range(20):
            assert own.get(f"{base}/accessibility/", timeout=60).status_code == 200

    clients = [threading.Thread(target=burst) for _ in range(clients)]
    start = time.perf_counter()
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    floor_rps = 20 * len(clients) / (time.perf_counter() - start)
    return floor_ms, floor_rps


def stored_values(saved_keys):
    from applications.models import BidSection, BidSubmission

    stored = {}
    for bid, step, field in saved_keys:
        section = BidSection.objects.filter(bid_id=bid, step=step).first()
        if section is not None and field in section.data:
            stored[(bid, step, field)] = section.data[field]
        latest = BidSubmission.objects.filter(bid_id=bid).order_by("-version").first()
        if latest is not None:
            value = latest.answers.get(step, {}).get(field)
            stored[(bid, f"{step} (submitted)", field)] = value
    return stored


def per_bid_counts(email_log):
    """{name: {bid: count}} of what must happen once per application."""
    from django.db.models import Count

    from applications.emails import SUBMITTED
    from applications.models import AuditEvent, Bid, BidSubmission
    from notifications.models import OutboxMessage

    def counted(qs):
        return {row["bid"]: row["n"] for row in qs.values("bid").annotate(n=Count("pk"))}

    refs = dict(Bid.objects.values_list("reference", "pk"))
    sent = {}
    subject = r"^Subject: Leading Places: application (\S+) submitted$"
    for ref in re.findall(subject, email_log, re.M):
        sent[refs.get(ref)] = sent.get(refs.get(ref), 0) + 1
    return {
        "submissions": counted(BidSubmission.objects.all()),
        "audit_submitted": counted(AuditEvent.objects.filter(action="bid.submitted")),
        "outbox": counted(OutboxMessage.objects.filter(kind=SUBMITTED)),
        "emails_sent": sent,
    }


def wait_for_outbox(seconds):
    from notifications.models import OutboxMessage

    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        waiting = OutboxMessage.objects.filter(state__in=["queued", "sending"]).count()
        if not waiting:
            return 0
        time.sleep(1)
    return waiting


def _stop(process):
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(url, n=100, bound=300, workers=WORKERS, threads=THREADS, stream=sys.stdout):
    if not url or urlparse(url).scheme not in ("postgres", "postgresql"):
        raise SystemExit(
            "apply.rush needs PostgreSQL: set RUSH_DATABASE_URL=postgres://user@host:port/name "
            "(a throwaway database it creates and drops)"
        )
    name = _db_name(url)
    workdir = tempfile.mkdtemp(prefix="lp-rush-")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = production_env(url, port, workdir)
    _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(url, f'CREATE DATABASE "{name}"')
    web = worker = None
    worker_log = Path(workdir) / "worker.log"
    web_log = Path(workdir) / "gunicorn.log"
    try:
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
            subprocess.run(
                [PY, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
            )
        os.environ.update({"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"})
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        import django

        django.setup()
        emails, floor_email = seed(n)
        from django.db import connection

        connection.close()
        with open(worker_log, "w") as out:
            worker = subprocess.Popen(
                [PY, "manage.py", "db_worker", "--no-reload", "--interval", "1"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        with open(web_log, "w") as out:
            web = subprocess.Popen(
                [
                    *(GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{port}"),
                    *("--workers", str(workers), "--threads", str(threads)),
                    *("--worker-class", "gthread", "--timeout", "60"),
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        wait_for(f"{base}/healthz")
        floor_ms, floor_rps = measure_floor(base, floor_email, workers * threads)

        load_before = os.getloadavg()
        deadline = time.monotonic() + bound
        journeys = [
            Journey(base, email, PASSWORD, secrets.token_hex(4), deadline) for email in emails
        ]
        clients = [threading.Thread(target=j.run) for j in journeys]
        start = time.perf_counter()
        for t in clients:
            t.start()
        for t in clients:
            t.join(bound + 120)
        wall = time.perf_counter() - start
        load_after = os.getloadavg()
        left_in_outbox = wait_for_outbox(180)
        _stop(worker)  # flushes its output
        worker = None

        results = [r for j in journeys for r in j.results]
        saved = {key: value for j in journeys for key, value in j.saved.items()}
        completed = [j.bid for j in journeys if j.completed]
        expected = dict(saved)
        for (bid, step, field), value in saved.items():
            if bid in completed:  # and the submitted copy holds it too
                expected[(bid, f"{step} (submitted)", field)] = value
        lost = report.lost_saves(expected, stored_values(saved))
        problems = report.submission_problems(completed, per_bid_counts(worker_log.read_text()))
        rps, ratio = report.throughput(len(results), wall, floor_rps)
        all_ms = [r["ms"] for r in results if r["ok"]]
        p50 = report.percentile(all_ms, 0.5) or 0
        summary = {
            "scenario": "apply.rush",
            "n": n,
            "queries": None,
            "median_ms": round(p50, 1),
            "ratio_to_floor": round(p50 / floor_ms, 1),
            "floor_ms": round(floor_ms, 2),
            "completed": len(completed),
            "errors": report.errors_by_status(results),
            "lost_saves": len(lost),
            "duplicate_submissions": len(problems["duplicates"]),
            "missing_submissions": len(problems["missing"]),
            "emails_left_in_outbox": left_in_outbox,
            "double_clicks_overlapping": sum(j.clicks_overlapped for j in journeys),
            "sign_in_lockouts": _lockouts(),
            "wall_s": round(wall, 1),
            "requests": len(results),
            "rps": rps,
            "floor_rps": round(floor_rps, 1),
            "throughput_ratio": ratio,
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after],
            "gunicorn": f"{workers} workers x {threads} threads (gthread)",
        }
        failures = sorted({j.failure for j in journeys if j.failure})
        if failures:
            summary["first_failures"] = failures[:5]
        rows = report.timing_rows(results, floor_ms, n)
        summary["missed_targets"] = report.missed_targets(summary, rows)
        for row in [summary, *rows]:
            stream.write(json.dumps(row) + "\n")
        stream.flush()
        return summary
    finally:
        _stop(web)
        _stop(worker)
        from django.apps import apps

        if apps.ready:
            from django.db import connections

            connections.close_all()
        _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if web_log.exists() and re.search(r"Traceback|ERROR", web_log.read_text()):
            sys.stderr.write(f"apply.rush: gunicorn logged errors, see {web_log}\n")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _lockouts():
    from axes.models import AccessAttempt

    return AccessAttempt.objects.count()
