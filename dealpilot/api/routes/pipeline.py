"""Pipeline totals of the filtered deals: count, amount and score-weighted amount per stage, in
the company currency (docs/pipeline.md); currencies without a rate are counted apart."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from dealpilot.api.routes.deals import READ, DealFilters, filtered
from dealpilot.api.schemas import TotalsOut
from dealpilot.pipeline.totals import Total, totals

router = Router()


def _total(t: Total) -> dict[str, Any]:
    return {"count": t.count, "amount": float(round(t.amount, 2)), "weighted": float(round(t.weighted, 2))}


@router.get("/totals", response={200: TotalsOut, **READ}, summary="Pipeline totals")
def pipeline_totals(request: HttpRequest, filters: Query[DealFilters]) -> dict[str, Any]:
    """The same filters as the deal list (cursor and limit are ignored)."""
    result = totals(filtered(request, filters), timezone.localdate())
    return {"currency": result.currency, "overall": _total(result.overall),
            "by_stage": {stage: _total(t) for stage, t in result.by_stage.items()},
            "unconverted": {cur: _total(t) for cur, t in result.unconverted.items()}}
