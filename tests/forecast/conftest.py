"""The named cast (tests/web/conftest.py) plus forecast factories."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from dealpilot.forecast.models import DealForecast
from dealpilot.forecast.periods import quarter_of
from tests.web.conftest import Cast, cast, fast_passwords, login  # noqa: F401  (shared fixtures)
from tests.web.factories import make_deal


def in_quarter(days: int = 5) -> dt.date:
    """A close date inside this quarter."""
    q = quarter_of(timezone.localdate())
    return min(q.start + dt.timedelta(days=days), q.end)


def forecast_deal(owner: Any, *, call: str = "", evidence: str = "pipeline", amount: int = 100_000,
                  stage: str = "develop", probability: float | None = 0.5, missing: Any = None, **kw: Any) -> Any:
    kw.setdefault("close_date", in_quarter())
    deal = make_deal(owner=owner, amount=Decimal(amount), stage=stage, **kw)
    DealForecast.objects.create(opportunity=deal, call=call, evidence=evidence, probability=probability,
                                missing=missing or {})
    return deal
