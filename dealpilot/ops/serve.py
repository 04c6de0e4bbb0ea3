"""`make serve`: the app under gunicorn and the background-job worker, started together and
stopped together (Ctrl-C, SIGTERM, or either of them exiting stops the other).

Run as `python -m dealpilot.ops.serve [--port N]` from the checkout, after the migrations and
`collectstatic` (the Makefile does both first). Production settings: DEBUG is forced off; unless
set, ALLOWED_HOSTS is this machine's names and LAN addresses, and cookies are not marked secure
because gunicorn speaks plain HTTP (behind an HTTPS proxy set SECURE_COOKIES=true).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

from dealpilot.ops.hosts import lan_hosts

ROOT = Path(__file__).resolve().parent.parent.parent
STOP_WAIT = 40  # seconds the two get to finish their requests and job before they are killed


def child_env(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env["DEBUG"] = "false"
    env["PORT"] = str(port)
    env.setdefault("DJANGO_SETTINGS_MODULE", "dealpilot.web.settings")
    if not env.get("ALLOWED_HOSTS", "").strip():
        env["ALLOWED_HOSTS"] = ",".join(lan_hosts())
    if not env.get("SECURE_COOKIES", "").strip():
        env["SECURE_COOKIES"] = "false"
    return env


def commands() -> dict[str, list[str]]:
    return {
        "web": [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "dealpilot/web/gunicorn_conf.py"),
                "dealpilot.web.wsgi:application"],
        # The project's worker: recovers jobs a dead worker left running, then runs the queue.
        "worker": [sys.executable, str(ROOT / "manage.py"), "jobs_worker"],
    }


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def serve(port: int) -> int:
    env = child_env(port)
    stopping: list[int] = []

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    # Own sessions: Ctrl-C reaches this process only, and each child gets one SIGTERM from it
    # (a second signal would make the worker abandon the job it is running).
    children = {name: subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)
                for name, cmd in commands().items()}
    say(f"DealPilot is serving on port {port} for {env['ALLOWED_HOSTS']} "
        f"(web pid {children['web'].pid}, worker pid {children['worker'].pid}); Ctrl-C stops both.")
    first_exit: tuple[str, int] | None = None
    while not stopping and first_exit is None:
        for name, child in children.items():
            if child.poll() is not None:
                first_exit = (name, child.returncode)
                break
        time.sleep(0.2)
    if first_exit:
        say(f"The {first_exit[0]} process stopped (exit {first_exit[1]}): stopping the other.")
    for child in children.values():
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + STOP_WAIT
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    say("DealPilot stopped.")
    return 0 if stopping and not first_exit else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dealpilot.ops.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=None, help="default: $PORT, else 8000")
    port = parser.parse_args(argv).port
    if port is None:
        text = os.getenv("PORT", "").strip() or "8000"
        if not text.isdigit():
            parser.error(f"PORT must be a whole number, not {text!r}")
        port = int(text)
    return serve(port)


if __name__ == "__main__":
    sys.exit(main())
