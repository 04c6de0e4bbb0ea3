"""Benchmark: the deal page and the deal list's first page against a bare Django view.

Fills a temporary SQLite database with 10,000 demo-shaped deals, logs in as a manager (the
list then filters by team and sharing), and times, interleaved in one run with the Django
test Client: a bare view behind the same middleware and login, the deal page, and the first
page (50 deals) of the deal list. Ratios of medians of each request's CPU time.

The deal page is rendered from the database and the engine on every request (nothing keeps a
rendered copy); the timed requests still cycle through several deals with five or more
stakeholders so no one deal's rows are measured warm by accident.

    .venv/bin/python bench/bench_web.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

DEALS = 10_000
ROUNDS = 200
DEAL_PAGES = 8  # different deals the deal-page requests cycle through
TARGETS = {"deal_page": 8, "deal_list": 4}


def _configure(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "dealpilot.web.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["DEALPILOT_BENCH_URLS"] = "true"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DEBUG"] = "false"
    os.environ["SECURE_COOKIES"] = "false"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()


def _timed(client, url: str) -> float:  # type: ignore[no-untyped-def]
    # CPU time of this process, not the wall clock: the client, the views and SQLite all run in
    # it, so this is what a request costs, and a shared, busy machine (other processes taking
    # the cores) no longer stretches some requests and not others.
    started = time.process_time()
    response = client.get(url)
    elapsed = time.process_time() - started
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="dealpilot-bench-") as tmp:
        _configure(Path(tmp))
        from django.contrib.auth.models import User
        from django.core.management import call_command
        from django.db.models import Count
        from django.test import Client

        from dealpilot.deals.demo import build_demo
        from dealpilot.deals.models import Opportunity

        call_command("migrate", verbosity=0, interactive=False)
        started = time.perf_counter()
        build_demo(deals=DEALS)
        print(f"built {DEALS} deals in {time.perf_counter() - started:.1f}s", file=sys.stderr)

        manager = User.objects.get(username="manager1")
        deals = list(Opportunity.objects.visible_to(manager).filter(stage__in=("propose", "negotiate"))
                     .annotate(people=Count("stakeholders")).filter(people__gte=5)
                     .order_by("pk").values_list("pk", flat=True)[:DEAL_PAGES])
        if len(deals) < DEAL_PAGES:
            raise SystemExit(f"only {len(deals)} deals with five or more stakeholders")
        client = Client()
        client.force_login(manager)
        pages = [f"/deals/{pk}/" for pk in deals]
        urls = {"bare": ["/bench/bare/"], "deal_page": pages, "deal_list": ["/deals/"]}
        for _ in range(3):  # warm the template loader, the playbook and the session
            for choices in urls.values():
                _timed(client, choices[0])
        times: dict[str, list[float]] = {name: [] for name in urls}
        for i in range(ROUNDS):
            for name, choices in urls.items():
                times[name].append(_timed(client, choices[i % len(choices)]))
        bare = statistics.median(times["bare"])
        for name in ("deal_page", "deal_list"):
            median = statistics.median(times[name])
            print(f"{name}: median {median * 1000:.2f} ms, bare view {bare * 1000:.2f} ms", file=sys.stderr)
        for name in ("deal_page", "deal_list"):
            ratio = statistics.median(times[name]) / bare
            print(f"BENCH web.{name} ratio={ratio:.2f} target={TARGETS[name]}")


if __name__ == "__main__":
    main()
