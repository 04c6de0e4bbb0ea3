"""What the workspace templates need: the deal loaded in a fixed number of queries, the
checklist grouped by dimension, and the engine's verdict (one `assess` call per request)."""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language

from dealpilot.deals import loading
from dealpilot.deals import models as m
from dealpilot.deals.access import get_deal_for_user
from dealpilot.deals.rowkinds import FACTS, FACTS_BY_KEY
from dealpilot.deals.verdict import assess_opportunity
from dealpilot.engine.flags import SEVERITY_RANK
from dealpilot.workspace import checklist as checklist_rows

# document list key → (related name on Opportunity, anchor prefix in the page)
ROW_ANCHORS = {"stakeholders": ("stakeholders", "stakeholder"),
               **{k.key: (k.related, k.key) for k in FACTS}}
SECTION_OF = {"budget": "field-budget", "timeline": "field-timeline", "opportunity": "deal-header",
              "answers": "field-answers"}
_PATH = re.compile(r"^(?:timeline\.)?([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?")


def load_deal(request: HttpRequest, pk: Any) -> m.Opportunity:
    """The deal the user may see, with every fact, or 404."""
    opp = get_deal_for_user(request, pk, write=request.method == "POST", queryset=loading.with_lists())
    loading.link_people(opp)
    label_roles(opp)
    return opp


def label_roles(opp: m.Opportunity) -> None:
    """Each person's buying roles by their names in the deal's playbook and the page's language."""
    names = dict(role_choices(playbook_of(opp)))
    for person in people_of(opp):
        person.role_labels = [names.get(r, r) for r in person.roles]  # type: ignore[attr-defined]


def people_of(opp: m.Opportunity) -> list[m.DealStakeholder]:
    return list(opp.stakeholders.all())


def lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


def playbook_of(opp: m.Opportunity) -> Any | None:
    from dealpilot.engine.playbook import get_playbook

    try:
        return get_playbook(opp.playbook)
    except Exception:  # an unknown playbook id: the page still shows the deal's facts
        return None


def role_choices(playbook: Any | None) -> list[tuple[str, str]]:
    if playbook is None:
        return []
    code = lang()
    return [(r.id, r.name.get(code)) for r in playbook.roles]


def checklist(opp: m.Opportunity, playbook: Any | None, assessment: Any | None) -> list[dict[str, Any]]:
    return checklist_rows.rows(opp, playbook, assessment, lang())


def anchor_for(opp: m.Opportunity, path: str) -> str:
    """The page element holding the document path a flag names (`pains[0].confirmed_with`)."""
    if path.startswith("answers."):
        return f"answer-{path.split('.', 1)[1]}"
    match = _PATH.match(path or "")
    if not match:
        return "deal-verdict"
    key, index = match.group(1), match.group(2)
    if path.startswith("timeline.") and key == "compelling_event":
        return "field-timeline"
    if key in ROW_ANCHORS:
        related, prefix = ROW_ANCHORS[key]
        rows = list(getattr(opp, related).all())
        if index is not None and int(index) < len(rows):
            return f"{prefix}-{rows[int(index)].pk}"
        return "field-stakeholders" if key == "stakeholders" else f"field-{key}"
    return SECTION_OF.get(key, f"field-{key}")


def verdict(opp: m.Opportunity, previous_score: float | None = None, fresh: Any = None) -> dict[str, Any]:
    """The engine's assessment of the deal as it is now (`fresh`: already made by the save),
    ready for `_verdict.html` and the header."""
    assessment = fresh if fresh is not None else assess_opportunity(opp)
    flags = []
    if assessment is not None:
        ordered = sorted(assessment.flags, key=lambda f: SEVERITY_RANK.get(f.severity, 9))
        flags = [{"flag": f, "anchor": anchor_for(opp, f.field)} for f in ordered]
    trend = None
    if previous_score is not None and opp.score is not None and round(opp.score) != round(previous_score):
        trend = "up" if opp.score > previous_score else "down"
    return {"assessment": assessment, "flags": flags, "trend": trend, "previous_score": previous_score}


def page_context(opp: m.Opportunity, previous_score: float | None = None, fresh: Any = None) -> dict[str, Any]:
    playbook = playbook_of(opp)
    result = verdict(opp, previous_score, fresh)
    return {"deal": opp, "playbook": playbook, "people": people_of(opp), "kinds": FACTS_BY_KEY,
            "sources": checklist_rows.people(opp), "checklist": checklist(opp, playbook, result["assessment"]),
            **result}
