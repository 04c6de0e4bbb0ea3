"""Add, edit and remove the rows of a deal's lists: decision steps, competitors, milestones,
pains, value items, mutual plan steps, objections."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from dealpilot.deals import models as m
from dealpilot.deals.history import StaleVersion
from dealpilot.workspace import editing
from dealpilot.workspace.context import load_deal, people_of
from dealpilot.workspace.rows import RowKind, form_of, get_kind
from dealpilot.workspace.views import respond


def _kind(slug: str) -> RowKind:
    kind = get_kind(slug)
    if kind is None:
        raise Http404
    return kind


def _row(opp: m.Opportunity, kind: RowKind, row_id: int) -> tuple[int, Any]:
    """The row and its index in the document list; a row of another deal is a 404."""
    for index, row in enumerate(getattr(opp, kind.related).all()):
        if row.pk == row_id:
            return index, row
    raise Http404


def _form_context(opp: m.Opportunity, kind: RowKind, form: Any, row: Any | None, version: int) -> dict[str, Any]:
    key = row.pk if row is not None else "new"
    action = (reverse("workspace_row", args=[opp.pk, kind.key, row.pk]) if row is not None
              else reverse("workspace_row_new", args=[opp.pk, kind.key]))
    section = kind.section_id.removeprefix("field-")
    return {"deal": opp, "kind": kind, "form": form, "row": row, "version": version,
            "form_id": f"form-{kind.key}-{key}", "target": kind.section_id,
            "as_row": row is not None, "noun": kind.noun, "action": action,
            "cancel_url": reverse("workspace_section", args=[opp.pk, section])}


def _fields(kind: RowKind) -> list[str]:
    return list(form_of(kind)._meta.fields)


@login_required
@require_http_methods(["GET", "POST"])
def row_new(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    k = _kind(kind)
    opp = load_deal(request, pk)
    people = people_of(opp)
    if request.method == "GET":
        form = form_of(k)(people=people)
        return respond.fragment(request, "_row_form.html", _form_context(opp, k, form, None, opp.version))
    return _save(request, opp, k, None, None, form_of(k)(request.POST, people=people))


@login_required
@require_http_methods(["GET", "POST"])
def row_edit(request: HttpRequest, pk: int, kind: str, row_id: int) -> HttpResponse:
    k = _kind(kind)
    opp = load_deal(request, pk)
    people = people_of(opp)
    try:
        index, row = _row(opp, k, row_id)
    except Http404:
        if request.method == "POST" and respond.removed_since(request, opp):
            form = form_of(k)(request.POST, people=people)
            form.is_valid()
            ctx = _form_context(opp, k, form, None, opp.version)
            ctx.update({"conflict": True, "removed": True, "form_id": f"form-{k.key}-{row_id}"})
            return respond.fragment(request, "_row_form.html", ctx, status=409, retarget=ctx["form_id"])
        raise
    if request.method == "GET":
        form = form_of(k)(instance=row, people=people)
        return respond.fragment(request, "_row_form.html", _form_context(opp, k, form, row, opp.version))
    return _save(request, opp, k, index, row, form_of(k)(request.POST, instance=row, people=people))


def _save(request: HttpRequest, opp: m.Opportunity, kind: RowKind, index: int | None, row: Any | None,
          form: Any) -> HttpResponse:
    version = respond.based_on(request)
    if version is None:
        return respond.missing_version(request)
    fields = _fields(kind)
    before = editing.snapshot(row, fields) if row is not None else None
    ctx = _form_context(opp, kind, form, row, version)
    if not form.is_valid():
        return respond.fragment(request, "_row_form.html", ctx, status=422, retarget=ctx["form_id"])
    previous = opp.score

    def apply() -> list[editing.Change]:
        if row is None:
            top = kind.model.objects.filter(opportunity=opp).aggregate(n=Max("ordinal"))["n"]
            new = form.save(commit=False)
            new.opportunity, new.ordinal = opp, (top or 0) + 1
            new.save()
            position = kind.model.objects.filter(opportunity=opp).count() - 1
            return [(f"{kind.doc_path}[{position}]", None, editing.snapshot(new, fields))]
        saved_row = form.save()
        return editing.diff(f"{kind.doc_path}[{index}]", before or {}, editing.snapshot(saved_row, fields),
                            kind.names)

    try:
        fresh = editing.save(opp, request.user, version, apply)
    except StaleVersion:
        current = kind.model.objects.filter(pk=row.pk).first() if row is not None else None
        if row is not None:
            _attach(current, opp)
        ctx.update(respond.conflict_context(form, current, fields, opp))
        ctx["removed"] = row is not None and current is None
        return respond.fragment(request, "_row_form.html", ctx, status=409, retarget=ctx["form_id"])
    return respond.saved(request, opp.pk, kind.section, previous_score=previous, fresh=fresh,
                         from_version=version)


def _attach(row: Any | None, opp: m.Opportunity) -> None:
    """Give a freshly read row its people, for showing the newer values by name."""
    if row is None:
        return
    people = {p.pk: p for p in m.DealStakeholder.objects.filter(opportunity=opp).select_related("contact")}
    for f in row._meta.concrete_fields:
        if f.is_relation and f.related_model is m.DealStakeholder:
            setattr(row, f.name, people.get(getattr(row, f.attname)))


@login_required
@require_POST
def row_delete(request: HttpRequest, pk: int, kind: str, row_id: int) -> HttpResponse:
    k = _kind(kind)
    opp = load_deal(request, pk)
    index, row = _row(opp, k, row_id)
    version = respond.based_on(request)
    if version is None:
        return respond.missing_version(request)
    before = editing.snapshot(row, _fields(k))
    previous = opp.score

    def apply() -> list[editing.Change]:
        deleted, _ = k.model.objects.filter(pk=row.pk, opportunity=opp).delete()
        return [(f"{k.doc_path}[{index}]", before, None)] if deleted else []

    try:
        with transaction.atomic():
            fresh = editing.save(opp, request.user, version, apply)
    except StaleVersion:
        return respond.stale_block(request, opp.pk, k.section)
    return respond.saved(request, opp.pk, k.section, previous_score=previous, fresh=fresh,
                         from_version=version)
