"""A realistic workspace to back up: the demo company (users, teams, deals with every list,
history, snapshots), plus a saved view, an audit event and a session."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from tests.web.conftest import fast_passwords  # noqa: F401  (shared fixture)


@pytest.fixture
def workspace(transactional_db: Any, client: Any) -> None:
    from dealpilot.deals.demo import build_demo

    build_demo(deals=12, seed=7)
    client.post("/accounts/login/", {"username": "rep1", "password": "dealpilot-demo"})  # a session, a login event


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
