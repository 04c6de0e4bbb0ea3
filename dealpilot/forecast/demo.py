"""The demo company's forecast: each deal's evidence and probability, the reps' calls (as
optimistic as real reps: a late-stage deal is called commit whatever its evidence), quotas for
this quarter, and a week of changes for "what moved"."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from dealpilot.deals.models import ChangeRecord, Opportunity
from dealpilot.deals.verdict import assess_document
from dealpilot.engine import forecast as fc
from dealpilot.forecast import winmodel
from dealpilot.forecast.models import DealForecast, Quota
from dealpilot.forecast.periods import quarter_of
from dealpilot.forecast.store import columns

_CALL_BY_STAGE = {"commit": fc.COMMIT, "negotiate": fc.COMMIT, "propose": fc.BEST_CASE}


def seed(opps: Sequence[Any], docs: Sequence[Any], today: dt.date, seed: int = 20261202) -> int:
    rng = random.Random(seed)
    _pull_in(opps, rng, today)
    model = winmodel.active()
    rows = []
    for opp, doc in zip(opps, docs, strict=True):
        a = assess_document(doc, as_of=today)
        if a is None:
            continue
        values = columns(a, model)
        closed = opp.stage in ("won", "lost")
        call = "" if closed else _CALL_BY_STAGE.get(opp.stage, "")
        if not closed and not call and rng.random() < 0.06:
            call = fc.OMITTED
        row = DealForecast(opportunity=opp, call=call, **values)
        if closed:  # what it looked like while open, for calibration over time
            still_open = assess_document(doc.model_copy(update={"opportunity": doc.opportunity.model_copy(
                update={"stage": "negotiate"})}), as_of=today)
            row.open_evidence = fc.evidence(still_open).category if still_open is not None else fc.PIPELINE
            row.open_probability = fc.rules_probability(still_open.score if still_open is not None else None)
            draw = rng.random()
            row.open_call = fc.COMMIT if draw < 0.55 else fc.BEST_CASE if draw < 0.85 else fc.PIPELINE
        else:
            row.open_call, row.open_evidence, row.open_probability = call or fc.PIPELINE, values["evidence"], values["probability"]
        rows.append(row)
    DealForecast.objects.bulk_create(rows, batch_size=500)
    _moves(opps, rng, today)
    return len(rows)


def _pull_in(opps: Sequence[Any], rng: random.Random, today: dt.date, per_team: int = 3) -> None:
    """Bring a few late-stage deals of each team into this quarter (recorded as pulled in), so the
    quarter's forecast has commits to question whatever day the demo is built."""
    q = quarter_of(today)
    taken: dict[Any, int] = {}
    records = []
    for o in opps:
        if o.stage not in ("negotiate", "commit") or not o.close_date or o.close_date <= q.end:
            continue
        if taken.get(o.team_id, 0) >= per_team:
            continue
        taken[o.team_id] = taken.get(o.team_id, 0) + 1
        old, new = o.close_date, min(q.end, today + dt.timedelta(days=rng.randint(3, 20)))
        o.close_date = new
        type(o).objects.filter(pk=o.pk).update(close_date=new)
        records.append(ChangeRecord(opportunity=o, user_id=o.owner_id, version=1, field="opportunity.close_date",
                                    old=old.isoformat(), new=new.isoformat()))
    for r in ChangeRecord.objects.bulk_create(records):
        ChangeRecord.objects.filter(pk=r.pk).update(at=timezone.now() - dt.timedelta(days=rng.randint(1, 5)))


def seed_quotas(today: dt.date) -> None:
    """Quotas for this quarter: 80 % of what each rep has won or open in it (a stretch), in round 万."""
    q = quarter_of(today)
    sums = (Opportunity.objects.filter(close_date__gte=q.start, close_date__lte=q.end, currency="CNY")
            .exclude(stage="lost").order_by().values("owner_id", "team_id").annotate(total=Sum("amount")))
    rows, teams = [], {}
    for g in sums:
        quota = (g["total"] * Decimal("0.8") / 10000).quantize(Decimal(1)) * 10000
        rows.append(Quota(period=q.key, user_id=g["owner_id"], amount=quota))
        teams[g["team_id"]] = teams.get(g["team_id"], Decimal(0)) + quota
    rows += [Quota(period=q.key, team_id=tid, amount=total) for tid, total in teams.items() if tid]
    Quota.objects.bulk_create(rows, ignore_conflicts=True)


def _moves(opps: Sequence[Any], rng: random.Random, today: dt.date) -> None:
    q = quarter_of(today)
    now = timezone.now()
    records = []
    for o in opps:
        if not o.close_date or o.stage in ("won", "lost") or rng.random() > 0.35:
            continue
        at = now - dt.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8))
        kind = rng.choice(["amount", "close", "stage", "call"])
        if kind == "amount" and o.amount:
            old = (o.amount * Decimal(rng.choice(["0.8", "1.25"]))).quantize(Decimal("0.01"))
            records.append(ChangeRecord(opportunity=o, user_id=o.owner_id, version=1, field="opportunity.amount",
                                        old=str(old), new=str(o.amount)))
        elif kind == "close" and o.close_date > q.end:
            records.append(ChangeRecord(opportunity=o, user_id=o.owner_id, version=1, field="opportunity.close_date",
                                        old=(q.end - dt.timedelta(days=rng.randint(1, 20))).isoformat(),
                                        new=o.close_date.isoformat()))
        elif kind == "stage" and o.stage in ("qualify", "develop", "propose"):
            records.append(ChangeRecord(opportunity=o, user_id=o.owner_id, version=1, field="opportunity.stage",
                                        old="negotiate", new=o.stage))
        elif kind == "call" and o.stage in _CALL_BY_STAGE:
            records.append(ChangeRecord(opportunity=o, user_id=o.owner_id, version=1, field="forecast.call",
                                        old=fc.PIPELINE, new=_CALL_BY_STAGE[o.stage]))
        else:
            continue
        records[-1].at_value = at
    ChangeRecord.objects.bulk_create(records, batch_size=500)
    for r in records:  # `at` is set on insert (auto_now_add); date them within the last week
        ChangeRecord.objects.filter(pk=r.pk).update(at=r.at_value)
