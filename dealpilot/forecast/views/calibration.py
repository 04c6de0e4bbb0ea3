"""Calibration over time: for each closed period, what share of the deals called commit or best
case (by the reps, by the evidence, by the model) actually closed won."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dealpilot.engine import forecast as fc
from dealpilot.forecast import access, periods

QUARTERS = 4


@login_required
@require_GET
def calibration_page(request: HttpRequest) -> HttpResponse:
    deals = access.forecast_deals(request.user)
    p = periods.quarter_of(timezone.localdate())
    rows = []
    for _i in range(QUARTERS):
        p = periods.previous(p)
        closed = (deals.filter(stage__in=["won", "lost"], close_date__gte=p.start, close_date__lte=p.end)
                  .values_list("forecast__open_call", "forecast__open_evidence", "forecast__open_probability", "stage"))
        shares = fc.calibration((call or fc.PIPELINE, ev or fc.PIPELINE, prob, stage == "won")
                                for call, ev, prob, stage in closed)
        rows.append((p, shares))
    return render(request, "forecast/calibration.html",
                  {"rows": rows, "period": periods.quarter_of(timezone.localdate())})
