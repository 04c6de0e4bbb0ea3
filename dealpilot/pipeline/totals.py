"""Totals of the whole filtered set, per stage and overall, aggregated in the database.

One GROUP BY stage, currency query; the few group rows are then converted to the company
currency with the admin's dated rates. Weighted amount = amount × score / 100: each deal is
weighted by its qualification (the cached engine score), not by a stage's conventional odds.
A currency without a rate is never summed into the company total: its deals are counted apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, F, QuerySet, Sum
from django.db.models.functions import Coalesce

from dealpilot.deals.models import Opportunity
from dealpilot.deals.stages import Stages, workspace_stages
from dealpilot.pipeline.models import ExchangeRate, company_currency

_MONEY = DecimalField(max_digits=30, decimal_places=4)
_ZERO = Decimal(0)


@dataclass
class Total:
    count: int = 0
    amount: Decimal = _ZERO
    weighted: Decimal = _ZERO


@dataclass
class Totals:
    currency: str
    overall: Total
    by_stage: dict[str, Total]
    # currency -> (deals, amount in that currency): deals whose currency has no rate
    unconverted: dict[str, Total] = field(default_factory=dict)

    def stage(self, stage: str) -> Total:
        return self.by_stage.get(stage, Total())


def group_rows(deals: QuerySet[Opportunity], *fields: str, **extra: Any) -> QuerySet:
    """One row per (fields…, currency) with the count `n`, `amount_sum` and `weighted_sum` (and
    the `extra` aggregates), for `add_group` to convert."""
    return (deals.order_by().values(*fields, "currency")
            .annotate(**extra, n=Count("pk"), amount_sum=Coalesce(Sum("amount"), _ZERO, output_field=_MONEY),
                      weighted_sum=Coalesce(Sum(F("amount") * F("score"), output_field=_MONEY), _ZERO,
                                            output_field=_MONEY)))


def add_group(group: dict[str, Any], rates: dict[str, Decimal], into: list[Total], apart: dict[str, Total]) -> None:
    """Add a group row to each of `into` in the company currency, or to `apart` without a rate."""
    currency = group["currency"].upper()
    rate = rates.get(currency)
    if rate is None:
        other = apart.setdefault(currency, Total())
        other.count += group["n"]
        other.amount += Decimal(group["amount_sum"])
        return
    amount, weighted = Decimal(group["amount_sum"]) * rate, Decimal(group["weighted_sum"]) * rate / 100
    for t in into:
        t.count += group["n"]
        t.amount += amount
        t.weighted += weighted


def totals(deals: QuerySet[Opportunity], day: dt.date, stages: Stages | None = None) -> Totals:
    rates = ExchangeRate.objects.on(day)
    overall, by_stage, apart = Total(), {s: Total() for s in (stages or workspace_stages()).ids()}, {}
    for g in group_rows(deals, "stage"):
        # a stage no playbook in use has any more still counts, under its id
        add_group(g, rates, [overall, by_stage.setdefault(g["stage"], Total())], apart)
    return Totals(company_currency(), overall, by_stage, apart)


@dataclass
class GroupTotals:
    key: dict[str, Any]  # what the group is of, e.g. {"owner": 3} or {"team": 2}
    total: Total
    unconverted: dict[str, Total] = field(default_factory=dict)
