"""The deal workspace page, and its blocks one at a time (for Cancel and refreshes)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from dealpilot.deals.access import get_deal_for_user
from dealpilot.workspace import pagecache
from dealpilot.workspace.checklist import labels
from dealpilot.workspace.context import (
    PREFETCH,
    attach_people,
    checklist,
    label_roles,
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
    opp = get_deal_for_user(request, pk)

    def body() -> tuple[str, str, str]:
        # Only on a cache miss: every fact in a fixed number of queries, one engine call.
        prefetch_related_objects([opp], *PREFETCH)
        attach_people(opp)
        label_roles(opp)
        context = {**page_context(opp), "version": opp.version}
        # The header last: assessing may have just refreshed the score it shows.
        return (render_to_string("workspace/_work.html", context, request),
                render_to_string("workspace/_verdict.html", context, request),
                render_to_string("workspace/_header.html", context, request))

    if request.htmx and request.htmx.target == "deal-verdict":
        return respond.fragment(request, "_verdict.html", {**page_context(load_deal(request, pk))})
    work, verdict, header = pagecache.get_or_render(request, opp, body)
    return render(request, "workspace/deal.html", {"deal": opp, "work": work, "verdict": verdict, "header": header})


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
        context = {"deal": opp, "playbook": playbook, "people": people_of(opp), "labels": labels(),
                   "checklist": checklist(opp, playbook, None)}
    if name == "header":
        template = "_header_saved.html"
    return respond.fragment(request, template, {**context, "version": opp.version})
