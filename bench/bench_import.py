"""Benchmark: importing a Salesforce-style opportunity export against its floor, in one run.

Generates DEALPILOT_BENCH_IMPORT_ROWS rows (default 100,000; ~12,500 accounts, 20 owners, a
contact, a title and a next step per deal) as a CSV, then in a temporary SQLite database:

- the floor: the `csv` module reads the file and one `executemany` per table inserts the same
  rows the import writes (accounts, deals, contacts, stakeholders, next steps, "created"
  history records, external ids, the import's list of its deals) — in a transaction rolled
  back afterwards;
- the import, as `dealpilot import` runs it (`imports.importing.run_import`: detection,
  mapping, every cell checked, owners resolved, one transaction, batches of 1,000).

Prints rows per second, the resident memory after a tenth of the rows and at the end (flat:
the file is streamed), and `BENCH import.rows ratio=<import/floor> target=5`. The verdicts of
the new deals are filled in after the commit (`assess_created`) and are not part of the ratio.
The floor runs before and after the import; the faster of the two is the one compared with.

    DEALPILOT_BENCH_IMPORT_ROWS=20000 .venv/bin/python bench/bench_import.py
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROWS = int(os.environ.get("DEALPILOT_BENCH_IMPORT_ROWS", "100000"))
OWNERS = 20
TARGET = 5
HEADER = ["Opportunity ID", "Opportunity Name", "Account Name", "Amount", "Stage", "Close Date",
          "Opportunity Owner", "Next Step", "Primary Contact", "Title"]
STAGES = ["Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review",
          "Closed Won", "Closed Lost"]


def _configure(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "dealpilot.web.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["DEBUG"] = "false"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def generate(path: Path, rows: int) -> None:
    rnd = random.Random(20261202)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i in range(rows):
            close = dt.date(2026, 1, 1) + dt.timedelta(days=rnd.randrange(365))
            w.writerow([f"006{i:012d}", f"Opportunity {i}", f"Account {i // 8}", f"{rnd.randrange(1000, 900000)}.00",
                        rnd.choice(STAGES), f"{close.month}/{close.day}/{close.year}", f"Owner {i % OWNERS}",
                        "Schedule the demo", f"Contact {i}", "VP Operations"])


def _users() -> Any:
    from django.contrib.auth.models import User

    from dealpilot.accounts.models import Profile, Role, Team

    team = Team.objects.create(name="Sales")
    admin = User.objects.create_user("bench-admin", is_superuser=True)
    Profile.objects.create(user=admin, role=Role.ADMIN)
    for n in range(OWNERS):
        u = User.objects.create_user(f"owner{n}", first_name="Owner", last_name=str(n))
        Profile.objects.create(user=u, team=team)
    return admin


def _insert(model: Any, rows: list[dict[str, Any]]) -> None:
    """One executemany for the table: every concrete column, the model's default where unset."""
    from django.db import connection

    fields = model._meta.concrete_fields
    now = dt.datetime.now(dt.UTC)
    defaults = {f.attname: f.get_db_prep_save(now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                                              else f.get_default(), connection) for f in fields}
    sql = (f'INSERT INTO "{model._meta.db_table}" ({", ".join(connection.ops.quote_name(f.column) for f in fields)}) '
           f'VALUES ({", ".join(["%s"] * len(fields))})')
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[r.get(f.attname, defaults[f.attname]) for f in fields] for r in rows])


