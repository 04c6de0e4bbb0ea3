"""Deals: the list (the pipeline's filters, cursor pages), one deal as its `dealpilot/1`
document, create and replace from a document, change the header, delete (admins)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.errors import ValidationError
from pydantic import Field

from dealpilot.api.admins import require_admin
from dealpilot.api.documents import read_body
from dealpilot.api.errors import json_response, problems_response
from dealpilot.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from dealpilot.api.schemas import ConflictOut, DealPage, DealPatch, ErrorOut, InvalidOut
from dealpilot.api.stale import conflict
from dealpilot.deals import models as m
from dealpilot.deals.access import get_deal_for_user
from dealpilot.deals.convert import deal_to_document, save_document
from dealpilot.deals.history import StaleVersion
from dealpilot.deals.loading import with_lists
from dealpilot.engine.document import Deal
from dealpilot.engine.errors import Problem
from dealpilot.pipeline.access import pipeline_deals
from dealpilot.pipeline.filters import PipelineFilters, apply
from dealpilot.workspace import editing
from dealpilot.workspace.views.opportunity import BLOCKS, owners_for

router = Router()

# 400: a body that is not JSON at all (django-ninja's own answer).
READ = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: InvalidOut, 429: ErrorOut}
WRITE = {**READ, 403: ErrorOut, 409: ConflictOut}
# The request body of create and replace: the engine's document, read by the engine's parser.
DOCUMENT_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": {"$ref": "#/components/schemas/Deal"}}}}}
_LIST_FIELDS = ("id", "name", "stage", "amount", "currency", "close_date", "score", "flag_count", "top_flag",
                "evidence_share", "version", "updated_at", "team_id", "account__id", "account__name", "owner__id",
                "owner__username", "owner__first_name", "owner__last_name")


class DealFilters(Schema):
    """The pipeline's filters (docs/pipeline.md), by the same names as its query string."""

    status: str | None = Field(default=None, description="open (default), won, lost, all")
    stage: str | None = None
    owner: str | None = Field(default=None, description="a user id")
    team: str | None = Field(default=None, description="a team id")
    period: str | None = Field(default=None, description="this_month, this_quarter, next_quarter, custom")
    close_from: str | None = None
    close_to: str | None = None
    amount_min: str | None = None
    amount_max: str | None = None
    band: str | None = Field(default=None, description="weak, fair, strong")
    flag: str | None = Field(default=None, description="any, or a flag id")
    stale: str | None = Field(default=None, description="no change for this many days")
    q: str | None = Field(default=None, description="account, deal or contact name; pinyin works")
    cursor: str | None = None
    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def filtered(request: HttpRequest, filters: DealFilters, *, in_order: bool = False) -> Any:
    """The deals the user may see that match the filters, or 422 naming each bad filter."""
    data = filters.model_dump(exclude={"cursor", "limit"}, exclude_none=True)
    form = PipelineFilters(data, user=request.user, options=False)
    if not form.is_valid():
        raise ValidationError([{"loc": ["query", name if name != "__all__" else "(filters)"], "msg": str(msg)}
                               for name, messages in form.errors.items() for msg in messages])
    return apply(pipeline_deals(request, in_order=in_order), form.cleaned_data)


def _summary(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"], "name": row["name"], "account": {"id": row["account__id"], "name": row["account__name"]},
        "owner": {"id": row["owner__id"], "username": row["owner__username"],
                  "name": _name(row)},
        "team_id": row["team_id"], "stage": row["stage"],
        "amount": None if row["amount"] is None else float(row["amount"]), "currency": row["currency"],
        "close_date": row["close_date"].isoformat() if row["close_date"] else None, "score": row["score"],
        "flag_count": row["flag_count"], "top_flag": row["top_flag"], "evidence_share": row["evidence_share"],
        "version": row["version"], "updated_at": row["updated_at"].isoformat(),
    }


def _name(row: dict[str, Any]) -> str:
    from dealpilot.accounts.models import person_name

    return person_name(row["owner__username"], row["owner__first_name"], row["owner__last_name"])


@router.get("", response={200: DealPage, **READ}, by_alias=True, summary="List deals")
def list_deals(request: HttpRequest, filters: Query[DealFilters]) -> HttpResponse:
    """The deals you may see, in id order, with the pipeline's filters."""
    rows, next_cursor = page(filtered(request, filters, in_order=True).values(*_LIST_FIELDS), filters.cursor,
                             filters.limit)
    return json_response({"items": [_summary(r) for r in rows], "next_cursor": next_cursor})


