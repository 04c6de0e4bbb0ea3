"""A trigram index for the pipeline's `?q=` search on PostgreSQL; nothing on other databases.

The search is `search_keys LIKE '%…%'` (a substring anywhere, Chinese or pinyin), which a B-tree
cannot answer; pg_trgm's GIN index can. SQLite has no such index and scans the column, which at
100,000 deals stays within the pipeline's budget (see docs/pipeline.md).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

INDEX = "deal_search_keys_trgm_idx"


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON deals_opportunity USING gin (search_keys gin_trgm_ops)")


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("pipeline", "0001_exchange_rates_and_saved_views"),
        ("deals", "0007_pipeline_indexes_owner_team_and_score_visible"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
