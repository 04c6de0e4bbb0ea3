"""An import killed half-way (the server process SIGKILLed) leaves the database as it was:
the rows of the batches already written were never committed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import os, sys, time
import django
django.setup()
from django.contrib.auth.models import User
from dealpilot.accounts.models import Profile
from dealpilot.deals.models import Opportunity
from dealpilot.imports import importing
from dealpilot.imports.mapping import auto_map
from dealpilot.imports.reading import open_table

boss = User.objects.create_superuser("boss", password="not-used-here")
Profile.objects.create(user=boss, role="admin")
table = open_table(sys.argv[1])

def progress(done, errors):
    if done >= 2000:  # two batches written, inside the import's transaction
        Path = __import__("pathlib").Path
        Path(sys.argv[2]).write_text(str(Opportunity.objects.count()))
        time.sleep(600)

importing.run_import(table, auto_map(table.headers), boss, progress=progress)
"""


def test_sigkill_mid_import_leaves_no_rows(tmp_path: Path) -> None:
    db = tmp_path / "killed.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": f"sqlite:///{db}",
           "DJANGO_SETTINGS_MODULE": "dealpilot.web.settings"}
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v", "0"], env=env, check=True, cwd=tmp_path)
    data = tmp_path / "deals.csv"
    data.write_text("Account,Deal,Amount,Stage\n" + "".join(f"客户{i % 300},商机{i},{i},Qualification\n"
                                                            for i in range(3000)), encoding="utf-8")
    marker = tmp_path / "written"
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(data), str(marker)], env=env, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() or not marker.read_text():
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the import never reached its second batch (exit {proc.returncode})")
            time.sleep(0.1)
        assert int(marker.read_text()) == 2000  # written, not committed
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    with sqlite3.connect(db) as conn:
        counts = [conn.execute(f"select count(*) from {t}").fetchone()[0]
                  for t in ("deals_opportunity", "deals_account", "deals_changerecord")]
        users = conn.execute("select count(*) from auth_user").fetchone()[0]
    assert counts == [0, 0, 0]
    assert users == 1  # what committed before the import is still there
