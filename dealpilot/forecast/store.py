"""Writing each deal's forecast row when the deal is assessed: evidence category, what the
stronger categories lack, and the win probability with its source.

Called from `deals.verdict.assess_opportunity` (every save) and in bulk by `refresh`, so the
forecast page aggregates stored columns and never assesses a deal per request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dealpilot.deals.models import Opportunity
from dealpilot.engine import forecast as fc
from dealpilot.forecast import winmodel
from dealpilot.forecast.models import DealForecast

_OPEN = (fc.COMMIT, fc.BEST_CASE, fc.PIPELINE)
_ASK = object()


def columns(assessment: Any, model: Any = _ASK) -> dict[str, Any]:
    """The stored columns for one assessed deal (no call: only the rep writes that); `model`:
    the win model in use when the caller already knows it (None: the rules estimate)."""
    ev = fc.evidence(assessment)
    missing = {k: [{"zh": t.zh, "en": t.en} for t in v] for k, v in ev.missing.items()}
    p, source = winmodel.probability(assessment, winmodel.active() if model is _ASK else model, known=True)
    return {"evidence": ev.category, "missing": missing, "probability": p, "source": source}


def record(opp: Opportunity, assessment: Any) -> DealForecast | None:
    if assessment is None:
        return None
    values = columns(assessment)
    row, _created = DealForecast.objects.get_or_create(opportunity=opp, defaults=values)
    changed = [k for k, v in values.items() if getattr(row, k) != v]
    for k in changed:
        setattr(row, k, values[k])
    if values["evidence"] in _OPEN:  # keep the last open values for calibration once it closes
        for k, v in (("open_call", row.call or fc.PIPELINE), ("open_evidence", values["evidence"]),
                     ("open_probability", values["probability"])):
            if getattr(row, k) != v:
                setattr(row, k, v)
                changed.append(k)
    if changed:
        row.save(update_fields=changed)
    return row


def refresh(deals: Iterable[Opportunity]) -> int:
    """Re-assess deals (read with `deals.loading.with_lists()`) and store their forecast rows."""
    from dealpilot.deals.convert import deal_to_document
    from dealpilot.deals.verdict import assess_document

    n = 0
    for opp in deals:
        if record(opp, assess_document(deal_to_document(opp))) is not None:
            n += 1
    return n
