"""Saves at the same moment wait for each other on SQLite instead of failing with "database is
locked": reps create deals together through the new-deal form, one connection each."""

from __future__ import annotations

import json
import subprocess

from tests.ops.conftest import PYTHON, ROOT, app_env


def test_eight_reps_creating_deals_at_the_same_moment_all_succeed(sqlite_url: str) -> None:
    # 8 × 10 as in the report that found the failure (55 of 160 were lost there).
    result = subprocess.run([PYTHON, "tests/ops/concurrent_deals.py", "8", "10"], cwd=ROOT,
                            env=app_env(sqlite_url, ALLOWED_HOSTS="testserver", LOG_LEVEL="CRITICAL"),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"created": 80, "failed": 0, "errors": []}
