"""The checklist rows as the page shows them: each criterion with the deal's answer (or the
user's input coming back), the engine's credit for it, and the source picker ready-made.

Built in Python once per request rather than per row in the template: the checklist has
dozens of rows and the page's speed budget is a few times a bare view.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dealpilot.deals import models as m
from dealpilot.web.links import url

FIELDS = ("status", "evidence", "source", "date")


def labels() -> dict[str, str]:
    """The words every row repeats (checklist, edit and remove), translated once per language."""
    return dict(_labels(get_language()))


@lru_cache(maxsize=8)
def _labels(language: str | None) -> dict[str, str]:
    return {"yes": _("Yes"), "partly": _("Partly"), "no": _("No"), "unknown": _("Unknown"),
            "status": _("Status"), "evidence": _("Evidence"), "placeholder": _("Evidence: what was said or seen"),
            "source": _("Source"), "pick_source": _("source…"), "date": _("Date"), "save": _("Save"),
            "edit": _("Edit"), "remove": _("Remove"), "confirm_remove": _("Remove this item?")}


def values(answer: m.Answer | None, data: Any = None) -> dict[str, str]:
    """What a row's inputs show: the user's input when it came back, else the saved answer."""
    if data is not None:
        return {k: str(data.get(k, "") or "") for k in FIELDS}
    if answer is None:
        return {"status": "unknown", "evidence": "", "source": "", "date": ""}
    return {"status": answer.status, "evidence": answer.evidence or "",
            "source": str(answer.source_id or ""), "date": answer.date.isoformat() if answer.date else ""}


class SourceMenu:
    """The source picker's options for one deal: names escaped once per page, and the options
    written once per person chosen (a page has dozens of rows but a handful of people)."""

    def __init__(self, opp: m.Opportunity) -> None:
        self.people = [(str(p.pk), str(escape(p.contact.name))) for p in opp.stakeholders.all()]
        self._written: dict[str, SafeString] = {}

    def options(self, chosen: str) -> SafeString:
        written = self._written.get(chosen)
        if written is None:
            written = self._written[chosen] = mark_safe("".join(
                f'<option value="{pk}"{" selected" if pk == chosen else ""}>{name}</option>'
                for pk, name in self.people))
        return written


def _action(opp: m.Opportunity, cid: str) -> str:
    return url("workspace_answer", opp.pk, cid)


def row(opp: m.Opportunity, criterion: Any, answer: m.Answer | None, result: Any | None,
        people: SourceMenu, lang: str, data: Any = None, action: str = "") -> dict[str, Any]:
    shown = values(answer, data)
    credit = reasons = ""
    if result is not None:
        credit = f"{result.points:.1f}/{result.max_points:g}"
        reasons = "; ".join(r.get(lang) for r in result.reasons)
    return {"criterion": criterion, "id": criterion.id, "text": criterion.text.get(lang),
            "hint": criterion.hint.get(lang) if criterion.hint else "", "answer": answer,
            "action": action or _action(opp, criterion.id),
            "options": people.options(shown["source"]), "credit": credit, "reasons": reasons, **shown}


def rows(opp: m.Opportunity, playbook: Any | None, assessment: Any | None, lang: str) -> list[dict[str, Any]]:
    """The playbook's criteria grouped by dimension, with answers and the engine's credit."""
    if playbook is None:
        return []
    answers = {a.criterion: a for a in opp.answers.all()}
    results = {}
    if assessment is not None:
        results = {c.id: c for d in assessment.dimensions for c in d.criteria}
    people = SourceMenu(opp)
    # One reverse() for the page; criterion ids are URL-safe slugs by the playbook's own rules.
    prefix = _action(opp, "criterion")[: -len("criterion/")]
    return [{"dimension": dim, "name": dim.name.get(lang),
             "rows": [row(opp, c, answers.get(c.id), results.get(c.id), people, lang, action=f"{prefix}{c.id}/")
                      for c in dim.criteria]}
            for dim in playbook.dimensions]
