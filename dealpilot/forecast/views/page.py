"""The forecast page for a period, its XLSX export, and managers' adjustments."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dealpilot.forecast import access, periods
from dealpilot.forecast.export import workbook
from dealpilot.forecast.links import line_links, pipeline_link
from dealpilot.forecast.models import Adjustment
from dealpilot.forecast.rollup import forecast
from dealpilot.forecast.views.period import adjusters_only, for_period
from dealpilot.forecast.weak import weak_calls
from dealpilot.web.money import money_formatter


def _context(request: HttpRequest, p: periods.Period) -> dict[str, Any]:
    today = timezone.localdate()
    deals = access.forecast_deals(request.user)
    fc = forecast(deals, p, today)
    return {"fc": fc, "period": p, "weak": weak_calls(deals, p), "adjustments": list(adjustments_for(request.user, p)), "periods": periods.choices(today), "money_fmt": money_formatter(),
            "links": line_links, "pipeline_link": pipeline_link,
            "teams_adjustable": {t.pk for t in access.adjustable_teams(request.user)},
            "reps_adjustable": set(access.adjustable_reps(request.user).values_list("pk", flat=True))
            if access.adjustable_teams(request.user).exists() else set()}


@login_required
@require_GET
@for_period
def forecast_page(request: HttpRequest, p: periods.Period) -> HttpResponse:
    return render(request, "forecast/page.html", _context(request, p))


@login_required
@require_GET
@for_period
def forecast_export(request: HttpRequest, p: periods.Period) -> HttpResponse:
    fc = forecast(access.forecast_deals(request.user), p, timezone.localdate())
    response = HttpResponse(workbook(fc), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="forecast-{p.key}.xlsx"'
    return response


def _target(request: HttpRequest, raw: str) -> dict[str, Any] | None:
    kind, _sep, pk = raw.partition(":")
    if not pk.isdigit():
        return None
    if kind == "team" and access.adjustable_teams(request.user).filter(pk=int(pk)).exists():
        return {"team_id": int(pk)}
    if kind == "user" and access.adjustable_reps(request.user).filter(pk=int(pk)).exists():
        return {"user_id": int(pk)}
    return None


@login_required
@require_POST
@adjusters_only
@for_period
def forecast_adjust(request: HttpRequest, p: periods.Period) -> HttpResponse:
    target = _target(request, request.POST.get("target", ""))
    note = (request.POST.get("note") or "").strip()
    try:
        amount = Decimal((request.POST.get("amount") or "").replace(",", "").strip())
    except InvalidOperation:
        amount = None
    errors = []
    if target is None:
        errors.append(_("Choose a rep or team of yours to adjust."))
    if amount is None or not amount.is_finite() or amount < 0 or amount >= Decimal(10) ** 16:
        errors.append(_("The adjusted amount must be a number of zero or more."))
    if not note:
        errors.append(_("An adjustment needs a note saying why."))
    if len(note) > 2000:
        errors.append(_("The note is too long (at most 2,000 characters)."))
    if errors:
        context = _context(request, p)
        context["adjust_errors"] = errors
        return render(request, "forecast/page.html", context, status=400)
    Adjustment.objects.create(period=p.key, amount=amount.quantize(Decimal("0.01")), note=note,
                              author=request.user, **target)
    return HttpResponseRedirect(f"{reverse('forecast')}?period={p.key}#adjustments")


def adjustments_for(user: Any, p: periods.Period) -> Any:
    teams = access.adjustable_teams(user)
    return (Adjustment.objects.filter(period=p.key).filter(Q(team__in=teams) | Q(user__in=access.adjustable_reps(user)))
            .select_related("author", "team", "user"))


