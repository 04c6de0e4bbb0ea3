"""What the backup tests compare with, read independently of the code under test."""

from __future__ import annotations

from typing import Any

from django.db import connection

from dealpilot.jobs import job_function

QUEUED_KIND = "backup_test_job"


@job_function(QUEUED_KIND)
def _queued_job(job: Any, progress: Any) -> None:
    return None


def every_table() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, all columns, read with plain SQL (not the code under test).
    The migration table is compared by its (app, name) pairs: `applied` is when migrate ran."""
    out = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            columns = "app, name" if table == "django_migrations" else "*"
            cursor.execute(f"SELECT {columns} FROM {connection.ops.quote_name(table)}")
            out[table] = sorted((tuple(row) for row in cursor.fetchall()), key=repr)
    return out
