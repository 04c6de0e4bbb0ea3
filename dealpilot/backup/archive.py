"""Write an archive: every table, read in one transaction (a consistent snapshot while the app
keeps running), streamed row by row into the ZIP so memory stays flat whatever the size."""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections, transaction
from django.utils import timezone

from dealpilot import __version__
from dealpilot.backup.columns import encoder, kind
from dealpilot.backup.tables import Table, applied_migrations, tables

FORMAT = "dealpilot-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
_CHUNK = 2000


class BackupError(Exception):
    """The archive cannot be written or read; the message says why, for the person running it."""


@dataclass
class Summary:
    tables: int
    rows: int
    path: Path


def table_member(name: str) -> str:
    return f"tables/{name}.jsonl"


@contextmanager
def read_snapshot(using: str) -> Iterator[None]:
    """One read transaction: every SELECT inside sees the database as it was when it began.

    PostgreSQL: REPEATABLE READ as the transaction's first statement (its default READ COMMITTED
    would let each table move on while the next is read). SQLite: a deferred BEGIN, whose first
    read fixes the snapshot (WAL) or holds the shared lock (rollback journal) — not `atomic()`,
    which under `transaction_mode: IMMEDIATE` would take the write lock and make every save wait
    for the whole backup. Inside a transaction someone else opened (a test's), that one decides.
    """
    connection = connections[using]
    outermost = not connection.in_atomic_block
    if connection.vendor == "sqlite" and outermost:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
        return
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _write_table(book: zipfile.ZipFile, table: Table, using: str) -> int:
    encoders = [encoder(kind(f)) for f in table.fields]
    rows = (table.model._base_manager.using(using).order_by("pk")
            .values_list(*[f.attname for f in table.fields]).iterator(chunk_size=_CHUNK))
    count = 0
    with book.open(table_member(table.name), "w", force_zip64=True) as out:
        for row in rows:
            line = json.dumps([enc(v) for enc, v in zip(encoders, row, strict=True)], ensure_ascii=False)
            out.write(line.encode("utf-8") + b"\n")
            count += 1
    return count


def write_backup(path: Path, using: str = "default") -> Summary:
    """Write the whole database to `path` (replaced only once the archive is complete)."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    manifest: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION, "dealpilot": __version__,
                                "created_at": timezone.now().isoformat(), "vendor": connections[using].vendor}
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as book:
            with read_snapshot(using):
                manifest["migrations"] = applied_migrations(using)
                described = []
                for table in tables(using):
                    described.append({"table": table.name, **table.describe(),
                                      "rows": _write_table(book, table, using)})
                manifest["tables"] = described
            book.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Summary(tables=len(described), rows=sum(t["rows"] for t in described), path=path)
