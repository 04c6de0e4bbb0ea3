"""Benchmark: the forecast at scale against its floors, in one run.

Builds DEALPILOT_BENCH_DEALS demo deals (default 100,000; the demo seeds calls, evidence, quotas
and a week of changes) with bench_pipeline's builder (DEALPILOT_BENCH_DB keeps it in a file), spreads them over 20 teams (manager1's
team then holds 1/20 of them: 5,000 at the default size), and times, interleaved:

- the roll-up of this quarter for the whole company (`rollup.forecast`: the GROUP BY, the
  currency conversion, quotas, adjustments, names, the engine's arithmetic) against the plain
  aggregate SQL computing the same sums (target ≤ 2×);
- "what moved" over the last week as manager1 (the page, behind the middleware and login)
  against the bare view (target ≤ 4×); the median of the page's own SQL read of the week's
  records is printed beside it, to show how much of the page is reading the data.

    DEALPILOT_BENCH_DEALS=20000 .venv/bin/python bench/bench_forecast.py
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import bench_database, built, compare, page_get  # noqa: E402

ROUNDS = int(os.environ.get("DEALPILOT_BENCH_ROUNDS", "40"))
TARGETS = {"rollup_company": 2, "rollup_team": 2, "moved_team": 4}

_PLAIN = """SELECT o.owner_id, o.team_id, CASE WHEN o.stage = 'won' THEN 'won' ELSE 'open' END,
  COALESCE(f."call", ''), COALESCE(f.evidence, 'pipeline'), o.currency, COUNT(*), SUM(o.amount),
  SUM(o.amount * COALESCE(f.probability, MAX(MIN(o.score / 100.0, 0.95), 0.05), 0.05))
FROM deals_opportunity o LEFT JOIN forecast_dealforecast f ON f.opportunity_id = o.id
WHERE o.close_date >= %s AND o.close_date <= %s AND o.stage <> 'lost' {where}
GROUP BY 1, 2, 3, 4, 5, 6"""


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
    from dealpilot.deals.models import ChangeRecord, Opportunity
    from dealpilot.forecast.access import forecast_deals
    from dealpilot.forecast.moved import LIMIT, changes
    from dealpilot.forecast.periods import quarter_of
    from dealpilot.forecast.rollup import forecast

    manager, admin = User.objects.get(username="manager1"), User.objects.get(username="admin")
    team_id = profile_of(manager).team_id
    today = timezone.localdate()
    q = quarter_of(today)
    team = forecast_deals(manager)
    week = ChangeRecord.objects.filter(opportunity__in=team, at__gte=timezone.now() - timezone.timedelta(days=7))
    print(f"manager1's team: {team.count()} deals, {week.count()} change records in the week; "
          f"the quarter: {Opportunity.objects.filter(close_date__gte=q.start, close_date__lte=q.end).count()} deals",
          file=sys.stderr)
    client = Client()
    client.force_login(manager)

    def plain(where: str, params: list[object]) -> Callable[[], object]:
        def run() -> object:
            with connection.cursor() as cursor:
                cursor.execute(_PLAIN.format(where=where), [q.start, q.end, *params])
                return cursor.fetchall()
        return run


    since = timezone.now() - timezone.timedelta(days=7)
    moved_sql, moved_params = changes(team, since, q)[:LIMIT].query.sql_with_params()

    def records_sql() -> object:
        with connection.cursor() as cursor:
            cursor.execute(moved_sql, moved_params)
            return cursor.fetchall()

    runs = {
        "bare": page_get(client, "/bench/bare/"),
        "moved_team": page_get(client, f"/forecast/moved/?period={q.key}"),
        "rollup_company": lambda: forecast(forecast_deals(admin), q, today),
        "plain_company": plain("", []),
        "rollup_team": lambda: forecast(forecast_deals(manager), q, today),
        "plain_team": plain("AND o.team_id = %s", [team_id]),
        # Context for moved_team, not a floor: the page's own read of the week's records.
        "moved_records_sql": records_sql,
    }
    compare("forecast", runs, ROUNDS,
            {"rollup_company": "plain_company", "rollup_team": "plain_team", "moved_team": "bare"}, TARGETS)

if __name__ == "__main__":
    main()
