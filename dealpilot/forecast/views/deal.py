"""On the deal page: the win probability with its source, factors and what would raise it, and
the rep's forecast call beside the evidence category (loaded into the page by htmx)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from dealpilot.deals.access import get_deal_for_user
from dealpilot.deals.convert import deal_to_document
from dealpilot.deals.history import StaleVersion
from dealpilot.deals.loading import with_lists
from dealpilot.deals.verdict import assess_document
from dealpilot.engine import forecast as fc
from dealpilot.forecast import winmodel
from dealpilot.forecast.calls import set_call
from dealpilot.forecast.models import DealForecast
from dealpilot.workspace import editing


def _context(opp: Any, error: str = "") -> dict[str, Any]:
    assessment = assess_document(deal_to_document(opp))
    row = DealForecast.objects.filter(opportunity=opp).first()
    call = row.call if row is not None and row.call else ""
    ctx: dict[str, Any] = {"deal": opp, "call": call or fc.PIPELINE, "call_set": bool(call), "error": error,
                           "calls": [(c, fc.NAMES[c]) for c in fc.CALLS], "names": fc.NAMES, "assessment": assessment}
    if assessment is None:
        return ctx
    ev = fc.evidence(assessment)
    ctx.update(evidence=ev, check=fc.check_call(call or None, ev), closed=ev.category in (fc.WON, fc.LOST))
    if not ctx["closed"]:
        model = winmodel.active()
        ctx.update(odds=winmodel.explain(assessment), source_model=model)
    return ctx


@login_required
@require_GET
def deal_odds(request: HttpRequest, pk: int) -> HttpResponse:
    opp = get_deal_for_user(request, pk, queryset=with_lists())
    return render(request, "forecast/_odds.html", _context(opp))


@login_required
@require_POST
def deal_call(request: HttpRequest, pk: int) -> HttpResponse:
    opp = get_deal_for_user(request, pk, write=True, queryset=with_lists())
    version = editing.parse_version(request.POST.get("version"))
    call = request.POST.get("call", "")
    if version is None or call not in fc.CALLS:
        return render(request, "forecast/_odds.html", _context(opp, "bad_input"), status=400)
    try:
        set_call(opp, request.user, version, call)
    except StaleVersion:
        fresh = get_deal_for_user(request, pk, queryset=with_lists())
        return render(request, "forecast/_odds.html", _context(fresh, "stale"), status=409)
    fresh = get_deal_for_user(request, pk, queryset=with_lists())
    return render(request, "forecast/_odds.html", _context(fresh))