def document_response(opp: m.Opportunity, status: int = 200) -> HttpResponse:
    """The deal as its document (read with `with_lists()`); the same text the CLI reads."""
    response = HttpResponse(json.dumps(deal_to_document(opp).to_data(), ensure_ascii=False), status=status,
                            content_type="application/json; charset=utf-8")
    response["ETag"] = f'"{opp.version}"'
    return response


@router.get("/{deal_id}", response={200: Deal, **READ}, by_alias=True, summary="Get a deal as a dealpilot/1 document")
def get_deal(request: HttpRequest, deal_id: int) -> HttpResponse:
    return document_response(get_deal_for_user(request, deal_id, queryset=with_lists()))


@router.post("", response={201: Deal, **WRITE}, openapi_extra=DOCUMENT_BODY, by_alias=True, summary="Create a deal from a document")
def create_deal(request: HttpRequest) -> HttpResponse:
    """The owner is you, unless the document names a login you may assign deals to."""
    saved = save_document(read_body(request), request.user)  # read back with its lists
    response = document_response(saved, 201)
    response["Location"] = reverse("api:get_deal", args=[saved.pk])
    return response


@router.put("/{deal_id}", response={200: Deal, **WRITE}, openapi_extra=DOCUMENT_BODY,
            summary="Replace a deal with a document")
def replace_deal(request: HttpRequest, deal_id: int) -> HttpResponse:
    """The document's `opportunity.version` must be the deal's current one (else 409 with the
    current document); the deal keeps its id, owner, team and shares."""
    opp = get_deal_for_user(request, deal_id, write=True)
    doc = read_body(request)
    try:
        saved = save_document(doc, request.user, opp)  # read back with its lists
    except StaleVersion as exc:
        return conflict(opp.pk, exc)
    return document_response(saved)


_HEADER = BLOCKS["header"]


@router.patch("/{deal_id}", response={200: Deal, **WRITE}, by_alias=True, summary="Change a deal's header fields")
def patch_deal(request: HttpRequest, deal_id: int, payload: DealPatch) -> HttpResponse:
    """name, amount, currency, stage, close date, owner (a login): the deal page's header form."""
    opp = get_deal_for_user(request, deal_id, write=True)
    given = payload.model_dump(include=payload.model_fields_set - {"version"})
    fields = list(_HEADER.form._meta.fields)
    owners = owners_for(request.user, opp)
    data = {"name": opp.name, "amount": "" if opp.amount is None else str(opp.amount), "currency": opp.currency,
            "stage": opp.stage, "close_date": opp.close_date.isoformat() if opp.close_date else "",
            "owner": str(opp.owner_id)}
    for name, value in given.items():
        data[name] = "" if value is None else str(value)
    if "owner" in given:
        found = owners.filter(username=given["owner"] or "").values_list("pk", flat=True).first()
        if found is None:
            return problems_response([Problem("body.owner", "is not someone this deal may be given to")])
        data["owner"] = str(found)
    before = editing.snapshot(opp, fields)
    form = _HEADER.form(data, instance=opp, people=[], owners=owners)
    if not form.is_valid():
        return problems_response([Problem(f"body.{name}", str(msg)) for name, messages in form.errors.items()
                                  for msg in messages])
    values = {f: form.cleaned_data[f] for f in fields}

    def change() -> list[editing.Change]:
        m.Opportunity.objects.filter(pk=opp.pk).update(**values)
        return editing.diff(_HEADER.doc_path, before, editing.snapshot(opp, fields), _HEADER.names)

    try:
        editing.save(opp, request.user, payload.version, change)
    except StaleVersion as exc:
        return conflict(opp.pk, exc)
    return document_response(with_lists().get(pk=opp.pk))


@router.delete("/{deal_id}", response={204: None, **WRITE}, by_alias=True, summary="Delete a deal (admins)")
def delete_deal(request: HttpRequest, deal_id: int) -> HttpResponse:
    opp = get_deal_for_user(request, deal_id, write=True)
    require_admin(request, "delete deals")
    opp.delete()
    return HttpResponse(status=204)


