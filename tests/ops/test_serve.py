"""`make serve`'s last step (python -m dealpilot.ops.serve): the app and the worker start
together, /healthz sees both, and they stop together — on Ctrl-C, or when either one dies."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from tests.ops.conftest import PYTHON, ROOT, app_env
from tests.ops.servers import free_port, stop


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that exited but was not yet reaped is a zombie, not alive.
    return "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()


def _gone(pids: list[int], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.2)
    return False


@contextmanager
def serving(database_url: str, log: Path) -> Iterator[tuple[subprocess.Popen[bytes], str, dict[str, int]]]:
    port = free_port()
    env = app_env(database_url, HOST="127.0.0.1", WEB_CONCURRENCY="1", ALLOWED_HOSTS="")
    with log.open("wb") as out:
        server = subprocess.Popen([PYTHON, "-m", "dealpilot.ops.serve", "--port", str(port)], cwd=ROOT, env=env,
                                  stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline, health = time.monotonic() + 120, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                health = requests.get(base + "/healthz", timeout=10)
                if health.status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        assert health is not None and health.status_code == 200, log.read_text()[-3000:]
        found = re.search(r"web pid (\d+), worker pid (\d+)", log.read_text())
        assert found, log.read_text()
        yield server, base, {"web": int(found.group(1)), "worker": int(found.group(2))}
    finally:
        stop(server)


def test_the_app_and_the_worker_start_together_and_ctrl_c_stops_both(migrated_database_url: str,
                                                                    tmp_path: Path) -> None:
    with serving(migrated_database_url, tmp_path / "serve.log") as (server, base, pids):
        assert requests.get(base + "/healthz", timeout=10).json()["checks"]["worker"] == "ok"
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=60) == 0
        assert _gone(list(pids.values())), f"still running: {pids}"


@pytest.mark.parametrize("dies", ["worker", "web"])
def test_when_one_dies_the_other_is_stopped(migrated_database_url: str, tmp_path: Path, dies: str) -> None:
    with serving(migrated_database_url, tmp_path / "serve.log") as (server, _base, pids):
        os.kill(pids[dies], signal.SIGKILL)
        assert server.wait(timeout=60) == 1
        assert _gone(list(pids.values())), f"still running: {pids}"
        assert f"The {dies} process stopped" in (tmp_path / "serve.log").read_text()
