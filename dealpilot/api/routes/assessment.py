"""A deal's assessment: scores, flags, next questions, call plan, intro paths, stage check, in
zh or en (`?lang=`, else the request's Accept-Language)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Router, Schema

from dealpilot.api.errors import json_response
from dealpilot.api.routes.deals import READ
from dealpilot.api.schemas import ErrorOut
from dealpilot.deals.access import get_deal_for_user
from dealpilot.deals.convert import deal_to_document
from dealpilot.deals.loading import with_lists
from dealpilot.deals.verdict import assess_document

router = Router()


class FlagOut(Schema):
    id: str
    severity: str
    dimension: str
    message: str
    people: list[str]
    field: str


class StageCheckOut(Schema):
    stage: str
    met: bool
    missing: list[str]


class AssessmentOut(Schema):
    score: int
    dimensions: dict[str, dict[str, Any]]
    flags: list[FlagOut]
    next_questions: list[dict[str, Any]]
    call_plan: list[dict[str, Any]]
    intro_paths: list[dict[str, Any]]
    stage_check: StageCheckOut
    stage_probability: float | None
    playbook: str
    as_of: str
    lang: str
    deal: dict[str, Any]


def language(request: HttpRequest, lang: str | None) -> str:
    if lang:
        return lang
    return "en" if (get_language() or "").startswith("en") else "zh"


@router.get("/{deal_id}/assessment", response={200: AssessmentOut, 503: ErrorOut, **READ}, summary="Assess a deal")
def get_assessment(request: HttpRequest, deal_id: int, lang: Literal["zh", "en"] | None = None) -> HttpResponse:
    """`stage_probability` is the playbook's conventional weight of the deal's stage, for comparison
    with the score; it is not a prediction."""
    opp = get_deal_for_user(request, deal_id, queryset=with_lists())
    result = assess_document(deal_to_document(opp))
    if result is None:
        return json_response({"detail": "the engine could not assess this deal"}, 503)
    stage = next((s for s in result.playbook.stages if s.id == opp.stage), None)
    data = result.to_dict(language(request, lang))
    data["stage_probability"] = stage.probability if stage is not None else None
    return json_response(data)
