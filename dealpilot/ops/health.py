"""What `/healthz` checks: the database answers, every migration is applied, a worker is alive.

Each check returns None when healthy, else a short reason (no names, addresses or settings: the
endpoint is public)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from dealpilot.ops.models import WorkerHeartbeat


def database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unreachable"
    return None


@lru_cache(maxsize=1)
def _migrations_on_disk() -> frozenset[tuple[str, str]]:
    # The migration files a process has are fixed for its life (new code means a restart), so
    # they are read once; which of them the database has applied is asked on every check.
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def migrations() -> str | None:
    try:
        applied = set(MigrationRecorder(connection).applied_migrations())
    except DatabaseError:
        return "unreadable"
    missing = len(_migrations_on_disk() - applied)
    return f"{missing} not applied" if missing else None


def worker() -> str | None:
    try:
        last = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    except DatabaseError:
        return "unknown"
    if last is None:
        return "never seen"
    age = (timezone.now() - last) / dt.timedelta(seconds=1)
    return f"last seen {int(age)} s ago" if age > settings.WORKER_STALE_AFTER else None


CHECKS = {"database": database, "migrations": migrations, "worker": worker}


def report() -> dict[str, object]:
    # Later checks need the database: when it is down they say so instead of each failing.
    results = {"database": database()}
    for name, check in CHECKS.items():
        if name != "database":
            results[name] = "skipped" if results["database"] else check()
    ok = not any(results.values())
    return {"status": "ok" if ok else "fail", "checks": {k: v or "ok" for k, v in results.items()}}
