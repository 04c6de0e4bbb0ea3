"""The rep's forecast call, written through the deal's versioned save so it is in the history
(field `forecast.call`) and an edit based on an older version is refused like any other."""

from __future__ import annotations

from typing import Any

from dealpilot.deals.models import Opportunity
from dealpilot.engine import forecast as fc
from dealpilot.forecast.models import DealForecast
from dealpilot.workspace import editing


def set_call(opp: Opportunity, user: Any, based_on: int, call: str) -> Any | None:
    """Store the call; returns the new assessment, or None when the call did not change.
    Raises ValueError for an unknown call and StaleVersion for an outdated form."""
    if call not in fc.CALLS:
        raise ValueError(call)

    def apply() -> list[editing.Change]:
        row, _created = DealForecast.objects.get_or_create(opportunity=opp)
        old = row.call or fc.PIPELINE
        if old != call or not row.call:
            row.call = call
            update = ["call"]
            if opp.stage not in ("won", "lost"):
                row.open_call = call
                update.append("open_call")
            row.save(update_fields=update)
        return [("forecast.call", old, call)]

    return editing.save(opp, user, based_on, apply)
