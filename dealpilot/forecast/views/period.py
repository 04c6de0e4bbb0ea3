"""What every forecast view starts with: the period asked for (default: this quarter), a 400 page
naming the format when it cannot be read, and the role checks that come before it."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from dealpilot.forecast import access, periods

View = Callable[..., HttpResponse]


def read_period(request: HttpRequest) -> periods.Period | None:
    raw = request.GET.get("period") or request.POST.get("period") or ""
    if not raw:
        return periods.quarter_of(timezone.localdate())
    try:
        return periods.parse(raw)
    except ValueError:
        return None


def bad_request(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "forecast/bad_request.html", {"reason": reason}, status=400)


def bad_period(request: HttpRequest) -> HttpResponse:
    return bad_request(request, _("Unknown period: give a quarter such as 2026-Q4 or a month such as 2026-11."))


def for_period(view: View) -> View:
    """Calls `view(request, period, ...)`, or answers 400 when the period cannot be read."""
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        p = read_period(request)
        return bad_period(request) if p is None else view(request, p, *args, **kwargs)
    return wrapped


def _requiring(check: Callable[[Any], None]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            check(request.user)  # PermissionDenied: 403, before anything is read
            return view(request, *args, **kwargs)
        return wrapped
    return decorator


admins_only = _requiring(access.require_admin)
adjusters_only = _requiring(access.require_adjuster)
