"""Benchmark: the pipeline at scale against its floors, in one run.

Builds DEALPILOT_BENCH_DEALS demo deals (default 100,000) with the bulk builder in a temporary
SQLite database, spreads them over 20 teams (manager1's team then holds 1/20 of them), and
times, interleaved:

- the pipeline table as manager1, first page sorted by score and the last page, against a bare
  view behind the same middleware and login (target ≤ 4×);
- the totals (per stage and overall, in the company currency) for manager1's team and for all
  deals as admin, against the plain aggregate SQL query computing the same groups (target ≤ 2×).

    DEALPILOT_BENCH_DEALS=20000 .venv/bin/python bench/bench_pipeline.py

Building 100,000 deals takes about ten minutes. With DEALPILOT_BENCH_DB=path/to/file.sqlite3 the
database is kept in that file: the first run builds it, later runs migrate it (so new indexes
are applied) and reuse it when it already holds DEALPILOT_BENCH_DEALS deals.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

DEALS = int(os.environ.get("DEALPILOT_BENCH_DEALS", "100000"))
TEAMS = 20
ROUNDS = int(os.environ.get("DEALPILOT_BENCH_ROUNDS", "60"))
TARGETS = {"table_first_page": 4, "table_last_page": 4, "totals_team": 2, "totals_all": 2}

_PLAIN = """SELECT stage, currency, COUNT(*), SUM(amount), SUM(amount * score) FROM deals_opportunity
WHERE stage NOT IN ('won', 'lost') {where} GROUP BY stage, currency"""
_TEAM = ("AND (owner_id = %s OR id IN (SELECT opportunity_id FROM deals_opportunity_shared_with WHERE user_id = %s)"
         " OR team_id = %s)")


def _configure(database: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "dealpilot.web.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DEALPILOT_BENCH_URLS"] = "true"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DEBUG"] = "false"
    os.environ["SECURE_COOKIES"] = "false"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def page_get(client: Any, url: str) -> Callable[[], object]:
    """A GET that must answer 200, as a timed run."""
    def run() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return response
    return run


def compare(prefix: str, runs: dict[str, Callable[[], object]], rounds: int, floors: dict[str, str],
            targets: dict[str, float]) -> None:
    """Warms every run up, times them interleaved `rounds` times, prints each median and one
    `BENCH <prefix>.<name> ratio=… target=…` line per measured run against its floor."""
    for _ in range(3):
        for run in runs.values():
            run()
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            times[name].append(_timed(run))
    median = {name: statistics.median(t) for name, t in times.items()}
    for name, value in median.items():
        print(f"{name}: median {value * 1000:.2f} ms", file=sys.stderr)
    for name, floor in floors.items():
        print(f"BENCH {prefix}.{name} ratio={median[name] / median[floor]:.2f} target={targets[name]}")


def _spread_over_teams() -> None:
    """The demo has 3 teams; the benchmark wants 20, so deals are dealt round-robin by id."""
    from django.db.models import F
    from django.db.models.functions import Mod

    from dealpilot.accounts.models import Team
    from dealpilot.deals.models import Opportunity

    teams = list(Team.objects.order_by("pk"))
    teams += [Team.objects.create(name=f"Bench team {n}") for n in range(len(teams), TEAMS)]
    deals = Opportunity.objects.annotate(slot=Mod(F("pk"), TEAMS))
    for n, team in enumerate(teams):
        deals.filter(slot=n).update(team=team)


@contextlib.contextmanager
def bench_database() -> Iterator[None]:
    """Django set up on the kept DEALPILOT_BENCH_DB file, or on a temporary one."""
    kept = os.environ.get("DEALPILOT_BENCH_DB")
    if kept:
        _configure(Path(kept).resolve())
        yield
        return
    with tempfile.TemporaryDirectory(prefix="dealpilot-bench-") as tmp:
        _configure(Path(tmp) / "bench.sqlite3")
        yield


def built() -> None:
    """Migrates the database and fills it with DEALS demo deals over TEAMS teams, unless it
    already holds them (a kept file from an earlier run)."""
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from dealpilot.deals.demo import build_demo
    from dealpilot.deals.models import Opportunity

    call_command("migrate", verbosity=0, interactive=False)
    if Opportunity.objects.count() == DEALS and User.objects.filter(username="manager1").exists():
        print(f"reusing the {DEALS} deals in {connection.settings_dict['NAME']}", file=sys.stderr)
    else:
        if Opportunity.objects.exists():
            raise SystemExit(f"the database holds {Opportunity.objects.count()} deals, not {DEALS}: remove it")
        started = time.perf_counter()
        build_demo(deals=DEALS)
        _spread_over_teams()
        print(f"built {DEALS} deals over {TEAMS} teams in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    with bench_database():
        built()
        _run()


def _run() -> None:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from dealpilot.accounts.models import profile_of
    from dealpilot.deals.models import Opportunity
    from dealpilot.pipeline.totals import totals

    manager, admin = User.objects.get(username="manager1"), User.objects.get(username="admin")
    team_id = profile_of(manager).team_id
    team_deals = Opportunity.objects.visible_to(manager).open()
    print(f"manager1 sees {team_deals.count()} open deals", file=sys.stderr)
    last = (team_deals.count() + 49) // 50
    client = Client()
    client.force_login(manager)
    today = timezone.localdate()

    def plain(where: str, params: list[int]) -> Callable[[], object]:
        def run() -> object:
            with connection.cursor() as cursor:
                cursor.execute(_PLAIN.format(where=where), params)
                return cursor.fetchall()
        return run


    runs = {
        "bare": page_get(client, "/bench/bare/"),
        "table_first_page": page_get(client, "/pipeline/?sort=-score"),
        "table_last_page": page_get(client, f"/pipeline/?sort=-score&page={last}"),
        "totals_team": lambda: totals(Opportunity.objects.visible_to(manager).open(), today),
        "plain_team": plain(_TEAM, [manager.pk, manager.pk, team_id]),
        "totals_all": lambda: totals(Opportunity.objects.visible_to(admin).open(), today),
        "plain_all": plain("", []),
    }
    compare("pipeline", runs, ROUNDS, {"table_first_page": "bare", "table_last_page": "bare",
                                       "totals_team": "plain_team", "totals_all": "plain_all"}, TARGETS)

if __name__ == "__main__":
    main()
