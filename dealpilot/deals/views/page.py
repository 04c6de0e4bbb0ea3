"""The deal workspace page and its verdict column (a fragment htmx can refresh)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from dealpilot.deals.access import get_deal_for_user
from dealpilot.deals.convert import PREFETCH
from dealpilot.deals.models import Opportunity
from dealpilot.deals.verdict import assess_opportunity


def _playbook(pid: str) -> Any | None:
    try:
        from dealpilot.engine.playbook import get_playbook

        return get_playbook(pid)
    except Exception:  # a missing playbook file: the page still shows the deal's facts
        return None


def _checklist(opp: Opportunity, playbook: Any | None) -> list[dict[str, Any]]:
    """The playbook's criteria grouped by dimension, each with the deal's answer (if any)."""
    if playbook is None:
        return []
    answers = {a.criterion: a for a in opp.answers.all()}
    return [{"dimension": dim, "rows": [{"criterion": c, "answer": answers.get(c.id)} for c in dim.criteria]}
            for dim in playbook.dimensions]


def verdict_context(opp: Opportunity) -> dict[str, Any]:
    assessment = assess_opportunity(opp)
    lang = "en" if (get_language() or "").startswith("en") else "zh"
    data = assessment.to_dict(lang) if assessment is not None else None
    people = {p.key: p for p in opp.stakeholders.all()}
    return {"assessment": assessment, "verdict": data, "people": people}


def _load(request: HttpRequest, pk: int) -> Opportunity:
    qs = Opportunity.objects.select_related("account", "owner", "team").prefetch_related(*PREFETCH)
    return get_deal_for_user(request, pk, queryset=qs)


@login_required
def deal_page(request: HttpRequest, pk: int) -> HttpResponse:
    opp = _load(request, pk)
    playbook = _playbook(opp.playbook)
    context = {"deal": opp, "playbook": playbook, "checklist": _checklist(opp, playbook),
               **verdict_context(opp)}
    return render(request, "deals/page.html", context)


@login_required
def deal_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    opp = _load(request, pk)
    return render(request, "deals/_verdict.html", {"deal": opp, **verdict_context(opp)})
