"""Staff pages for the outbox (every email the service sends) and the health check."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.access import require
from notifications import jobs, sender
from notifications.models import OutboxMessage
from notifications.outbox import send_after_commit

State = OutboxMessage.State
PAGE_SIZE = 50


def _state_counts():
    totals = dict.fromkeys(State.values, 0)
    for row in OutboxMessage.objects.values("state").annotate(n=Count("pk")).order_by():
        totals[row["state"]] = row["n"]
    return totals


@require("notifications.see_outbox")
def outbox(request):
    messages_ = OutboxMessage.objects.order_by("-pk")
    state = request.GET.get("state", "")
    kind = request.GET.get("kind", "")
    query = (request.GET.get("to") or "").strip()
    if state in State.values:
        messages_ = messages_.filter(state=state)
    if kind:
        messages_ = messages_.filter(kind=kind)
    if query:
        messages_ = messages_.filter(to_email__icontains=query)
    page = Paginator(messages_.only(
        "pk", "kind", "to_email", "subject", "state", "attempts", "created_at", "sent_at",
        "next_attempt_at", "error",
    ), PAGE_SIZE).get_page(request.GET.get("page"))  # fmt: skip
    kinds = list(OutboxMessage.objects.order_by("kind").values_list("kind", flat=True).distinct())
    return render(
        request,
        "notifications/outbox.html",
        {
            "page": page,
            "counts": _state_counts(),
            "kinds": kinds,
            "states": State.choices,
            "state": state,
            "kind": kind,
            "to": query,
            "stale_minutes": int(sender.STALE_AFTER.total_seconds() // 60),
            "max_attempts": sender.max_attempts(),
            "worker_age": jobs.worker_heartbeat_age(),
            "now": timezone.now(),
            "rounds": _rounds(),
        },
    )


def _rounds():
    from applications.models import Round

    return list(Round.objects.order_by("-number")[:3])


@require("notifications.see_outbox")
def message(request, pk):
    item = get_object_or_404(OutboxMessage.objects.select_related("recipient", "bid"), pk=pk)
    return render(request, "notifications/message.html", {"item": item})


@require("notifications.see_outbox")
@require_POST
def retry(request):
    from applications import audit

    with transaction.atomic():
        retried = sender.retry_failed(OutboxMessage.objects.all())
        if retried:
            audit.record("emails.retried", request.user, subject="Outbox", new=retried)
        send_after_commit()
    if retried:
        messages.success(request, f"{retried} failed emails are being sent again")
    else:
        messages.info(request, "There were no failed emails to retry")
    return redirect("notifications:outbox")


def _migrations_applied():
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


@never_cache
def healthz(request):
    """For load balancers and monitoring: no sign-in, no data. 200 when the database
    answers and every migration is applied, else 503. Reports the worker's heartbeat age
    (seconds since it last ran a task; the scheduled run gives it one every minute)."""
    checks = {"database": "ok", "migrations": "ok"}
    status = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        checks["database"] = "unreachable"
        return JsonResponse({"status": "error", **checks, "migrations": "unknown"}, status=503)
    try:
        if not _migrations_applied():
            checks["migrations"] = "pending"
            status = 503
    except Exception:
        checks["migrations"] = "unknown"
        status = 503
    age = jobs.worker_heartbeat_age()
    checks["worker_heartbeat_age_seconds"] = None if age is None else int(age)
    if age is None:
        checks["worker"] = "unknown"
    elif age > jobs.WORKER_LATE.total_seconds():
        checks["worker"] = "late"
    else:
        checks["worker"] = "ok"
    return JsonResponse({"status": "ok" if status == 200 else "error", **checks}, status=status)
