"""The checklist rows as the page shows them: each criterion with the deal's answer (or the
user's input coming back), the engine's credit for it, and who the answer's source is.
The markup is `workspace/_checklist_rows.html`."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from dealpilot.deals import models as m

FIELDS = ("status", "evidence", "source", "date")
STATUSES = (("yes", "✓"), ("partly", "◐"), ("no", "✗"), ("unknown", "?"))


def values(answer: m.Answer | None, data: Any = None) -> dict[str, str]:
    """What a row shows: the user's input when it came back, else the saved answer."""
    if data is not None:
        return {k: str(data.get(k, "") or "") for k in FIELDS}
    if answer is None:
        return {"status": "unknown", "evidence": "", "source": "", "date": ""}
    return {"status": answer.status, "evidence": answer.evidence or "",
            "source": str(answer.source_id or ""), "date": answer.date.isoformat() if answer.date else ""}


def people(opp: m.Opportunity) -> list[tuple[str, str]]:
    """The source picker's choices: (pk, name) of each person on the deal."""
    return [(str(p.pk), p.contact.name) for p in opp.stakeholders.all()]


def words() -> dict[str, Any]:
    """The words every row repeats, translated once per page (in the active language)."""
    return {"status": gettext("Status"), "none": gettext("no evidence yet"),
            "statuses": [("yes", gettext("Yes")), ("partly", gettext("Partly")), ("no", gettext("No")),
                         ("unknown", gettext("Unknown"))]}


def row(opp: m.Opportunity, criterion: Any, answer: m.Answer | None, result: Any | None, lang: str,
        data: Any = None, names: dict[str, str] | None = None, shared: dict[str, Any] | None = None) -> dict[str, Any]:
    shown = values(answer, data)
    credit = reasons = ""
    if result is not None:
        credit = f"{result.points:.1f}/{result.max_points:g}"
        reasons = "; ".join(r.get(lang) for r in result.reasons)
    names = dict(people(opp)) if names is None else names
    return {"criterion": criterion, "id": criterion.id, "deal_pk": opp.pk, "text": criterion.text.get(lang),
            "hint": criterion.hint.get(lang) if criterion.hint else "", "answer": answer,
            "action": reverse("workspace_answer", args=[opp.pk, criterion.id]),
            "day": answer.date if answer is not None and data is None else None,
            "source_name": names.get(shown["source"], ""), "credit": credit, "reasons": reasons,
            "words": words() if shared is None else shared, **shown}


def rows(opp: m.Opportunity, playbook: Any | None, assessment: Any | None, lang: str) -> list[dict[str, Any]]:
    """The playbook's criteria grouped by dimension, with answers and the engine's credit."""
    if playbook is None:
        return []
    answers = {a.criterion: a for a in opp.answers.all()}
    results = {}
    if assessment is not None:
        results = {c.id: c for d in assessment.dimensions for c in d.criteria}
    names, shared = dict(people(opp)), words()
    return [{"dimension": dim, "name": dim.name.get(lang),
             "rows": [row(opp, c, answers.get(c.id), results.get(c.id), lang, names=names, shared=shared)
                      for c in dim.criteria]}
            for dim in playbook.dimensions]
