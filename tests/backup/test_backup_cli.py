"""`dealpilot backup` and `dealpilot restore` as an administrator runs them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.db import connection

from dealpilot.audit.models import AuditEvent
from dealpilot.backup import archive
from dealpilot.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_backup_writes_the_archive_and_records_it(workspace: Any, tmp_path: Path) -> None:
    out = tmp_path / "nightly.zip"
    result = _run("backup", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("backup: ") and "rows →" in result.output
    assert zipfile.ZipFile(out).testzip() is None
    assert not (tmp_path / "nightly.zip.partial").exists()
    [event] = AuditEvent.objects.filter(action="backup")
    assert event.target == str(out) and event.detail["via"] == "command line" and event.detail["host"]


def test_backup_into_a_folder_that_does_not_exist_says_so(workspace: Any, tmp_path: Path) -> None:
    result = _run("backup", str(tmp_path / "no" / "such" / "b.zip"))
    assert result.exit_code == 1 and "cannot write" in result.output


def test_restore_refuses_a_database_with_data_and_changes_nothing(workspace: Any, tmp_path: Path) -> None:
    _run("backup", str(tmp_path / "b.zip"))
    events = AuditEvent.objects.count()
    for args in (("restore", str(tmp_path / "b.zip")), ("restore", "--dry-run", str(tmp_path / "b.zip"))):
        result = _run(*args)
        assert result.exit_code == 1
        assert "The database is not empty" in result.output and "nothing was changed" in result.output
    assert AuditEvent.objects.count() == events


def test_restore_refuses_a_file_that_is_no_backup(transactional_db: Any, tmp_path: Path) -> None:
    (tmp_path / "notes.zip").write_text("hello")
    result = _run("restore", str(tmp_path / "notes.zip"))
    assert result.exit_code == 1 and "is not a DealPilot backup" in result.output


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once: PostgreSQL's snapshot")
def test_a_write_committed_while_the_backup_runs_is_not_half_in_it(workspace: Any, tmp_path: Path,
                                                                  monkeypatch: Any) -> None:
    from dealpilot.accounts.models import Team

    written = archive._write_table
    teams_before = Team.objects.count()

    def meanwhile() -> None:
        from django.db import connections

        Team.objects.create(name="备份期间新建的团队")
        connections.close_all()

    def write_table(book: Any, table: Any, using: str) -> int:
        if table.name == "accounts_loginfailure":  # the first table: the snapshot has begun
            worker = threading.Thread(target=meanwhile)
            worker.start()
            worker.join()
        return written(book, table, using)

    monkeypatch.setattr(archive, "_write_table", write_table)
    with zipfile.ZipFile(archive.write_backup(tmp_path / "b.zip").path) as book:
        teams = book.read("tables/accounts_team.jsonl").decode().splitlines()
    assert Team.objects.count() == teams_before + 1  # it was committed
    assert len(teams) == teams_before and "备份期间新建的团队" not in "".join(teams)


@pytest.mark.slow
def test_backup_then_restore_into_a_new_sqlite_database_from_the_command_line(tmp_path: Path) -> None:
    """As an administrator moves to a new server: demo, backup, restore into a file that does not exist."""
    def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "PYTHONPATH": str(ROOT), "DEBUG": "true"}
        return subprocess.run([sys.executable, "-c", "from dealpilot.cli import main; main()", *args], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=300)

    old, new, archive_path = tmp_path / "old.sqlite3", tmp_path / "new.sqlite3", tmp_path / "b.zip"
    assert cli(old, "demo", "--deals", "6").returncode == 0
    assert cli(old, "backup", str(archive_path)).returncode == 0
    done = cli(new, "restore", str(archive_path))
    assert done.returncode == 0, done.stderr
    assert "restore: " in done.stdout

    def tables(path: Path) -> dict[str, list[Any]]:
        db = sqlite3.connect(path)
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                          "AND name NOT IN ('sqlite_sequence', 'django_migrations')")]
        out = {n: sorted(db.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
        # The new database holds one event more, its own restore; the rest must be the same.
        out["audit_auditevent"] = sorted(db.execute(
            "SELECT * FROM audit_auditevent WHERE action != 'restore'").fetchall(), key=repr)
        out["restores"] = db.execute("SELECT count(*) FROM audit_auditevent WHERE action = 'restore'").fetchall()
        out["migrations"] = sorted(db.execute("SELECT app, name FROM django_migrations").fetchall())
        return out

    before, after = tables(old), tables(new)
    assert (before.pop("restores"), after.pop("restores")) == ([(0,)], [(1,)])
    assert len(after["deals_opportunity"]) == 6
    assert after == before
    again = cli(new, "restore", str(archive_path))
    assert again.returncode == 1 and "not empty" in again.stderr


_WRITE_DURING_BACKUP = '''
import sqlite3, sys, threading, zipfile
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from dealpilot.accounts.models import Team
from dealpilot.backup import archive
Team.objects.create(name="before")
db = sys.argv[1]
sqlite3.connect(db).execute("PRAGMA journal_mode=WAL").close()
written = archive._write_table
def write_table(book, table, using):
    if table.name == "accounts_loginfailure":  # the first table: the snapshot has begun
        def meanwhile():
            other = sqlite3.connect(db, timeout=5)
            other.execute("INSERT INTO accounts_team (name) VALUES ('during')")
            other.commit()
        worker = threading.Thread(target=meanwhile)
        worker.start()
        worker.join()
    return written(book, table, using)
archive._write_table = write_table
path = archive.write_backup(sys.argv[2]).path
print(sorted(Team.objects.values_list("name", flat=True)), zipfile.ZipFile(path).read("tables/accounts_team.jsonl"))
'''


def test_on_sqlite_a_save_made_while_the_backup_runs_waits_for_no_one_and_is_not_in_it(tmp_path: Path) -> None:
    db = tmp_path / "live.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "PYTHONPATH": str(ROOT), "DEBUG": "true",
           "DJANGO_SETTINGS_MODULE": "dealpilot.web.settings"}
    done = subprocess.run([sys.executable, "-c", _WRITE_DURING_BACKUP, str(db), str(tmp_path / "b.zip")],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == """['before', 'during'] b'[1, "before"]\\n'"""
