"""App servers for the operations tests: gunicorn with the production settings on a free port."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from tests.ops.conftest import PYTHON, ROOT, app_env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            requests.get(url, timeout=15)
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.3)
    raise AssertionError(f"the server did not answer {url} in {seconds} s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def gunicorn(database_url: str, log: Path, workers: int = 1, **env: str) -> Iterator[str]:
    """A production app server on `database_url`; yields its base URL."""
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "dealpilot/web/gunicorn_conf.py", "dealpilot.web.wsgi:application"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            env=app_env(database_url, HOST="127.0.0.1", PORT=str(port), WEB_CONCURRENCY=str(workers),
                        ALLOWED_HOSTS="127.0.0.1", SECURE_COOKIES="false", **env))
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/healthz", process, log)
            yield base
        finally:
            stop(process)
