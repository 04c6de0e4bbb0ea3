"""The server killed with SIGKILL in the middle of saves and document uploads, then started
again: the database is whole — no half-written deal, no orphan rows, every deal's version
matches its change history — and the restarted server answers.

Real processes on a real database file: gunicorn (two workers) serving the app, reps saving
checklist answers and uploading new deals from threads, and SIGKILL to the whole server while
requests are in flight."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "dealpilot-demo"
EXAMPLE = (ROOT / "dealpilot/engine/examples/deal.zh.yaml").read_text(encoding="utf-8")
CRITERIA = ["pain_will_act", "pain_top_priority", "pain_confirmed_with_owner", "pain_wider_impact"]
STATUSES = ["yes", "partly", "no", "unknown"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'team.sqlite3'}", DEBUG="false", SECRET_KEY="k" * 50,
               ALLOWED_HOSTS="127.0.0.1", DJANGO_SETTINGS_MODULE="dealpilot.web.settings",
               PYTHONPATH=str(ROOT), LOGIN_MAX_FAILURES="1000")
    for command in ([sys.executable, "manage.py", "migrate", "-v", "0"],
                    [str(BIN / "dealpilot"), "demo", "--deals", "24"]):
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return env


class Server:
    def __init__(self, env: dict[str, str]) -> None:
        self.env, self.port = env, free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "dealpilot.web.wsgi", "-w", "2", "-b", f"127.0.0.1:{self.port}",
             "--timeout", "60"], cwd=ROOT, env=self.env, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{self.url}/accounts/login/", timeout=2)
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


@pytest.fixture
def server(server_env: dict[str, str]) -> Iterator[Server]:
    srv = Server(server_env)
    yield srv
    if srv.process and srv.process.poll() is None:
        srv.kill()


class Rep:
    """A browser-like client: cookies, CSRF token, form posts."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.get("/accounts/login/")
        self.post("/accounts/login/", {"username": username, "password": PASSWORD})

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, path: str) -> str:
        return self.opener.open(self.base + path, timeout=30).read().decode()

    def post(self, path: str, fields: dict[str, str], files: dict[str, str] | None = None) -> int:
        headers = {"X-CSRFToken": self.csrf(), "Referer": self.base + path}
        if files:
            boundary = "----dealpilot-fault-test"
            parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                     for k, v in fields.items()]
            parts += [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="deal.yaml"\r\n'
                      f"Content-Type: application/x-yaml\r\n\r\n{v}\r\n" for k, v in files.items()]
            body = ("".join(parts) + f"--{boundary}--\r\n").encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.csrf()}).encode()
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            return self.opener.open(request, timeout=30).status
        except urllib.error.HTTPError as exc:
            return exc.code


def hammer(rep: Rep, deal_ids: list[int], stop: threading.Event, counts: dict[str, int], n: int) -> None:
    i = 0
    while not stop.is_set():
        i += 1
        try:
            if i % 4 == 0:  # a new deal from a document
                document = EXAMPLE.replace("OPP-2026-0418", f"KILL-{n}-{i}").replace("name: ", f"name: 断电{n}-{i}", 1)
                rep.post("/deals/upload/", {"csrfmiddlewaretoken": rep.csrf()}, files={"document": document})
                counts["uploads"] += 1
            else:
                pk = deal_ids[i % len(deal_ids)]
                version = re.search(r'id="deal-version" name="version" value="(\d+)"', rep.get(f"/deals/{pk}/"))
                if version:
                    rep.post(f"/deals/{pk}/answers/{CRITERIA[i % 4]}/",
                             {"version": version.group(1), "status": STATUSES[i % 4]})
                    counts["saves"] += 1
        except (OSError, urllib.error.URLError, StopIteration):
            pass  # the server is being killed


def own_deals(db: Path, username: str) -> list[int]:
    with sqlite3.connect(db) as con:
        return [r[0] for r in con.execute(
            "SELECT o.id FROM deals_opportunity o JOIN auth_user u ON u.id = o.owner_id WHERE u.username = ?",
            (username,))]


def test_a_server_killed_mid_save_and_mid_upload_leaves_a_whole_database(server: Server, tmp_path: Path) -> None:
    db = tmp_path / "team.sqlite3"
    server.start()
    reps = [Rep(server.url, name) for name in ("rep1", "rep2", "rep4")]
    stop, counts = threading.Event(), {"saves": 0, "uploads": 0}
    threads = [threading.Thread(target=hammer, args=(rep, own_deals(db, name), stop, counts, n), daemon=True)
               for n, (rep, name) in enumerate(zip(reps, ("rep1", "rep2", "rep4"), strict=True))]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 60
    while counts["saves"] < 12 or counts["uploads"] < 3:  # well under way, requests in flight
        assert time.monotonic() < deadline, f"too few requests got through: {counts}"
        time.sleep(0.05)
    server.kill()
    stop.set()
    for t in threads:
        t.join(timeout=40)

    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        # Every deal's version is the last version its change history records.
        off = con.execute("""SELECT o.id, o.version, MAX(c.version) FROM deals_opportunity o
                             LEFT JOIN deals_changerecord c ON c.opportunity_id = o.id
                             GROUP BY o.id HAVING COALESCE(MAX(c.version), 1) != o.version""").fetchall()
        assert off == []
        # Each deal uploaded is whole: all the document's stakeholders, or not there at all.
        uploaded = con.execute("""SELECT o.id, COUNT(s.id) FROM deals_opportunity o
                                  LEFT JOIN deals_dealstakeholder s ON s.opportunity_id = o.id
                                  WHERE o.name LIKE '断电%' GROUP BY o.id""").fetchall()
    assert uploaded, "no upload finished before the kill"
    expected = EXAMPLE.count("\n  - id: s")
    assert {count for _pk, count in uploaded} == {expected}

    server.start()  # and the team can go on working
    rep = Rep(server.url, "rep1")
    pk = own_deals(db, "rep1")[0]
    page = rep.get(f"/deals/{pk}/")
    version = re.search(r'id="deal-version" name="version" value="(\d+)"', page)
    assert version and rep.post(f"/deals/{pk}/answers/pain_will_act/",
                                {"version": version.group(1), "status": "yes"}) == 200