def floor(path: Path, owner_ids: dict[str, int], user_id: int, run_id: int, base: int = 0, tag: str = "") -> None:
    """`base` shifts the ids and `tag` prefixes names and keys, so a second floor run fits
    beside the imported rows (unique account names and external ids)."""
    from dealpilot.deals import models as m
    from dealpilot.imports.models import ExternalKey, ImportedDeal

    stage = {"Prospecting": "lead", "Qualification": "qualify", "Needs Analysis": "develop",
             "Proposal/Price Quote": "propose", "Negotiation/Review": "negotiate", "Closed Won": "won",
             "Closed Lost": "lost"}
    accounts: dict[str, int] = {}
    opps, contacts, people, steps, history, keys, touched = [], [], [], [], [], [], []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for n, (oid, name, account, amount, st, close, owner, step, contact, title) in enumerate(reader, start=1):
            n += base
            account = tag + account
            account_id = accounts.setdefault(account, base + len(accounts) + 1)
            month, day, year = close.split("/")
            opps.append({"id": n, "account_id": account_id, "name": name, "owner_id": owner_ids[owner],
                         "amount": amount, "stage": stage[st], "close_date": f"{year}-{int(month):02d}-{int(day):02d}",
                         "search_keys": f"{account.lower()} {name.lower()} {contact.lower()}"})
            contacts.append({"id": n, "account_id": account_id, "name": contact, "title": title})
            people.append({"id": n, "opportunity_id": n, "contact_id": n, "key": "c1", "title": title})
            steps.append({"opportunity_id": n, "step": step})
            history.append({"opportunity_id": n, "user_id": user_id, "version": 1, "field": "created"})
            keys.append({"opportunity_id": n, "key": tag + oid})
            touched.append({"run_id": run_id, "opportunity_id": n})
    _insert(m.Account, [{"id": i, "name": a} for a, i in accounts.items()])
    for model, rows in ((m.Opportunity, opps), (m.Contact, contacts), (m.DealStakeholder, people),
                        (m.PlanStep, steps), (m.ChangeRecord, history), (ExternalKey, keys),
                        (ImportedDeal, touched)):
        _insert(model, rows)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _configure(folder)
        from django.core.management import call_command
        from django.db import transaction

        from dealpilot.deals.models import Opportunity
        from dealpilot.imports.importing import run_import
        from dealpilot.imports.mapping import auto_map
        from dealpilot.imports.models import ImportRun
        from dealpilot.imports.reading import open_table

        call_command("migrate", verbosity=0, interactive=False)
        admin = _users()
        from django.contrib.auth.models import User

        owner_ids = {f"Owner {n}": User.objects.get(username=f"owner{n}").pk for n in range(OWNERS)}
        path = folder / "opportunities.csv"
        generate(path, ROWS)
        print(f"generated {ROWS} rows ({path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)

        run = ImportRun.objects.create(owner=admin, filename=path.name, data=b"")

        def timed_floor(base: int = 0, tag: str = "") -> float:
            before = Opportunity.objects.count()
            started = time.perf_counter()
            with transaction.atomic():
                floor(path, owner_ids, admin.pk, run.pk, base, tag)
                assert Opportunity.objects.count() == before + ROWS
                transaction.set_rollback(True)
            return time.perf_counter() - started

        floors = [timed_floor()]
        print(f"floor (csv + executemany): {floors[0]:.2f}s", file=sys.stderr)

        rss: dict[str, float] = {"start": _rss_mb()}

        def progress(done: int, errors: int) -> None:
            if done >= ROWS // 10 and "tenth" not in rss:
                rss["tenth"] = _rss_mb()

        started = time.perf_counter()
        table = open_table(path)
        mapping = auto_map(table.headers, "salesforce")
        out = run_import(table, mapping, admin, run=run, progress=progress)
        ours = time.perf_counter() - started
        rss["end"] = _rss_mb()
        assert out.written and out.created == ROWS, (out.created, out.problems[:3])
        # The floor again after the import (the machine is shared: its load moves between runs);
        # the faster floor is the one compared with, so the ratio errs against the import.
        floors.append(timed_floor(base=10 * ROWS, tag="F"))
        floor_s = min(floors)
        print(f"floor again: {floors[1]:.2f}s", file=sys.stderr)
        print(f"import: {ours:.2f}s, {ROWS / ours:.0f} rows/s (floor {ROWS / floor_s:.0f} rows/s)", file=sys.stderr)
        print(f"memory: {rss['start']:.0f} MB before, {rss.get('tenth', 0):.0f} MB at a tenth, "
              f"{rss['end']:.0f} MB at the end", file=sys.stderr)
        print(f"BENCH import.rows_per_second value={ROWS / ours:.0f}")
        print(f"BENCH import.rows ratio={ours / floor_s:.2f} target={TARGET}")


if __name__ == "__main__":
    main()
