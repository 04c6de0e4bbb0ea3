"""The worker's heartbeat: a thread in the worker process touches its row every few seconds, so
`/healthz` on any app server can tell whether a worker is alive (django-tasks keeps no record of
idle workers)."""

from __future__ import annotations

import datetime as dt
import threading

from django.db import close_old_connections, connection
from django.utils import timezone

from dealpilot.ops.models import WorkerHeartbeat

EVERY = 10  # seconds between beats; /healthz allows WORKER_STALE_AFTER (default 60) without one
FORGET_AFTER = dt.timedelta(days=1)  # rows of workers gone this long are deleted


def beat(worker_id: str) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id[:64], defaults={"seen_at": now})
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()


def start(worker_id: str, stop: threading.Event) -> threading.Thread:
    """Beat now (so a failing database stops the worker at once), then every EVERY seconds."""
    beat(worker_id)

    def run() -> None:
        while not stop.wait(EVERY):
            close_old_connections()
            try:
                beat(worker_id)
            except Exception:  # a busy or restarting database: try again at the next beat
                pass
        connection.close()

    thread = threading.Thread(target=run, name="worker-heartbeat", daemon=True)
    thread.start()
    return thread
