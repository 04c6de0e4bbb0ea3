"""What an archive holds: every concrete table of every installed app, and the schema state
(the migrations applied) that its rows belong to."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Field, Model

from dealpilot.backup.columns import kind

# Rows `migrate` writes by itself into a new database; restore replaces them with the archive's
# (their ids must match the rows that point at them: admin log entries, permissions).
MADE_BY_MIGRATE = {"django_content_type", "auth_permission"}


@dataclass(frozen=True)
class Table:
    model: type[Model]
    fields: tuple[Field, ...]

    @property
    def name(self) -> str:
        return self.model._meta.db_table

    @property
    def columns(self) -> list[str]:
        return [f.column for f in self.fields]

    def describe(self) -> dict[str, object]:
        return {"model": self.model._meta.label, "columns": self.columns,
                "kinds": [kind(f) for f in self.fields]}


def tables(using: str = "default") -> list[Table]:
    """Every table that exists in the database and belongs to a model (m2m link tables included),
    in a stable order."""
    existing = set(connections[using].introspection.table_names())
    seen: dict[str, Table] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table not in existing or meta.db_table in seen:
            continue
        seen[meta.db_table] = Table(model, tuple(meta.local_concrete_fields))
    return [seen[name] for name in sorted(seen)]


def applied_migrations(using: str = "default") -> list[str]:
    """The migrations this database has applied, as `app.name`, sorted."""
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return []
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def code_migrations(using: str = "default") -> list[str]:
    """The migrations this installation's code has, as `migrate` would apply them to a new database."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.graph.nodes)
