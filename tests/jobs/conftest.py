"""The database worker run inside a test."""

from __future__ import annotations

import pytest


@pytest.fixture
def worker_in_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker drops stale connections between tasks; inside a test that would close the
    connection whose transaction holds the test's rows (PostgreSQL then fails every query)."""
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
