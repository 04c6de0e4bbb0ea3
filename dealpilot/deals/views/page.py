"""The verdict column of a deal as a fragment (the workspace page itself lives in dealpilot.workspace)."""

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
def deal_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    opp = _load(request, pk)
    return render(request, "deals/_verdict.html", {"deal": opp, **verdict_context(opp)})
