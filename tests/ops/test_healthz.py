"""`/healthz` for load balancers: JSON, no login, 200 when the database answers, every migration
is applied and a worker beat recently; 503 naming what is wrong otherwise."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from dealpilot.ops.heartbeat import beat
from dealpilot.ops.models import WorkerHeartbeat
from tests.ops.conftest import manage

pytestmark = pytest.mark.django_db


def _health(client: Any) -> tuple[int, dict[str, Any]]:
    response = client.get("/healthz")
    assert response["Content-Type"] == "application/json"
    return response.status_code, response.json()


def test_healthy_when_the_database_answers_migrations_are_applied_and_a_worker_beat(client: Any) -> None:
    beat("worker-1")
    assert _health(client) == (200, {"status": "ok", "checks": {
        "database": "ok", "migrations": "ok", "worker": "ok"}})


def test_no_worker_ever_seen_is_unhealthy(client: Any) -> None:
    assert _health(client) == (503, {"status": "fail", "checks": {
        "database": "ok", "migrations": "ok", "worker": "never seen"}})


def test_a_worker_silent_for_longer_than_allowed_is_unhealthy(client: Any, settings: Any) -> None:
    settings.WORKER_STALE_AFTER = 60
    WorkerHeartbeat.objects.create(worker_id="gone", seen_at=timezone.now() - dt.timedelta(seconds=125))
    status, body = _health(client)
    assert status == 503 and body["checks"]["worker"] == "last seen 125 s ago"
    beat("another")  # a second worker alive is enough
    assert _health(client)[0] == 200


def test_a_migration_not_applied_is_unhealthy(client: Any) -> None:
    beat("worker-1")
    MigrationRecorder(connection).migration_qs.filter(app="ops").delete()
    status, body = _health(client)
    assert status == 503 and body["checks"]["migrations"] == "1 not applied"


def test_heartbeats_of_workers_gone_for_a_day_are_forgotten() -> None:
    WorkerHeartbeat.objects.create(worker_id="old", seen_at=timezone.now() - dt.timedelta(days=2))
    beat("new")
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["new"]


def test_only_get_is_answered(client: Any) -> None:
    assert client.post("/healthz").status_code == 405


def test_an_unreachable_database_is_reported_and_nothing_else_is_tried(tmp_path: Any) -> None:
    # A PostgreSQL server nobody listens for: the app process itself still answers.
    code = ("from django.test import Client; r = Client().get('/healthz'); "
            "print(r.status_code, r.content.decode())")
    result = manage("postgres://nobody:x@127.0.0.1:1/none", "shell", "-v", "0", "-c", code,
                    ALLOWED_HOSTS="testserver")
    status, body = result.stdout.strip().split(" ", 1)
    assert (status, json.loads(body)) == ("503", {"status": "fail", "checks": {
        "database": "unreachable", "migrations": "skipped", "worker": "skipped"}}), result.stderr


def test_the_worker_command_is_the_one_with_the_heartbeat() -> None:
    from django.core.management import get_commands

    # django_tasks_db has a db_worker too: ours must be the one `jobs_worker` and `make serve` run.
    assert get_commands()["db_worker"] == "dealpilot.ops"
