"""A read-only database or a full disk: a clear 503 page (zh and en) or JSON for the API, no
traceback, and nothing already saved is lost — checked on a real SQLite file, the fault made in
the server's process (tests/faults/storage_driver.py) and the file read back afterwards."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import OperationalError

from dealpilot.web.storage import is_storage_fault

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def team_db(tmp_path: Path) -> tuple[dict[str, str], dict[str, Any], Path]:
    path = tmp_path / "team.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(DATABASE_URL=f"sqlite:///{path}", DEBUG="false", SECRET_KEY="k" * 50, ALLOWED_HOSTS="testserver",
               DJANGO_SETTINGS_MODULE="dealpilot.web.settings", PYTHONPATH=str(ROOT))
    return env, json.loads(_drive(env, "prepare")), path


def _drive(env: dict[str, str], *args: str, state: dict[str, Any] | None = None) -> str:
    done = subprocess.run([sys.executable, "-m", "tests.faults.storage_driver", *args], cwd=ROOT, env=env,
                          input=json.dumps(state or {}), capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def _saved(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT criterion, status, evidence FROM deals_answer ORDER BY id").fetchall()


@pytest.mark.parametrize("fault", ["ro", "full"])
def test_a_save_the_database_refuses_shows_what_to_check_and_loses_nothing(team_db: Any, fault: str) -> None:
    env, state, path = team_db
    before = _saved(path)
    zh = json.loads(_drive(env, "post", fault, "zh-hans", state=state))
    assert zh["status"] == 503 and zh["type"].startswith("text/html")
    assert "数据库无法写入" in zh["body"] and "请管理员检查" in zh["body"] and "Traceback" not in zh["body"]
    en = json.loads(_drive(env, "post", fault, "en", state=state))
    assert en["status"] == 503 and "The database cannot be written" in en["body"]
    assert "Administrator: check the free space" in en["body"]
    assert _saved(path) == before and len(before) == 1  # the answer saved earlier is still there
    # Writable again: the same save goes through.
    again = json.loads(_drive(env, "post", "none", "en", state=state))
    assert again["status"] == 200 and [row[0] for row in _saved(path)] == [before[0][0], state["criterion"]]


def test_the_api_answers_json_503_when_the_database_is_read_only(team_db: Any) -> None:
    env, state, _ = team_db
    answer = json.loads(_drive(env, "api", "ro", state=state))
    assert answer["status"] == 503 and answer["type"].startswith("application/json")
    assert "cannot be written" in json.loads(answer["body"])["detail"]


def _wrapped(cause: Exception) -> OperationalError:
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


def test_postgresql_read_only_and_disk_full_errors_are_recognised_and_others_are_not() -> None:
    assert is_storage_fault(_wrapped(psycopg.errors.ReadOnlySqlTransaction("cannot execute UPDATE in a read-only transaction")))
    assert is_storage_fault(_wrapped(psycopg.errors.DiskFull("could not extend file")))
    assert not is_storage_fault(_wrapped(psycopg.errors.UndefinedTable("relation x does not exist")))
    assert not is_storage_fault(OperationalError("database is locked")) and not is_storage_fault(ValueError("full"))
