"""The operations tests run the app as a server would: separate processes on a database file
(or the PostgreSQL server DATABASE_URL names), with the production settings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SECRET = "ops-tests-" + "k" * 50


def app_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production process on `database_url` (no leak of the test run's)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "DEBUG", "SECRET_KEY_FILE")}
    return {**env, "DJANGO_SETTINGS_MODULE": "dealpilot.web.settings", "PYTHONPATH": str(ROOT),
            "DATABASE_URL": database_url, "SECRET_KEY": SECRET, "DEBUG": "false",
            "LOG_LEVEL": "ERROR", **extra}


def manage(database_url: str, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=app_env(database_url, **extra),
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file with every migration applied, made once and copied for each test."""
    path = tmp_path_factory.mktemp("migrated") / "dealpilot.sqlite3"
    result = manage(f"sqlite:///{path}", "migrate", "--noinput", "-v", "0")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def sqlite_url(migrated_sqlite: Path, tmp_path: Path) -> str:
    path = tmp_path / "dealpilot.sqlite3"
    shutil.copy(migrated_sqlite, path)
    return f"sqlite:///{path}"


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """An empty database on the engine the suite runs on: a new file for SQLite; on PostgreSQL
    (DATABASE_URL set, as in CI) a scratch database beside the suite's, dropped afterwards."""
    url = os.getenv("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    import dj_database_url
    import psycopg

    db = dj_database_url.parse(url)
    scratch = f"{db['NAME']}_ops_{os.getpid()}"
    admin = psycopg.connect(dbname="postgres", user=db["USER"], password=db["PASSWORD"],
                            host=db["HOST"] or None, port=db["PORT"] or None, autocommit=True)
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        admin.execute(f'CREATE DATABASE "{scratch}"')
        try:
            yield url.rsplit("/", 1)[0] + "/" + scratch
        finally:
            _drop(admin, scratch)


def _drop(admin: Any, scratch: str) -> None:
    """Drop the scratch database, ending its sessions. An autovacuum worker the server started on
    it is the server's own process, which our role may not end: wait for it and try again."""
    import psycopg

    for attempt in range(20):
        try:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
            return
        except psycopg.errors.InsufficientPrivilege:
            if attempt == 19:
                raise
            time.sleep(0.5)


@pytest.fixture
def migrated_database_url(empty_database_url: str, migrated_sqlite: Path) -> str:
    """A migrated database on the suite's engine (the SQLite copy is quicker than migrating)."""
    if empty_database_url.startswith("sqlite:///"):
        shutil.copy(migrated_sqlite, empty_database_url.removeprefix("sqlite:///"))
        return empty_database_url
    result = manage(empty_database_url, "migrate", "--noinput", "-v", "0")
    assert result.returncode == 0, result.stderr
    return empty_database_url
