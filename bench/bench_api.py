"""Benchmark: the JSON API against a bare Django view, in one run.

Fills a temporary SQLite database with demo deals (`DEALPILOT_BENCH_DEALS`, default 10,000),
gives a manager a token, and times, interleaved with the Django test Client: the bare view
behind the same middleware (signed in), GET one deal as its document (cycling through eight
deals with five or more people), GET a list page of 100 deals, and POST a document (parse,
validate, store, assess; a new deal each time). Ratios of medians of each request's CPU time;
targets 3, 4 and 6.

    .venv/bin/python bench/bench_api.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

DEALS = int(os.environ.get("DEALPILOT_BENCH_DEALS", "10000"))
ROUNDS = 100
DEAL_DOCUMENTS = 8
TARGETS = {"get_document": 3, "list_100": 4, "post_document": 6}


def _configure(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "dealpilot.web.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["DEALPILOT_BENCH_URLS"] = "true"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DEBUG"] = "false"
    os.environ["SECURE_COOKIES"] = "false"
    os.environ["API_RATE_LIMIT"] = "1000000"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()


def _timed(call, expect: int) -> float:  # type: ignore[no-untyped-def]
    # CPU time of this process, not the wall clock (as bench_web.py): the client, the API and
    # SQLite all run in it, so a shared, busy machine no longer stretches some requests only.
    started = time.process_time()
    response = call()
    elapsed = time.process_time() - started
    if response.status_code != expect:
        raise SystemExit(f"answered {response.status_code}, not {expect}: {response.content[:300]!r}")
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="dealpilot-bench-") as tmp:
        _configure(Path(tmp))
        from django.contrib.auth.models import User
        from django.core.management import call_command
        from django.db.models import Count
        from django.test import Client

        from dealpilot.api.models import ApiToken
        from dealpilot.deals.demo import build_demo
        from dealpilot.deals.models import Opportunity
        from dealpilot.engine.document import loads_document

        call_command("migrate", verbosity=0, interactive=False)
        started = time.perf_counter()
        build_demo(deals=DEALS)
        print(f"built {DEALS} deals in {time.perf_counter() - started:.1f}s", file=sys.stderr)

        manager = User.objects.get(username="manager1")
        deals = list(Opportunity.objects.visible_to(manager).filter(stage__in=("propose", "negotiate"))
                     .annotate(people=Count("stakeholders")).filter(people__gte=5)
                     .order_by("pk").values_list("pk", flat=True)[:DEAL_DOCUMENTS])
        if len(deals) < DEAL_DOCUMENTS:
            raise SystemExit(f"only {len(deals)} deals with five or more stakeholders")
        example = Path(__file__).resolve().parent.parent / "dealpilot" / "engine" / "examples" / "deal.zh.yaml"
        data = loads_document(example.read_text(encoding="utf-8")).to_data()
        data["opportunity"].pop("id", None)
        body = json.dumps(data, ensure_ascii=False)
        _token, text = ApiToken.issue(manager, "bench")
        page, api = Client(), Client(HTTP_AUTHORIZATION=f"Bearer {text}")
        page.force_login(manager)
        calls = {
            "bare": [(lambda: page.get("/bench/bare/"), 200)],
            "get_document": [(lambda pk=pk: api.get(f"/api/v1/deals/{pk}"), 200) for pk in deals],
            "list_100": [(lambda: api.get("/api/v1/deals?limit=100"), 200)],
            "post_document": [(lambda: api.post("/api/v1/deals", body, content_type="application/json"), 201)],
        }
        for _ in range(3):  # warm the playbook, the schemas and the session
            for choices in calls.values():
                _timed(*choices[0])
        times: dict[str, list[float]] = {name: [] for name in calls}
        for i in range(ROUNDS):
            for name, choices in calls.items():
                times[name].append(_timed(*choices[i % len(choices)]))
        bare = statistics.median(times["bare"])
        for name in TARGETS:
            median = statistics.median(times[name])
            print(f"{name}: median {median * 1000:.2f} ms, bare view {bare * 1000:.2f} ms", file=sys.stderr)
        for name, target in TARGETS.items():
            print(f"BENCH api.{name} ratio={statistics.median(times[name]) / bare:.2f} target={target}")


if __name__ == "__main__":
    main()
