"""`write_backup` then `restore_backup` into an emptied database gives back every table, row
and column; a non-empty database, another schema version or a file that is no backup are
refused with a clear message and nothing changed. Runs on SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from dealpilot.backup.archive import MANIFEST, write_backup
from dealpilot.backup.restore import RestoreRefused, plan, restore_backup
from dealpilot.deals.models import ChangeRecord, Opportunity
from dealpilot.review.models import AssessmentSnapshot
from tests.backup.world import every_table


def _empty_the_database() -> None:
    # As a new database is after `migrate`: no data, but the rows migrate writes itself
    # (content types, permissions) made again, with ids of their own.
    call_command("flush", interactive=False, verbosity=0)


def test_restore_gives_back_every_table_row_and_column(workspace: Any, tmp_path: Path) -> None:
    assert Opportunity.objects.count() == 12 and ChangeRecord.objects.exists()
    assert AssessmentSnapshot.objects.exists()
    before = every_table()
    summary = write_backup(tmp_path / "backup.zip")
    assert summary.rows == sum(len(rows) for name, rows in before.items() if name != "django_migrations")
    _empty_the_database()
    assert not Opportunity.objects.exists()
    restore_backup(tmp_path / "backup.zip")
    after = every_table()
    assert after.keys() == before.keys()
    different = [name for name in before if before[name] != after[name]]
    assert not different, f"tables not restored exactly: {different}"


def test_new_rows_after_a_restore_get_fresh_ids(workspace: Any, tmp_path: Path) -> None:
    write_backup(tmp_path / "backup.zip")
    highest = max(Opportunity.objects.values_list("pk", flat=True))
    _empty_the_database()
    restore_backup(tmp_path / "backup.zip")
    from tests.web.factories import make_deal

    assert make_deal().pk > highest  # the id sequence continues after the restored rows


def test_a_database_with_data_is_refused_and_left_alone(workspace: Any, tmp_path: Path) -> None:
    write_backup(tmp_path / "backup.zip")
    before = every_table()
    with pytest.raises(RestoreRefused, match=r"The database is not empty: .*auth_user \(\d+ rows\)"):
        restore_backup(tmp_path / "backup.zip")
    assert every_table() == before


def _with_manifest(path: Path, out: Path, change: Any) -> Path:
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == MANIFEST:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
            dst.writestr(item, data)
    return out


def test_a_backup_of_another_schema_version_is_refused_by_name(workspace: Any, tmp_path: Path) -> None:
    good = write_backup(tmp_path / "backup.zip").path
    newer = _with_manifest(good, tmp_path / "newer.zip",
                           lambda m: m["migrations"].append("deals.9999_from_the_future"))
    older = _with_manifest(good, tmp_path / "older.zip", lambda m: m["migrations"].remove("audit.0001_audit_event"))
    _empty_the_database()
    before = every_table()
    with pytest.raises(RestoreRefused, match=r"different schema version.*deals\.9999_from_the_future"):
        restore_backup(newer)
    with pytest.raises(RestoreRefused, match=r"different schema version.*lacks \(audit\.0001_audit_event"):
        restore_backup(older)
    assert every_table() == before
    restore_backup(good)  # the control: the archive itself restores
    assert Opportunity.objects.count() == 12


@pytest.mark.parametrize("content, message", [
    (b"not a zip at all", "not a ZIP archive"),
    (None, "no readable manifest.json"),
])
def test_a_file_that_is_no_backup_is_refused(transactional_db: Any, tmp_path: Path, content: bytes | None,
                                            message: str) -> None:
    path = tmp_path / "x.zip"
    if content is None:
        with zipfile.ZipFile(path, "w") as book:
            book.writestr("hello.txt", "hi")
    else:
        path.write_bytes(content)
    with pytest.raises(RestoreRefused, match=message):
        plan(path)


def test_a_missing_file_is_refused(transactional_db: Any, tmp_path: Path) -> None:
    with pytest.raises(RestoreRefused, match="no such file"):
        plan(tmp_path / "nope.zip")


def test_the_archive_says_what_it_holds(workspace: Any, tmp_path: Path) -> None:
    with zipfile.ZipFile(write_backup(tmp_path / "b.zip").path) as book:
        manifest = json.loads(book.read(MANIFEST))
    tables = {t["table"]: t for t in manifest["tables"]}
    assert {"auth_user", "accounts_team", "deals_opportunity", "deals_changerecord", "review_assessmentsnapshot",
            "audit_auditevent", "django_session", "deals_opportunity_shared_with", "jobs_job"} <= tables.keys()
    assert tables["jobs_job"]["rows"] == 1
    assert tables["django_tasks_database_dbtaskresult"]["rows"] == 1  # its UUID key, JSON arguments
    assert tables["deals_opportunity"]["rows"] == 12
    assert "audit.0001_audit_event" in manifest["migrations"]
    assert manifest["format"] == "dealpilot-backup"


def _damaged(path: Path, out: Path, member: str, change: Any) -> Path:
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, change(data) if item.filename == member else data)
    return out


@pytest.mark.parametrize("member, change, message", [
    ("tables/deals_opportunity.jsonl", lambda data: data[: len(data) // 2], "(JSONDecodeError|UnicodeDecodeError)"),
    # A deal pointing at an account the archive does not have: refused when the keys are checked.
    ("tables/deals_account.jsonl", lambda data: b"", "IntegrityError"),
])
def test_a_damaged_archive_is_refused_and_nothing_is_written(workspace: Any, tmp_path: Path, member: str,
                                                             change: Any, message: str) -> None:
    good = write_backup(tmp_path / "backup.zip").path
    bad = _damaged(good, tmp_path / "bad.zip", member, change)
    _empty_the_database()
    before = every_table()
    with pytest.raises(RestoreRefused, match=rf"could not be restored, nothing was written: {message}"):
        restore_backup(bad)
    assert every_table() == before
