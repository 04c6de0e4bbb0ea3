"""The deal workspace page, and its blocks one at a time (for Cancel and refreshes)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dealpilot.workspace.context import (
    checklist,
    load_deal,
    page_context,
    people_of,
    playbook_of,
)
from dealpilot.workspace.views import respond

SECTIONS = {
    "header": "_header.html", "stakeholders": "_stakeholders.html", "decision_chain": "_facts_decision_chain.html",
    "budget": "_facts_budget.html", "competitors": "_competitors.html", "timeline": "_facts_timeline.html",
    "pains": "_pains.html", "value": "_value.html", "mutual_plan": "_plan.html", "objections": "_objections.html",
    "checklist": "_checklist.html", "verdict": "_verdict.html",
}


@login_required
@require_GET
def deal_page(request: HttpRequest, pk: int) -> HttpResponse:
    if request.htmx and request.htmx.target == "deal-verdict":
        return respond.fragment(request, "_verdict.html", {**page_context(load_deal(request, pk))})
    # Rendered afresh on every request: a contact or account renamed elsewhere does not move
    # this deal's version, so no copy of the page can be trusted to still be true.
    opp = load_deal(request, pk)
    # The verdict is worked out before anything is rendered: the header shows the score it refreshed.
    return render(request, "workspace/deal.html", {**page_context(opp), "version": opp.version})


@login_required
@require_GET
def section(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """One block as it now stands; the verdict is assessed only when it is the block asked for."""
    template = SECTIONS.get(name)
    if template is None:
        raise Http404
    opp = load_deal(request, pk)
    if name in ("verdict", "header"):
        context = page_context(opp)
    else:
        playbook = playbook_of(opp)
        context = {"deal": opp, "playbook": playbook, "people": people_of(opp),
                   "checklist": checklist(opp, playbook, None)}
    if name == "header":
        template = "_header_saved.html"
    return respond.fragment(request, template, {**context, "version": opp.version})
