"""The deals whose rep's call is above what their evidence supports, with the items missing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from dealpilot.accounts.models import display_name
from dealpilot.deals.models import Opportunity
from dealpilot.engine import forecast as fc
from dealpilot.forecast.periods import Period
from dealpilot.forecast.rollup import period_deals

LIMIT = 100


@dataclass
class WeakCall:
    deal: Opportunity
    owner_name: str
    call: str
    evidence: str
    label: Any  # engine Text
    missing: list[dict[str, str]]


def weak_calls(deals: QuerySet[Opportunity], p: Period) -> list[WeakCall]:
    """Commit called on best-case or pipeline evidence, best case called on pipeline evidence."""
    above = (Q(forecast__call=fc.COMMIT) & Q(forecast__evidence__in=[fc.BEST_CASE, fc.PIPELINE])) | (
        Q(forecast__call=fc.BEST_CASE) & Q(forecast__evidence=fc.PIPELINE))
    qs = (period_deals(deals, p).open().filter(above).select_related("account", "owner", "forecast")
          .order_by("-amount", "pk")[:LIMIT])
    out = []
    for d in qs:
        check = fc.check_call(d.forecast.call, fc.Evidence(d.forecast.evidence))
        out.append(WeakCall(d, display_name(d.owner), check.call, check.evidence, check.label,
                            list(d.forecast.missing.get(check.call, []))))
    return out
