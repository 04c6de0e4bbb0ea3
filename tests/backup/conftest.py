"""A realistic workspace to back up: the demo company (users, teams, deals with every list,
history, snapshots), plus a session, sign-in events and a job waiting in the queue."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.jobs import start_job
from tests.backup.world import QUEUED_KIND
from tests.web.conftest import fast_passwords  # noqa: F401  (shared fixture)


@pytest.fixture
def workspace(transactional_db: Any, client: Any, settings: Any) -> None:
    from django.contrib.auth.models import User

    from dealpilot.deals.demo import build_demo

    build_demo(deals=12, seed=7)
    client.post("/accounts/login/", {"username": "rep1", "password": "dealpilot-demo"})  # a session, a login event
    # A job waiting in the database queue (its row and django-tasks' own).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    start_job(QUEUED_KIND, owner=User.objects.get(username="rep1"), params={"日期": "2026-12-01"},
              label="队列里的任务")
