"""A short run of the load test (bench/bench_load.py: 10 users for 10 s on a small demo, against
the servers `make serve` starts): no error, no "database is locked", no lost update."""

from __future__ import annotations

import os
import subprocess

from tests.ops.conftest import PYTHON, ROOT


def test_ten_users_for_ten_seconds_make_no_error_and_lose_no_update() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(LOAD_USERS="10", LOAD_SECONDS="10", LOAD_DEALS="40", PYTHONPATH=str(ROOT))
    result = subprocess.run([PYTHON, "bench/bench_load.py"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=900)
    out = result.stdout
    assert result.returncode == 0, out[-4000:] + result.stderr[-3000:]
    prefix = "load.postgresql" if os.getenv("DATABASE_URL", "").startswith("postgres") else "load"
    for line in ("errors ratio=0 target=0", "database_locked ratio=0 target=0", "lost_updates ratio=0 target=0"):
        assert f"BENCH {prefix}.{line}" in out, out[-4000:]
    saves = next(line for line in out.splitlines() if line.startswith("Lost-update check:"))
    assert " 0 acknowledged saves" not in saves, "the run saved nothing, so it proved nothing"
