"""A deal's lists: stakeholders, decision chain, competitors, milestones, pains, value, mutual plan,
objections (by position) and the checklist answers (by criterion): list, add, change, remove.

Each change is made to the deal's document and saved with `save_document` (the deals app's one
writer of lists, `deals.writer`): the engine checks the whole document, references included, so
a change the document could not hold is refused with the engine's problems and nothing is
written; the body's `version` must be the deal's current one (409 otherwise).

No `from __future__ import annotations` here: the views are made per list, and django-ninja
reads their parameter types from the annotations, which must be classes, not strings.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router
from pydantic import BaseModel, ConfigDict, Field, create_model

from dealpilot.api.documents import parse_data
from dealpilot.api.errors import json_response
from dealpilot.api.routes.deals import READ, WRITE
from dealpilot.api.stale import conflict
from dealpilot.deals.access import get_deal_for_user
from dealpilot.deals.convert import deal_to_document, save_document
from dealpilot.deals.history import StaleVersion
from dealpilot.deals.loading import with_lists
from dealpilot.deals.rowkinds import ALL, ANSWERS
from dealpilot.engine import document as d
from dealpilot.engine.contact import DIRECT_KINDS, direct_recent, later_contact, raised_access

router = Router()

ENTRY_MODELS: dict[str, type[BaseModel]] = {
    "stakeholders": d.Stakeholder, "decision_chain": d.DecisionStep, "competitors": d.Competitor,
    "milestones": d.Milestone, "pains": d.Pain, "value": d.ValueItem, "mutual_plan": d.PlanStep,
    "objections": d.Objection, "answers": d.Answer, "activities": d.Activity,
}
Version = Field(ge=1, lt=2**31, description="the deal version the change is based on")


def _place(data: dict[str, Any], doc_path: str) -> tuple[dict[str, Any], str]:
    *parents, name = doc_path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    return data, name


def _edit(request: HttpRequest, deal_id: int, version: int, doc_path: str,
          change: Callable[[Any], Any], then: Callable[[dict[str, Any]], None] | None = None) -> HttpResponse:
    opp = get_deal_for_user(request, deal_id, write=True, queryset=with_lists())
    data = deal_to_document(opp).to_data()
    data["opportunity"]["version"] = version
    place, name = _place(data, doc_path)
    place[name] = change(place.get(name))
    if then is not None:
        then(data)
    doc = parse_data(data)  # DocumentError: 422 with the engine's problems
    try:
        saved = save_document(doc, request.user, opp)
    except StaleVersion as exc:
        return conflict(opp.pk, exc)
    return _listed(saved, doc_path)


def _listed(opp: Any, doc_path: str) -> HttpResponse:
    """The list at `doc_path` of a deal read with `with_lists()`."""
    place, name = _place(deal_to_document(opp).to_data(), doc_path)
    empty: Any = {} if doc_path == ANSWERS.doc_path else []
    return json_response({"version": opp.version, "items": place.get(name, empty)})


def _entry(entry: BaseModel) -> dict[str, Any]:
    return entry.model_dump(mode="json", by_alias=True, exclude_none=True)


def _at(items: list[Any], index: int) -> int:
    if not 0 <= index < len(items):
        raise Http404
    return index


# Where the document points at a stakeholder by id (the rows' `people` in deals.rowkinds).
_PERSON_FIELDS = {"decision_chain": ("owner",), "pains": ("owner", "confirmed_with"), "value": ("for",),
                  "mutual_plan": ("owner",), "objections": ("raised_by",)}


def forget_person(data: dict[str, Any], key: str) -> None:
    """A removed stakeholder leaves no reference behind, as on the deal page: whoever pointed at
    them now points at nobody (the database's SET_NULL) and relationships with them are dropped."""
    for person in data.get("stakeholders", []):
        if person.get("reports_to") == key:
            person.pop("reports_to")
        if "relationships" in person:
            person["relationships"] = [r for r in person["relationships"] if r.get("with") != key]
    for list_key, fields in _PERSON_FIELDS.items():
        for row in data.get(list_key, []):
            for name in fields:
                if row.get(name) == key:
                    row.pop(name)
    budget = data.get("budget", {})
    for name in ("applicant", "approver"):
        if budget.get(name) == key:
            budget.pop(name)
    for answer in data.get("answers", {}).values():
        if answer.get("source") == key:
            answer.pop("source")
    for activity in data.get("activities", []):  # an activity keeps its other participants
        if key in activity.get("stakeholders", []):
            activity["stakeholders"] = [k for k in activity["stakeholders"] if k != key]


def _day(text: Any) -> dt.date | None:
    return dt.date.fromisoformat(text) if isinstance(text, str) and text else None


def contacts_after(activity: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """A logged activity moves each participant's last contact and access, as logging it on the
    deal page does (the engine's contact rules)."""
    def apply(data: dict[str, Any]) -> None:
        day, kind = _day(activity["date"]), activity["kind"]
        earlier = data.get("activities", [])[:-1]
        for person in data.get("stakeholders", []):
            if day is None or person.get("id") not in activity.get("stakeholders", []):
                continue
            direct_days = [_day(a.get("date")) for a in earlier
                           if a.get("kind") in DIRECT_KINDS and person["id"] in a.get("stakeholders", [])]
            person["last_contact"] = later_contact(_day(person.get("last_contact")), day).isoformat()
            person["access"] = raised_access(person.get("access", "none"), kind,
                                             direct_recent(kind, day, [x for x in direct_days if x]))
    return apply


def _register_list(key: str, doc_path: str, model: type[BaseModel]) -> None:
    title = key.replace("_", " ")
    page_model = create_model(f"{model.__name__}List", version=(int, ...), items=(list[model], ...))
    body = create_model(f"{model.__name__}Write", __config__=ConfigDict(extra="forbid"),
                        version=(int, Version), entry=(model, ...))

    def read(request: HttpRequest, deal_id: int) -> HttpResponse:
        return _listed(get_deal_for_user(request, deal_id, queryset=with_lists()), doc_path)

    def add(request: HttpRequest, deal_id: int, payload: body) -> HttpResponse:  # type: ignore[valid-type]
        entry = _entry(payload.entry)
        then = contacts_after(entry) if key == "activities" else None
        return _edit(request, deal_id, payload.version, doc_path, lambda items: [*(items or []), entry], then)

    def change(request: HttpRequest, deal_id: int, index: int, payload: body) -> HttpResponse:  # type: ignore[valid-type]
        def put(items: Any) -> Any:
            items = list(items or [])
            items[_at(items, index)] = _entry(payload.entry)
            return items
        return _edit(request, deal_id, payload.version, doc_path, put)

    def remove(request: HttpRequest, deal_id: int, index: int, version: int) -> HttpResponse:
        gone: list[Any] = []

        def drop(items: Any) -> Any:
            items = list(items or [])
            gone.append(items.pop(_at(items, index)))
            return items

        def tidy(data: dict[str, Any]) -> None:
            if key == "stakeholders":
                forget_person(data, gone[0]["id"])
        return _edit(request, deal_id, version, doc_path, drop, tidy)

    path, item = f"/{{deal_id}}/{key}", f"/{{deal_id}}/{key}/{{index}}"
    router.get(path, response={200: page_model, **READ}, by_alias=True, summary=f"List a deal's {title}",
               operation_id=f"list_{key}")(read)
    router.post(path, response={200: page_model, **WRITE}, by_alias=True, summary=f"Add to a deal's {title}",
                operation_id=f"add_{key}")(add)
    router.put(item, response={200: page_model, **WRITE}, by_alias=True, summary=f"Change one of a deal's {title} (by position)",
               operation_id=f"change_{key}")(change)
    router.delete(item, response={200: page_model, **WRITE}, by_alias=True, summary=f"Remove one of a deal's {title} (by position)",
                  operation_id=f"remove_{key}")(remove)


def _register_answers() -> None:
    page_model = create_model("AnswerMap", version=(int, ...), items=(dict[str, d.Answer], ...))
    body = create_model("AnswerWrite", __config__=ConfigDict(extra="forbid"), version=(int, Version),
                        entry=(d.Answer, ...))
    path, item = "/{deal_id}/answers", "/{deal_id}/answers/{criterion}"

    def read(request: HttpRequest, deal_id: int) -> HttpResponse:
        return _listed(get_deal_for_user(request, deal_id, queryset=with_lists()), ANSWERS.doc_path)

    def put(request: HttpRequest, deal_id: int, criterion: str, payload: body) -> HttpResponse:  # type: ignore[valid-type]
        return _edit(request, deal_id, payload.version, ANSWERS.doc_path,
                     lambda answers: {**(answers or {}), criterion: _entry(payload.entry)})

    def remove(request: HttpRequest, deal_id: int, criterion: str, version: int) -> HttpResponse:
        def drop(answers: Any) -> Any:
            answers = dict(answers or {})
            if criterion not in answers:
                raise Http404
            del answers[criterion]
            return answers
        return _edit(request, deal_id, version, ANSWERS.doc_path, drop)

    router.get(path, response={200: page_model, **READ}, by_alias=True, summary="List a deal's checklist answers",
               operation_id="list_answers")(read)
    router.put(item, response={200: page_model, **WRITE}, by_alias=True, summary="Answer a checklist criterion",
               operation_id="put_answer")(put)
    router.delete(item, response={200: page_model, **WRITE}, by_alias=True, summary="Remove a checklist answer",
                  operation_id="remove_answer")(remove)


for _kind in ALL:
    if _kind is not ANSWERS:
        _register_list(_kind.key, _kind.doc_path, ENTRY_MODELS[_kind.key])
_register_answers()

