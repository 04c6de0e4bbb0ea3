"""Where each number of the forecast leads: the pipeline with the filters that select its deals."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.urls import reverse

from dealpilot.forecast.periods import Period


def pipeline_link(p: Period, *, team: int | None = None, owner: int | None = None, status: str = "open",
                  call: str = "", evidence: str = "") -> str:
    q = QueryDict(mutable=True)
    q["status"] = status
    q["period"] = "custom"
    q["close_from"], q["close_to"] = p.start.isoformat(), p.end.isoformat()
    for key, value in (("team", team), ("owner", owner), ("call", call), ("evidence", evidence)):
        if value not in (None, ""):
            q[key] = str(value)
    return f"{reverse('pipeline')}?{q.urlencode()}"


def line_links(p: Period, team: int | None = None, owner: int | None = None) -> dict[str, Any]:
    def go(**kw: Any) -> str:
        return pipeline_link(p, team=team, owner=owner, **kw)
    return {"won": go(status="won"), "open": go(),
            "call": {c: go(call=c) for c in ("commit", "best_case", "pipeline", "omitted")},
            "evidence": {c: go(evidence=c) for c in ("commit", "best_case", "pipeline")}}
