"""The only place the web app asks the engine for a verdict on a deal.

Builds the engine's Deal from the database, calls `assess`, and caches the overall score and
the flag count on the Opportunity row so the list page never assesses 50 deals per request.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.dispatch import Signal
from django.utils import timezone

from dealpilot.deals.convert import deal_to_document, load_deal
from dealpilot.deals.models import Opportunity

log = logging.getLogger(__name__)

#: Sent when an assessment finds flags the deal did not have before: `deal`, `flags` (ids).
flags_raised = Signal()

try:  # the assessment module may be absent in a partial checkout; pages then show no verdict
    from dealpilot.engine.assess import assess as _assess
except ImportError:  # pragma: no cover - depends on the engine being installed
    _assess = None


def available() -> bool:
    return _assess is not None


def today() -> dt.date:
    return timezone.localdate()


def assess_document(doc: Any, as_of: dt.date | None = None) -> Any | None:
    """The engine's Assessment of a document, or None when the engine cannot assess it."""
    if _assess is None:
        return None
    from dealpilot.engine.playbook import get_playbook

    try:
        return _assess(doc, get_playbook(doc.playbook), as_of=as_of or today())
    except Exception:  # a failing rule must not take the deal's page down with it
        log.exception("assessment failed for %s", doc.opportunity.id)
        return None


def summary(assessment: Any | None) -> tuple[float | None, int | None]:
    if assessment is None:
        return None, None
    return round(float(assessment.score), 1), len(assessment.flags)


def pipeline_columns(assessment: Any | None) -> dict[str, Any]:
    """The cached verdict the pipeline filters, sorts and shows by (see dealpilot.engine.summary)."""
    from dealpilot.engine.summary import evidence_share, most_severe_flag

    score, flags = summary(assessment)
    if assessment is None:
        return {"score": None, "flag_count": None, "flag_ids": "", "top_flag": "", "top_flag_severity": "",
                "evidence_share": None}
    top, severity = most_severe_flag(assessment)
    ids = sorted({f.id for f in assessment.flags})
    return {"score": score, "flag_count": flags, "flag_ids": f" {' '.join(ids)} " if ids else "",
            "top_flag": top, "top_flag_severity": severity, "evidence_share": evidence_share(assessment)}


def assess_opportunity(opp: Opportunity, *, cache: bool = True, document: Any | None = None,
                       cause: str = "") -> Any | None:
    """Assess a deal and cache the result. Read `opp` with `loading.with_lists()`, as every door
    does (`refresh_verdict` reads it so itself): otherwise each list costs a query. `document`:
    the deal's document when the caller has just built it from this `opp` (`deal_to_document`)."""
    assessment = assess_document(document if document is not None else deal_to_document(opp))
    if cache:
        columns = pipeline_columns(assessment)
        if any(getattr(opp, name) != value for name, value in columns.items()):
            raised = set(columns["flag_ids"].split()) - set(opp.flag_ids.split())
            if raised:
                flags_raised.send(sender=Opportunity, deal=opp, flags=sorted(raised))
            if columns["score"] != opp.score:
                columns["previous_score"] = opp.score
            Opportunity.objects.filter(pk=opp.pk).update(**columns)
            for name, value in columns.items():
                setattr(opp, name, value)
        from dealpilot.review.snapshots import record_snapshot

        record_snapshot(opp, assessment, cause=cause)  # history: stored only when a score or the flags moved
        from dealpilot.forecast.store import record as record_forecast

        record_forecast(opp, assessment)  # evidence category and win probability for the forecast
    return assessment


def refresh_verdict(opp: Opportunity) -> Any | None:
    """Re-assess after a change; callers go through this so the list's cached numbers stay true."""
    return assess_opportunity(load_deal(opp.pk))
