"""What moved since a date (default: a week ago), and the weekly waterfall's data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dealpilot.forecast import access
from dealpilot.forecast.moved import SHOWN, chart, moves
from dealpilot.forecast.periods import Period
from dealpilot.forecast.rollup import forecast
from dealpilot.forecast.views.period import bad_request, for_period, read_period
from dealpilot.web.money import money_formatter


def _since(request: HttpRequest) -> dt.date | None:
    raw = request.GET.get("since", "")
    if not raw:
        return timezone.localdate() - dt.timedelta(days=7)
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        return None
    return day if dt.date(2000, 1, 1) <= day <= timezone.localdate() else None


def _start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _bad_since(request: HttpRequest) -> HttpResponse:
    return bad_request(request, _("Give the start date as YYYY-MM-DD, not after today."))


@login_required
@require_GET
@for_period
def moved_page(request: HttpRequest, p: Period) -> HttpResponse:
    since = _since(request)
    if since is None:
        return _bad_since(request)
    found = moves(access.forecast_deals(request.user), p, _start(since), timezone.localdate())
    return render(request, "forecast/moved.html", {"period": p, "since": since, "moves": found,
                                                   "money_fmt": money_formatter(), "shown": SHOWN,
                                                   "total": sum((m.delta for m in found), Decimal(0))})


@login_required
@require_GET
def moved_chart(request: HttpRequest) -> HttpResponse:
    p, since = read_period(request), _since(request)
    if p is None or since is None:
        return JsonResponse({"error": "bad period or date"}, status=400)
    today = timezone.localdate()
    deals = access.forecast_deals(request.user)
    fc = forecast(deals, p, today)
    now_total = fc.company.won + fc.company.open_pipeline + fc.company.by_call["omitted"]
    data = chart(now_total, moves(deals, p, _start(since), today))
    data.update(currency=fc.currency, title=_("The period's forecast by week"),
                names={"up": _("Up"), "down": _("Down")})
    return JsonResponse(data)
