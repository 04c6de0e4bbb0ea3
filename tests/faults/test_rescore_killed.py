"""The worker killed with SIGKILL while it re-scores deals after a playbook is published: every
deal is wholly re-scored (new playbook, version, snapshot marked) or untouched, and the next
worker starts the job again and finishes it.

Real processes on a real database file: the demo company, a published copy of PPVVCC, and the
job worker re-scoring two deals per transaction until it is killed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.faults.test_server_killed import BIN, ROOT

PUBLISH = """
from dealpilot.accounts.models import User
from dealpilot.jobs import start_job
from dealpilot.playbooks.store import copy_playbook, publish
admin = User.objects.filter(is_superuser=True).first()
team = copy_playbook("ppvvcc", "ppvvcc-soe", admin)
data = dict(team.draft)
data["dimensions"][0]["criteria"][0]["weight"] = 0.5
team.draft = data
team.save()
v = publish(team, admin)
start_job("playbook_rescore", owner=admin, params={"playbook": "ppvvcc-soe", "version": v.number, "adopt_from": "ppvvcc"})
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'team.sqlite3'}", DEBUG="false", SECRET_KEY="k" * 50,
               DJANGO_SETTINGS_MODULE="dealpilot.web.settings", PYTHONPATH=str(ROOT),
               TASKS_BACKEND="django_tasks_db.DatabaseBackend", PLAYBOOK_RESCORE_BATCH="2")
    for command in ([sys.executable, "manage.py", "migrate", "-v", "0"],
                    [str(BIN / "dealpilot"), "demo", "--deals", "60"],
                    [sys.executable, "manage.py", "shell", "-c", PUBLISH]):
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    env["DB_FILE"] = str(tmp_path / "team.sqlite3")
    return env


def _rows(db: str, sql: str) -> list[tuple]:
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(sql).fetchall()


OPEN = "stage NOT IN ('won', 'lost')"


def test_a_killed_rescore_leaves_whole_deals_and_finishes_when_started_again(env: dict[str, str]) -> None:
    db = env["DB_FILE"]
    total = _rows(db, f"SELECT count(*) FROM deals_opportunity WHERE {OPEN} AND playbook = 'ppvvcc'")[0][0]
    closed_before = _rows(db, f"SELECT id, playbook, playbook_version, score, version FROM deals_opportunity "
                              f"WHERE NOT ({OPEN}) ORDER BY id")
    assert total > 10 and closed_before
    worker = subprocess.Popen([sys.executable, "manage.py", "jobs_worker"], cwd=ROOT, env=env,
                              start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        done = 0
        for _ in range(6000):
            done = _rows(db, "SELECT count(*) FROM deals_opportunity WHERE playbook_version = 1")[0][0]
            if done > 0:
                break
            time.sleep(0.005)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
    if done >= total:
        pytest.skip("the re-score finished before the kill landed")
    assert 0 < done < total
    # Whole deals only: on the new playbook with its version, or untouched on the old one.
    states = set(_rows(db, f"SELECT playbook, playbook_version FROM deals_opportunity WHERE {OPEN} "
                           f"AND playbook IN ('ppvvcc', 'ppvvcc-soe')"))
    assert states <= {("ppvvcc-soe", 1), ("ppvvcc", None)}
    marked = _rows(db, "SELECT DISTINCT o.id FROM review_assessmentsnapshot s JOIN deals_opportunity o "
                       "ON o.id = s.opportunity_id WHERE s.cause = 'playbook' AND o.playbook = 'ppvvcc'")
    assert marked == []  # no snapshot of a re-score whose deal was not switched
    assert _rows(db, "SELECT status FROM jobs_job WHERE kind = 'playbook_rescore'") == [("running",)]
    # The next worker on this host starts the resumable job again and it finishes the rest.
    subprocess.run([sys.executable, "manage.py", "jobs_worker", "--batch"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=600)
    assert _rows(db, "SELECT status FROM jobs_job WHERE kind = 'playbook_rescore'") == [("succeeded",)]
    assert _rows(db, f"SELECT count(*) FROM deals_opportunity WHERE {OPEN} AND playbook = 'ppvvcc-soe' "
                     f"AND playbook_version = 1")[0][0] == total
    assert _rows(db, f"SELECT id, playbook, playbook_version, score, version FROM deals_opportunity "
                     f"WHERE NOT ({OPEN}) ORDER BY id") == closed_before
    assert _rows(db, "PRAGMA foreign_key_check") == []
