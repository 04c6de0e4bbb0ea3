"""One checklist criterion at a time: status (a segmented control), evidence, source, date."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from dealpilot.deals import models as m
from dealpilot.deals.history import StaleVersion
from dealpilot.workspace import checklist as rows
from dealpilot.workspace import editing
from dealpilot.workspace.context import lang, load_deal, people_of, playbook_of
from dealpilot.workspace.forms import AnswerForm
from dealpilot.workspace.views import respond

FIELDS = list(rows.FIELDS)


def _criterion(opp: m.Opportunity, cid: str) -> Any:
    playbook = playbook_of(opp)
    for dim in playbook.dimensions if playbook is not None else []:
        for criterion in dim.criteria:
            if criterion.id == cid:
                return criterion
    raise Http404


def _answer(opp: m.Opportunity, cid: str) -> m.Answer | None:
    return next((a for a in opp.answers.all() if a.criterion == cid), None)


def _shown(request: HttpRequest, pk: int, cid: str, editing: bool) -> HttpResponse:
    opp = load_deal(request, pk)
    criterion = _criterion(opp, cid)
    row = rows.row(opp, criterion, _answer(opp, cid), None, lang())
    ctx = {"deal": opp, "row": row, "version": opp.version, "editing": editing, "sources": rows.people(opp)}
    if editing and not request.htmx:  # without JavaScript the editor is a page of its own
        return render(request, "workspace/answer_page.html", ctx)
    return respond.fragment(request, "_answer.html", ctx)


def _posted(request: HttpRequest, existing: m.Answer | None) -> Any:
    """The input, with what the form did not send kept as saved: the one-line status control
    posts only the status, and must not clear the evidence."""
    data = request.POST.copy()
    saved = rows.values(existing)
    for name in FIELDS:
        if name not in data:
            data[name] = saved[name]
    return data


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int, cid: str) -> HttpResponse:
    """GET: the criterion's row as it stands (the editor's Cancel) or, with `?edit`, its evidence
    editor (evidence, source, date); POST: save it."""
    if request.method == "GET":
        return _shown(request, pk, cid, editing="edit" in request.GET)
    opp = load_deal(request, pk)
    criterion = _criterion(opp, cid)
    version = respond.based_on(request)
    if version is None:
        return respond.missing_version(request)
    existing = _answer(opp, cid)
    before = editing.snapshot(existing, FIELDS) if existing else dict.fromkeys(FIELDS)
    data = _posted(request, existing)
    form = AnswerForm(data, people=people_of(opp))
    row = {**rows.row(opp, criterion, existing, None, lang(), data=data), "form": form}
    ctx = {"deal": opp, "row": row, "version": version, "sources": rows.people(opp)}
    if not form.is_valid():
        return respond.fragment(request, "_answer.html", ctx, status=422)
    previous = opp.score

    def apply() -> list[editing.Change]:
        item = existing
        if item is None:
            top = m.Answer.objects.filter(opportunity=opp).aggregate(n=Max("ordinal"))["n"]
            item = m.Answer(opportunity=opp, criterion=cid, ordinal=(top or 0) + 1)
        for f in FIELDS:
            setattr(item, f, form.cleaned_data[f])
        item.save()
        return editing.diff(f"answers.{cid}", before, editing.snapshot(item, FIELDS), {})

    try:
        fresh = editing.save(opp, request.user, version, apply)
    except StaleVersion:
        current = m.Answer.objects.filter(opportunity=opp, criterion=cid).select_related("source__contact").first()
        conflict = respond.conflict_context(form, current, FIELDS, opp)
        if current is None:
            conflict["removed"] = False
            conflict["newer"] = []
        ctx.update(conflict)
        return respond.fragment(request, "_answer.html", ctx, status=409)
    return respond.saved(request, opp.pk, "_answer.html", previous_score=previous, fresh=fresh,
                         from_version=version,
                         extra={"cid": cid})
