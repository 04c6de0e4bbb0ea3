"""gunicorn's settings for `make serve` and the systemd unit (`gunicorn -c` this file).

Read from the environment like the app's settings: HOST (default 0.0.0.0, every interface of the
LAN), PORT (8000), WEB_CONCURRENCY (worker processes; default two per core plus one, at most 9),
GUNICORN_TIMEOUT (seconds a request may take before its worker is restarted, default 60).
"""

from __future__ import annotations

import os


def _whole(name: str, default: int) -> int:
    value = os.getenv(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"{name} must be a whole number of 1 or more, not {value!r}")
    return int(value)


def default_workers(cores: int | None) -> int:
    # Requests mostly wait on the database and templates, so more processes than cores; capped
    # because every worker holds its own copy of the app in memory.
    return min(2 * (cores or 1) + 1, 9)


bind = f"{os.getenv('HOST', '').strip() or '0.0.0.0'}:{_whole('PORT', 8000)}"
workers = _whole("WEB_CONCURRENCY", default_workers(os.cpu_count()))
timeout = _whole("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
# A worker is replaced after this many requests: memory a long-lived process gathers is returned.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# The workers' heartbeat files: in memory, so a slow disk cannot make gunicorn think they hang.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# gunicorn's runtime control socket is one fixed path per user: two servers on one machine (two
# checkouts, or the tests' pair) would take it from each other, and nothing here uses it.
control_socket_disable = True
