"""The production shape: PDFs styled with hashed static files, the health check, the
scheduled jobs command, structured logs and settings from the environment."""

import io
import json
import logging
import threading

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.templatetags.static import static
from django.urls import reverse

from applications.models import AuditEvent
from applications.pdf import bid_pdf
from applications.samples import make_bid
from notifications import jobs, scheduler
from notifications.logformat import JSONFormatter
from notifications.models import Heartbeat, OutboxMessage, ScheduledJob
from reminders import deadlines
from reminders.models import SentReminder
from tests.cohort_helpers import applicant_for
from tests.factories.accounts import sign_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def manifest_static(settings, tmp_path):
    """Production static settings: collectstatic into a temporary STATIC_ROOT, hashed
    and compressed names (whitenoise's manifest storage), no finders at request time."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.DEBUG = False
    call_command("collectstatic", interactive=False, verbosity=0)
    yield settings.STATIC_ROOT
    staticfiles_storage._wrapped = None  # forget the manifest for the next test


def test_a_bid_pdf_is_styled_under_production_static_files(manifest_static, open_round, caplog):
    bid = make_bid(open_round, applicant_for("Sheffield"), "Sheffield", submitted=True)
    hashed = static("css/pdf.css")
    assert hashed.startswith("/static/css/pdf.") and hashed != "/static/css/pdf.css"
    name = hashed.removeprefix("/static/")
    assert finders.find(name) is None  # the finders never knew the hashed name
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = bid_pdf(bid.submissions.get())
    assert pdf.startswith(b"%PDF")
    problems = [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]
    assert problems == []
    from core.pdf import static_file_path

    assert static_file_path(name) == str(manifest_static / name)


def test_health_check_needs_no_sign_in_and_shows_no_data(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "migrations": "ok",
        "worker_heartbeat_age_seconds": None,
        "worker": "unknown",
    }
    assert response["Cache-Control"].startswith("max-age=0")


def test_health_check_reports_the_worker_heartbeat(client):
    call_command("run_scheduled", stdout=io.StringIO())  # the worker runs its heartbeat task
    body = client.get(reverse("healthz")).json()
    assert (body["worker"], body["worker_heartbeat_age_seconds"]) == ("ok", 0)
    Heartbeat.objects.filter(name="worker").update(
        beat_at=Heartbeat.objects.get(name="worker").beat_at - jobs.WORKER_LATE * 2
    )
    body = client.get(reverse("healthz")).json()
    assert (body["status"], body["worker"]) == ("ok", "late")
    assert body["worker_heartbeat_age_seconds"] == 600


def test_run_scheduled_runs_every_job_and_says_what_it_did(open_round):
    out = io.StringIO()
    call_command("run_scheduled", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "lapse_offers",
        "deadline_reminders",
        "outbox",
    ]
    assert lines[0] == "lapse_offers: ok {'lapsed': 0}"
    assert lines[1] == "deadline_reminders: ok {'reminders': 0}"
    assert set(ScheduledJob.objects.values_list("name", "last_ok")) == {
        ("lapse_offers", True),
        ("deadline_reminders", True),
        ("outbox", True),
    }
    assert not ScheduledJob.objects.filter(locked_until__isnull=False).exists()


def test_run_scheduled_exits_non_zero_when_a_job_fails(open_round, caplog):
    def broken(*, now):
        raise RuntimeError("the disk is full")

    scheduler.register("test_broken", broken, order=15)
    try:
        out = io.StringIO()
        with pytest.raises(CommandError) as error:
            call_command("run_scheduled", stdout=out)
        assert str(error.value) == "Scheduled jobs failed: test_broken"
        assert "test_broken: failed RuntimeError: the disk is full" in out.getvalue()
        assert "outbox: ok" in out.getvalue()  # the other jobs still ran
        failed = [r for r in caplog.records if getattr(r, "event", "") == "job.failed"]
        assert [(r.job, r.error) for r in failed] == [
            ("test_broken", "RuntimeError: the disk is full")
        ]
    finally:
        scheduler._jobs.pop("test_broken")


def test_a_second_run_at_the_same_moment_skips_the_jobs_the_first_holds(open_round):
    week_before = deadlines.reminder_time(open_round.closes_at, 168)
    make_bid(open_round, applicant_for("Leeds"), "Leeds", at=week_before)
    nested = []

    def probe(*, now):
        # Another `run_scheduled` starts while this one is running.
        nested.extend(scheduler.run_all(now))
        return {}

    scheduler.register("test_probe", probe, order=15)
    try:
        outcomes = scheduler.run_all(week_before)
    finally:
        scheduler._jobs.pop("test_probe")
    assert [(o.name, o.status) for o in nested] == [
        ("lapse_offers", "ok"),
        ("test_probe", "skipped"),
        ("deadline_reminders", "ok"),
        ("outbox", "ok"),
    ]
    assert [(o.name, o.status) for o in outcomes][2] == ("deadline_reminders", "ok")
    assert outcomes[2].summary == {"reminders": 0}  # the other run already sent it
    assert SentReminder.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["lead@leeds.example.gov.uk"]]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="concurrent writers need PostgreSQL")
def test_two_runs_in_parallel_send_each_reminder_once(ref, settings):
    from applications.demo import load_demo_round

    open_round = load_demo_round()
    week_before = deadlines.reminder_time(open_round.closes_at, 168)
    for n in range(20):
        make_bid(open_round, applicant_for(f"Place{n}"), "Sheffield", at=week_before)
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            scheduler.run_all(week_before)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert SentReminder.objects.count() == 20
    assert OutboxMessage.objects.filter(kind="deadline_reminder").count() == 20
    assert len(mail.outbox) == 20
    assert AuditEvent.objects.filter(action="reminders.queued").count() == 1


def test_log_lines_are_json_with_their_fields(open_round, staff_user, caplog):
    with caplog.at_level(logging.INFO):
        deadlines.set_schedule(open_round, staff_user, [48])
    record = next(r for r in caplog.records if r.name == "audit")
    line = json.loads(JSONFormatter().format(record))
    assert {k: line[k] for k in ("level", "logger", "message", "event", "actor_id")} == {
        "level": "INFO",
        "logger": "audit",
        "message": "reminders.schedule_changed",
        "event": "reminders.schedule_changed",
        "actor_id": staff_user.pk,
    }


def test_email_attempts_are_logged(open_round, settings, caplog):
    from notifications import sender
    from notifications.outbox import queue_email

    queue_email(key="log:1", to_email="a@example.gov.uk", subject="S", body="B", kind="test")
    settings.EMAIL_BACKEND = "tests.outbox_helpers.RefusingBackend"
    with caplog.at_level(logging.INFO):
        sender.send_queued()
    failed = [r for r in caplog.records if getattr(r, "event", "") == "email.failed"]
    assert [(r.key, r.error) for r in failed] == [
        ("log:1", "ConnectionRefusedError: [Errno 111] Connection refused")
    ]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    caplog.clear()
    with caplog.at_level(logging.INFO):
        sender.send_queued(now=OutboxMessage.objects.get().next_attempt_at)
    sent = [r for r in caplog.records if getattr(r, "event", "") == "email.sent"]
    assert [(r.key, r.to, r.attempt) for r in sent] == [("log:1", "a@example.gov.uk", 2)]


def test_the_staff_outbox_page_lists_and_shows_messages(client, staff_user, applicant):
    from notifications.outbox import queue_email

    message = queue_email(
        key="page:1", to_email="a@example.gov.uk", subject="Hello", body="Line one", kind="test"
    )
    sign_in_client(client, applicant)
    assert client.get(reverse("notifications:outbox")).status_code == 403
    sign_in_client(client, staff_user)
    page = client.get(reverse("notifications:outbox")).content.decode()
    assert "a@example.gov.uk" in page and "Hello" in page
    assert "put back in the queue once, after 15 minutes" in page
    detail = client.get(reverse("notifications:message", args=[message.pk])).content.decode()
    assert "Line one" in detail


def test_the_outbox_page_uses_a_fixed_number_of_queries(
    client, staff_user, django_assert_num_queries
):
    from notifications.outbox import queue_emails

    sign_in_client(client, staff_user)
    for size in (3, 60):
        OutboxMessage.objects.all().delete()
        queue_emails(
            [
                {"key": f"n:{n}", "to_email": f"p{n}@example.gov.uk", "subject": "S",
                 "body": "B", "kind": "test"}
                for n in range(size)
            ]
        )  # fmt: skip
        with django_assert_num_queries(9):
            assert client.get(reverse("notifications:outbox")).status_code == 200
