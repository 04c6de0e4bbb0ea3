"""The proposals from an activity's note, beside the note; the rep accepts, edits or rejects each.

Nothing is written until the rep clicks: reading the page proposes, it does not save."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dealpilot.activities import saving
from dealpilot.activities.forms import ProposalForm
from dealpilot.activities.models import Activity, Decision
from dealpilot.activities.proposing import pieces, read_note
from dealpilot.deals import models as m
from dealpilot.deals.history import StaleVersion
from dealpilot.workspace.context import lang, load_deal, page_context, people_of, playbook_of
from dealpilot.workspace.editing import parse_version
from dealpilot.workspace.views import respond


def _activity(opp: Any, aid: Any) -> Activity:
    for activity in opp.activities.all():
        if activity.pk == aid:
            return activity
    raise Http404


def _criteria(playbook: Any) -> list[tuple[str, str]]:
    code = lang()
    return [(c.id, f"{d.name.get(code)} · {c.text.get(code)}") for d, c in playbook.criteria()]


def _form(opp: Any, playbook: Any, proposal: Any, data: Any = None) -> ProposalForm:
    people = people_of(opp)
    source = next((p for p in people if p.key == proposal.source), None)
    initial = {"criterion": proposal.criterion, "status": proposal.status, "evidence": proposal.evidence,
               "source": str(source.pk) if source else "", "date": proposal.date}
    return ProposalForm(data, initial=initial, prefix=f"p{proposal.sentence}", people=people,
                        criteria=_criteria(playbook))


def _context(request: HttpRequest, opp: Any, activity: Activity, forms: dict[int, ProposalForm] | None = None,
             message: str = "") -> dict[str, Any]:
    playbook = playbook_of(opp)
    if playbook is None:
        raise Http404
    found, deal = read_note(opp, activity, playbook)
    code = lang()
    names = {s.id: s.name for s in deal.stakeholders}
    decisions = {d.sentence: d for d in activity.decisions.all()}
    rows = []
    for p in found.proposals:
        criterion = playbook.criterion(p.criterion)
        rows.append({
            "p": p, "text": criterion.text.get(code) if criterion else p.criterion,
            "dimension": playbook.dimension(p.dimension).name.get(code) if p.dimension else "",
            "alternatives": [c.text.get(code) for c in map(playbook.criterion, p.alternatives) if c],
            "source_name": names.get(p.source or "", ""), "decision": decisions.get(p.sentence),
            "form": (forms or {}).get(p.sentence) or _form(opp, playbook, p),
        })
    return {**page_context(opp), "activity": activity, "found": found, "rows": rows, "names": names,
            "pieces": pieces(activity.note, found), "version": opp.version, "message": message,
            "participants": activity.participants(people_of(opp)), "pain_labels": dict(m.PainCategory.choices),
            "deal_texts": {"people": {s.name for s in deal.stakeholders}, "pains": {p.text for p in deal.pains},
                           "competitors": {c.name for c in deal.competitors},
                           "objections": {o.text for o in deal.objections}}}


@login_required
@require_GET
def activity_notes(request: HttpRequest, pk: int, aid: int) -> HttpResponse:
    opp = load_deal(request, pk)
    return render(request, "activities/notes.html", _context(request, opp, _activity(opp, aid)))


@login_required
@require_POST
def activity_decide(request: HttpRequest, pk: int, aid: int, sentence: int) -> HttpResponse:
    """Accept, edit or reject the proposal of one sentence of the note."""
    opp = load_deal(request, pk)
    activity = _activity(opp, aid)
    back = reverse("activity_notes", args=[opp.pk, activity.pk]) + f"#proposal-{sentence}"
    action = request.POST.get("action")
    if action not in ("accept", "edit", "reject"):
        return HttpResponseBadRequest(_("Choose accept, edit or reject."), content_type="text/plain; charset=utf-8")
    playbook = playbook_of(opp)
    found, _deal = read_note(opp, activity, playbook) if playbook is not None else (None, None)
    proposal = found.for_sentence(sentence) if found is not None else None
    if proposal is None:
        raise Http404
    if any(d.sentence == sentence for d in activity.decisions.all()):
        return redirect(back)  # decided already (a second tab, a double click): the first decision stands
    if action == "reject":
        saving.decide(opp, request.user, activity, proposal, Decision.REJECTED)
        return redirect(back)
    version = parse_version(request.POST.get("version"))
    if version is None:
        return respond.missing_version(request)
    people = {p.key: p for p in people_of(opp)}
    if action == "accept":
        values = {"criterion": proposal.criterion, "status": proposal.status, "evidence": proposal.evidence,
                  "source": people.get(proposal.source or ""), "date": proposal.date}
    else:
        form = _form(opp, playbook, proposal, request.POST)
        if not form.is_valid():
            ctx = _context(request, opp, activity, {sentence: form})
            return render(request, "activities/notes.html", ctx, status=422)
        values = dict(form.cleaned_data)
    try:
        saving.accept(opp, request.user, version, activity, proposal, values, edited=action == "edit")
    except StaleVersion:
        ctx = _context(request, opp, activity, message=_(
            "Someone else changed this deal since you opened these proposals. Nothing was saved: here they "
            "are against the deal as it now is."))
        return render(request, "activities/notes.html", ctx, status=409)
    return redirect(back)


_FOUND = ("people", "pains", "competitors", "objections")


@login_required
@require_POST
def activity_add(request: HttpRequest, pk: int, aid: int, kind: str, index: int) -> HttpResponse:
    """Add to the deal one person, pain, competitor or objection the note named."""
    opp = load_deal(request, pk)
    activity = _activity(opp, aid)
    playbook = playbook_of(opp)
    if kind not in _FOUND or playbook is None:
        raise Http404
    found, _deal = read_note(opp, activity, playbook)
    items = getattr(found, kind)
    if not 0 <= index < len(items):
        raise Http404
    version = parse_version(request.POST.get("version"))
    if version is None:
        return respond.missing_version(request)
    back = reverse("activity_notes", args=[opp.pk, activity.pk]) + "#note-extras"
    if request.POST.get("expect") != _label(items[index]):
        return redirect(back)  # the list moved (added from another tab): add nothing rather than the wrong one
    try:
        saving.add_found(opp, request.user, version, kind, items[index])
    except StaleVersion:
        ctx = _context(request, opp, activity, message=_(
            "Someone else changed this deal since you opened these proposals. Nothing was saved: here they "
            "are against the deal as it now is."))
        return render(request, "activities/notes.html", ctx, status=409)
    return redirect(back)


def _label(item: Any) -> str:
    return str(getattr(item, "name", None) or getattr(item, "text", ""))
