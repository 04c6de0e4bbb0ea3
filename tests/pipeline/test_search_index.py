"""The trigram index migration: on PostgreSQL it creates the index the `?q=` search uses; on
any other database it does nothing (and says so by leaving the schema as it was)."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.db import connection

migration = importlib.import_module("dealpilot.pipeline.migrations.0002_search_keys_trigram_index")


class _Recorder:
    def __init__(self, vendor: str) -> None:
        self.connection = type("C", (), {"vendor": vendor})()
        self.sql: list[str] = []

    def execute(self, sql: str) -> None:
        self.sql.append(sql)


def test_on_postgresql_it_creates_the_extension_and_a_gin_trigram_index() -> None:
    editor = _Recorder("postgresql")
    migration.create(None, editor)
    assert editor.sql[0] == "CREATE EXTENSION IF NOT EXISTS pg_trgm"
    assert "USING gin (search_keys gin_trgm_ops)" in editor.sql[1]
    migration.drop(None, editor)
    assert editor.sql[-1] == f"DROP INDEX IF EXISTS {migration.INDEX}"


@pytest.mark.parametrize("vendor", ["sqlite", "mysql"])
def test_elsewhere_it_does_nothing(vendor: str) -> None:
    editor = _Recorder(vendor)
    migration.create(None, editor)
    migration.drop(None, editor)
    assert editor.sql == []


@pytest.mark.django_db
def test_the_test_database_has_the_index_exactly_when_it_is_postgresql(db: Any) -> None:
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "deals_opportunity")
    assert (migration.INDEX in indexes) == (connection.vendor == "postgresql")
