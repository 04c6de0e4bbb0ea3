"""Load test: a team on `make serve` — reps editing their deals, managers reading — then a check
that no save was lost.

Builds a fresh demo database (SQLite in a temporary folder; PostgreSQL when DATABASE_URL is set:
a scratch database beside the one it names), starts the app as `make serve` does (gunicorn with
workers from the core count and the background worker, DEBUG off) on a free port, and runs
locust headless in this process: LOAD_USERS users (default 50; four in five are reps) for
LOAD_SECONDS (default 60). Reps open a deal and answer a checklist question, add a stakeholder,
move the deal to another stage, download its document and upload it changed, or create a deal;
managers read the pipeline, the board and deal reviews.

Prints requests per second, p50 / p95 / p99 for the deal page, a save and the pipeline, and the
errors: any 5xx, "database is locked", a refused request or a network failure. 409 (two people
saved the same deal at once; the later one is told and nothing is overwritten) is counted apart.
Then the lost-update check (in `check.py` terms, on the stopped server's database):
- every save the server acknowledged moved its deal one version on: per deal, the versions it
  went through equal the saves acknowledged for it, and the new deals all exist;
- every deal's change history replays to its stored state: versions without gaps, each change's
  old value the previous change's new value, and the last new value what the deal now holds.

    .venv/bin/python bench/bench_load.py          # BENCH load.* lines; exit 1 on any error
    LOAD_USERS=10 LOAD_SECONDS=10 LOAD_DEALS=60 .venv/bin/python bench/bench_load.py
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# locust patches the standard library for gevent when imported: before requests (and ssl) load.
import locust  # noqa: F401
import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
USERS = int(os.getenv("LOAD_USERS", "50"))
SECONDS = int(os.getenv("LOAD_SECONDS", "60"))
DEALS = int(os.getenv("LOAD_DEALS", "240"))
PERCENTILES = (50, 95, 99)


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def app_env(database_url: str, folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY_FILE")}
    return {**env, "DJANGO_SETTINGS_MODULE": "dealpilot.web.settings", "PYTHONPATH": str(ROOT),
            "DATABASE_URL": database_url, "SECRET_KEY": secrets.token_urlsafe(50), "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1", "SECURE_COOKIES": "false", "STATIC_ROOT": str(folder / "static"),
            "LOG_LEVEL": "ERROR", "HOST": "127.0.0.1"}


def run(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict[str, str], folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`make serve`'s last step (its migrate, collectstatic and demo ran before)."""
    port = free_port()
    log = (folder / "serve.log").open("wb")
    server = subprocess.Popen([PYTHON, "-m", "dealpilot.ops.serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped:\n{(folder / 'serve.log').read_text()[-3000:]}")
        try:
            if requests.get(base + "/healthz", timeout=10).status_code == 200:
                return server, base
        except requests.RequestException:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"/healthz was not healthy in 120 s:\n{(folder / 'serve.log').read_text()[-3000:]}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()


def percentile(values: list[float], p: int) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def scratch_postgres(url: str) -> tuple[str, Any]:
    """A fresh database beside the one DATABASE_URL names, and how to drop it."""
    import dj_database_url
    import psycopg

    db = dj_database_url.parse(url)
    name = f"{db['NAME']}_load_{os.getpid()}"
    admin = psycopg.connect(dbname="postgres", user=db["USER"], password=db["PASSWORD"],
                            host=db["HOST"] or None, port=db["PORT"] or None, autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return url.rsplit("/", 1)[0] + "/" + name, drop


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="dealpilot-load-") as tmp:
        folder = Path(tmp)
        url = os.getenv("DATABASE_URL", "")
        drop = None
        if url.startswith(("postgres://", "postgresql://")):
            url, drop = scratch_postgres(url)
            engine = "postgresql"
        else:
            url, engine = f"sqlite:///{folder / 'load.sqlite3'}", "sqlite"
        try:
            return measure(app_env(url, folder), folder, engine)
        finally:
            if drop:
                drop()


def measure(env: dict[str, str], folder: Path, engine: str) -> int:
    say(f"Building a {DEALS}-deal demo on {engine} ...")
    run(env, "manage.py", "migrate", "--noinput", "-v", "0")
    run(env, "manage.py", "collectstatic", "--noinput", "-v", "0")
    run(env, "-c", "from dealpilot.cli import main; main()", "demo", "--deals", str(DEALS))
    plan = json.loads(run(env, "bench/load_check.py", "plan").strip().splitlines()[-1])
    server, base = start_server(env, folder)
    try:
        from bench.load_users import run_load

        outcome = run_load(base, plan, USERS, SECONDS)
    finally:
        stop_server(server)
    problems = json.loads(run(env, "bench/load_check.py", "check", json.dumps(outcome["acknowledged"])))
    return report(outcome, problems, engine)


def report(outcome: dict[str, Any], problems: dict[str, Any], engine: str) -> int:
    times, errors = outcome["times"], outcome["errors"]
    total = sum(len(v) for v in times.values())
    rps = total / outcome["seconds"]
    say(f"\n{USERS} users for {outcome['seconds']:.0f} s on {engine}: {total} requests, {rps:.1f} requests/s, "
        f"{len(errors)} errors, {outcome['conflicts']} conflicts (409, nothing overwritten)")
    saves = [t for name, values in times.items() if name.startswith("save") for t in values]
    rows = {"deal page": times.get("deal page", []), "a save": saves, "pipeline": times.get("pipeline", [])}
    for name, values in rows.items():
        figures = " ".join(f"p{p}={percentile(values, p):.0f} ms" for p in PERCENTILES)
        say(f"  {name:<10} {len(values):>6} requests  {figures}")
    for name, values in sorted(times.items()):
        say(f"    {name:<18} {len(values):>6}")
    for error in errors[:10]:
        say(f"  error: {error}")
    say(f"Lost-update check: {problems['deals']} deals, {problems['saves']} acknowledged saves, "
        f"{problems['changes']} changes replayed, {problems['final_values']} stored values compared")
    for problem in problems["problems"][:10]:
        say(f"  lost update: {problem}")
    tag = "" if engine == "sqlite" else f".{engine}"
    say(f"BENCH load{tag}.requests_per_second value={rps:.1f}")
    for name, values in rows.items():
        key = name.replace("a save", "save").replace(" ", "_")
        say(f"BENCH load{tag}.{key}_p95_ms value={percentile(values, 95):.0f}")
    locked = sum("database is locked" in e for e in errors)
    say(f"BENCH load{tag}.errors ratio={len(errors)} target=0")
    say(f"BENCH load{tag}.database_locked ratio={locked} target=0")
    say(f"BENCH load{tag}.lost_updates ratio={len(problems['problems'])} target=0")
    return 1 if errors or problems["problems"] else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
