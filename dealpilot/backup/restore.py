"""Restore an archive into an empty database: same schema version or a clear refusal, then
every row back with its own primary key, in one transaction (all or nothing)."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DatabaseError, connections, transaction

from dealpilot.backup.archive import FORMAT, FORMAT_VERSION, MANIFEST, BackupError, table_member
from dealpilot.backup.columns import decoder
from dealpilot.backup.tables import (
    MADE_BY_MIGRATE,
    Table,
    applied_migrations,
    code_migrations,
    tables,
)

_BATCH = 500


class RestoreRefused(BackupError):
    """The database or the archive is not fit for a restore; nothing was changed."""


@dataclass
class Plan:
    manifest: dict[str, Any]
    migrate_first: bool

    @property
    def rows(self) -> int:
        return sum(t["rows"] for t in self.manifest["tables"])


def read_manifest(book: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(book.read(MANIFEST))
    except (KeyError, ValueError):
        raise RestoreRefused(f"{path} is not a DealPilot backup (no readable {MANIFEST}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise RestoreRefused(f"{path} is not a DealPilot backup.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise RestoreRefused(f"{path} is a backup in format {manifest.get('format_version')}; this release "
                             f"reads format {FORMAT_VERSION}.")
    return manifest


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise RestoreRefused(f"{path}: no such file.") from None
    except (zipfile.BadZipFile, OSError):
        raise RestoreRefused(f"{path} is not a DealPilot backup (not a ZIP archive).") from None


def _difference(archive: list[str], here: list[str]) -> str:
    missing, extra = sorted(set(archive) - set(here)), sorted(set(here) - set(archive))
    parts = []
    if missing:
        parts.append(f"the archive has {len(missing)} migration(s) this one lacks ({', '.join(missing[:3])}…)")
    if extra:
        parts.append(f"this one has {len(extra)} migration(s) the archive lacks ({', '.join(extra[:3])}…)")
    return "; ".join(parts)


def _check_schema(manifest: dict[str, Any], using: str) -> bool:
    """True when the database has no tables yet and must be migrated first."""
    archived = manifest["migrations"]
    applied = applied_migrations(using)
    here, what = (applied, "database") if applied else (code_migrations(using), "installation")
    if set(archived) != set(here):
        raise RestoreRefused(
            f"The backup was made at a different schema version than this {what}: "
            f"{_difference(archived, here).replace('this one', f'this {what}')}. Restore it with the "
            f"DealPilot release that made it (into an empty database), then upgrade with `migrate`.")
    return not applied


def _check_empty(using: str) -> None:
    filled = [(t.name, n) for t in tables(using) if t.name not in MADE_BY_MIGRATE
              and (n := t.model._base_manager.using(using).count())]
    if filled:
        listed = ", ".join(f"{name} ({n} rows)" for name, n in filled[:5])
        raise RestoreRefused(f"The database is not empty: {listed}{' …' if len(filled) > 5 else ''}. "
                             f"Restore only into an empty database (a new one, migrated or not); "
                             f"nothing was changed.")


def plan(path: Path, using: str = "default") -> Plan:
    """Every check a restore makes, without changing anything (`restore --dry-run`)."""
    with _open(Path(path)) as book:
        manifest = read_manifest(book, Path(path))
    migrate_first = _check_schema(manifest, using)
    if not migrate_first:
        _check_empty(using)
    return Plan(manifest, migrate_first)


def _rows(book: zipfile.ZipFile, name: str) -> Iterator[list[Any]]:
    with book.open(table_member(name)) as lines:
        for line in lines:
            yield json.loads(line)


def _load_table(book: zipfile.ZipFile, described: dict[str, Any], table: Table, using: str) -> None:
    connection = connections[using]
    if described["columns"] != table.columns:
        raise RestoreRefused(f"table {table.name}: the archive's columns differ from this database's.")
    decoders = [decoder(k) for k in described["kinds"]]
    qn = connection.ops.quote_name
    sql = (f"INSERT INTO {qn(table.name)} ({', '.join(qn(c) for c in table.columns)}) "
           f"VALUES ({', '.join(['%s'] * len(table.columns))})")
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for row in _rows(book, table.name):
            batch.append([field.get_db_prep_save(dec(v), connection)
                          for field, dec, v in zip(table.fields, decoders, row, strict=True)])
            if len(batch) >= _BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def restore_backup(path: Path, using: str = "default") -> Plan:
    """Load the archive at `path` into the (empty) database; refuse with RestoreRefused otherwise."""
    path = Path(path)
    checked = plan(path, using)
    if checked.migrate_first:
        call_command("migrate", database=using, interactive=False, verbosity=0)
        _check_empty(using)
    try:
        _load(path, checked, using)
    except (ValueError, KeyError, TypeError, zipfile.BadZipFile, DatabaseError) as exc:
        # A damaged archive (cut short, edited by hand) or rows the database refuses at commit:
        # the transaction is rolled back, the database stays as empty as it was.
        raise RestoreRefused(f"{path} could not be restored, nothing was written: {exc.__class__.__name__}: "
                             f"{str(exc)[:300]}") from None
    return checked


def _load(path: Path, checked: Plan, using: str) -> None:
    here = {t.name: t for t in tables(using)}
    connection = connections[using]
    with _open(path) as book, transaction.atomic(using=using):
        with connection.cursor() as cursor:
            for name in MADE_BY_MIGRATE & set(here):
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(name)}")
        for described in checked.manifest["tables"]:
            if described["table"] not in here:
                raise RestoreRefused(f"table {described['table']} of the archive does not exist here.")
            _load_table(book, described, here[described["table"]], using)
        # Foreign keys are checked at commit (Django creates them deferrable), so the order of
        # the tables does not matter; the id sequences must continue after the restored rows.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [t.model for t in here.values()]):
                cursor.execute(statement)
