"""Upgrades keep every deal: a database made with an earlier release (tests/ops/fixtures) takes
every later migration cleanly, and no model change is left without its migration."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from tests.ops.conftest import PYTHON, ROOT, app_env, manage

FIXTURE = Path(__file__).parent / "fixtures" / "upgrade-0.1.0"


def _upgrade_tool(database_url: str, *args: str) -> str:
    result = subprocess.run([PYTHON, "tests/ops/upgrade.py", *args], cwd=ROOT, env=app_env(database_url),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _deals(database_url: str) -> list[dict[str, Any]]:
    return json.loads(_upgrade_tool(database_url, "report").strip().splitlines()[-1])


def test_the_earlier_release_migrates_to_the_latest_and_keeps_every_deal(empty_database_url: str) -> None:
    recorded = json.loads((FIXTURE / "state.json").read_text(encoding="utf-8"))["deals"]
    assert len(recorded) == 12
    _upgrade_tool(empty_database_url, "prepare", str(FIXTURE))
    assert _deals(empty_database_url) == recorded, "the fixture did not load as it was made"

    migrated = manage(empty_database_url, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    assert manage(empty_database_url, "migrate", "--check").returncode == 0

    assert _deals(empty_database_url) == recorded


def test_every_model_change_has_its_migration(tmp_path: Path) -> None:
    result = manage(f"sqlite:///{tmp_path / 'db.sqlite3'}", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, "a model changed without a migration:\n" + result.stdout + result.stderr
