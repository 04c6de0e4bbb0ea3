"""Settings every test database shares."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: Any) -> None:
    """A second alias, `replica`, mirroring the default database (as a read replica would):
    tests that route reads to it prove the code reads through the router, not one connection."""
    from django.conf import settings

    default = settings.DATABASES["default"]
    settings.DATABASES["replica"] = {**default, "TEST": {**default.get("TEST", {}), "MIRROR": "default"}}


@pytest.fixture(autouse=True)
def _jobs_run_at_once(settings: Any) -> None:
    """Background jobs run at `start_job` in tests, so a test sees their outcome at once; the
    worker's own path (database queue, `db_worker`) is tested in tests/jobs."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
