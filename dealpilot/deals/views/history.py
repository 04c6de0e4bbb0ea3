"""The deal's change history: who changed what, when."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dealpilot.deals.access import get_deal_for_user
from dealpilot.deals.history_text import saves


@login_required
def deal_history(request: HttpRequest, pk: int) -> HttpResponse:
    opp = get_deal_for_user(request, pk)
    changes = opp.changes.select_related("user").order_by("-at", "-pk")
    page = Paginator(changes, 100).get_page(request.GET.get("page"))
    template = "deals/_history.html" if request.htmx else "deals/history.html"
    return render(request, template, {"deal": opp, "page": page, "saves": saves(opp, list(page.object_list))})
