"""The forecast of a period rolled up rep → team → company, aggregated in the database.

One GROUP BY (owner, team, status, call, evidence, currency) query over the period's deals;
the few group rows are converted to the company currency and handed to the engine's roll-up.
Quotas and adjustments are one query each; names of the reps and teams one each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    FloatField,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least

from dealpilot.accounts.models import Team, person_name
from dealpilot.deals.models import Opportunity
from dealpilot.engine import forecast as fc
from dealpilot.forecast.models import Adjustment, Quota
from dealpilot.forecast.periods import Period
from dealpilot.pipeline.models import ExchangeRate, company_currency

NO_TEAM = "-"
_FLOAT, _TEXT = FloatField(), CharField()


def _probability() -> Any:
    # The stored probability, else the rules estimate from the cached score (fc.rules_probability).
    rules = Greatest(Least(F("score") / 100.0, Value(0.95)), Value(0.05))
    return Coalesce(F("forecast__probability"), rules, Value(0.05), output_field=_FLOAT)


def period_deals(deals: QuerySet[Opportunity], p: Period) -> QuerySet[Opportunity]:
    return deals.filter(close_date__gte=p.start, close_date__lte=p.end).exclude(stage="lost")


def groups(deals: QuerySet[Opportunity], p: Period) -> QuerySet[Any]:
    """Kept to plain expressions: each wrapper (Cast, Coalesce on decimals) costs compile time
    on every request, more than the query itself at a team's size. NULLs are read in Python."""
    return (period_deals(deals, p).order_by()
            .annotate(status=Case(When(stage="won", then=Value("won")), default=Value("open"), output_field=_TEXT),
                      fc_call=F("forecast__call"), fc_evidence=F("forecast__evidence"))
            .values("owner_id", "team_id", "status", "fc_call", "fc_evidence", "currency")
            .annotate(n=Count("pk"), amount_sum=Sum("amount"),
                      weighted_sum=Sum(F("amount") * _probability(), output_field=_FLOAT)))


@dataclass
class RepRow:
    user_id: int
    name: str
    line: fc.Line


@dataclass
class TeamRow:
    team_id: int | None
    name: str
    line: fc.Line
    reps: list[RepRow] = field(default_factory=list)


@dataclass
class Forecast:
    period: Period
    currency: str
    teams: list[TeamRow]
    company: fc.Line
    unconverted: dict[str, int]  # currency without a rate -> deals left out
    adjustments: dict[tuple[str, int], Decimal]


def _money(v: Any) -> Decimal:
    return Decimal(str(round(float(v or 0), 2)))


def forecast(deals: QuerySet[Opportunity], p: Period, day: dt.date) -> Forecast:
    rates = ExchangeRate.objects.on(day)
    engine_groups: list[fc.Group] = []
    unconverted: dict[str, int] = {}
    for g in groups(deals, p):
        rate = rates.get(g["currency"].upper())
        if rate is None:
            unconverted[g["currency"].upper()] = unconverted.get(g["currency"].upper(), 0) + g["n"]
            continue
        team = str(g["team_id"]) if g["team_id"] is not None else NO_TEAM
        engine_groups.append(fc.Group(f"{team}/{g['owner_id']}", team, g["status"], g["fc_call"] or "",
                                      g["fc_evidence"] or fc.PIPELINE, g["n"], Decimal(g["amount_sum"] or 0) * rate,
                                      _money(g["weighted_sum"]) * rate))
    reps, teams, company = fc.roll_up(engine_groups)
    quotas = {(("user", uid) if uid else ("team", tid)): amount
              for uid, tid, amount in Quota.objects.filter(period=p.key).values_list("user_id", "team_id", "amount")}
    adjustments: dict[tuple[str, int], Decimal] = {}
    for uid, tid, amount in Adjustment.objects.filter(period=p.key).values_list("user_id", "team_id", "amount"):
        adjustments.setdefault(("user", uid) if uid else ("team", tid), amount)  # newest first
    owner_ids = {int(k.split("/")[1]) for k in reps}
    team_ids = {int(k) for k in teams if k != NO_TEAM}
    names = {pk: person_name(u, f, la) for pk, u, f, la in get_user_model().objects.filter(pk__in=owner_ids)
             .values_list("pk", "username", "first_name", "last_name")}
    team_names = dict(Team.objects.filter(pk__in=team_ids).values_list("pk", "name"))
    rows: list[TeamRow] = []
    for key, line in sorted(teams.items(), key=lambda kv: team_names.get(int(kv[0]) if kv[0] != NO_TEAM else 0, "~")):
        tid = int(key) if key != NO_TEAM else None
        _attach(line, quotas, adjustments, ("team", tid))
        row = TeamRow(tid, team_names.get(tid, "—") if tid else "—", line)
        for rkey, rline in reps.items():
            if rkey.split("/")[0] == key:
                uid = int(rkey.split("/")[1])
                _attach(rline, quotas, adjustments, ("user", uid))
                row.reps.append(RepRow(uid, names.get(uid, str(uid)), rline))
        row.reps.sort(key=lambda r: r.name)
        rows.append(row)
    team_quotas = [r.line.quota for r in rows if r.line.quota is not None]
    company.quota = sum(team_quotas, Decimal(0)) if team_quotas else None
    return Forecast(p, company_currency(), rows, company, unconverted, adjustments)


def _attach(line: fc.Line, quotas: dict[Any, Decimal], adjustments: dict[Any, Decimal], key: Any) -> None:
    line.quota = quotas.get(key)
    line.adjustment = adjustments.get(key)
