"""The deal list (sortable, 50 per page) and the new-deal form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dealpilot.accounts.models import profile_of
from dealpilot.deals.forms import NewDealForm
from dealpilot.deals.history import record_change
from dealpilot.deals.models import Account, Opportunity
from dealpilot.deals.verdict import refresh_verdict

PAGE_SIZE = 50
SORTS = {
    "name": "name", "account": "account__name", "stage": "stage", "amount": "amount",
    "close": "close_date", "score": "score", "flags": "flag_count", "owner": "owner__username",
    "updated": "updated_at",
}


def _order(sort: str) -> tuple[str, list]:  # type: ignore[type-arg]
    key = sort.lstrip("-")
    if key not in SORTS:
        return "-updated", [F("updated_at").desc(), F("pk").desc()]
    field = F(SORTS[key])
    expr = field.desc(nulls_last=True) if sort.startswith("-") else field.asc(nulls_last=True)
    return sort, [expr, F("pk").desc()]


@login_required
def deal_list(request: HttpRequest) -> HttpResponse:
    sort, ordering = _order(request.GET.get("sort", "-updated"))
    deals = Opportunity.objects.visible_to(request.user).for_list().order_by(*ordering)
    page = Paginator(deals, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "sort": sort, "form": NewDealForm(), "sorts": SORTS}
    template = "deals/_deal_rows.html" if request.htmx and request.htmx.target == "deal-rows" else "deals/list.html"
    return render(request, template, context)


@login_required
def deal_new(request: HttpRequest) -> HttpResponse:
    form = NewDealForm(request.POST or None)
    if request.method != "POST":
        return render(request, "deals/new.html", {"form": form})
    if not form.is_valid():
        return render(request, "deals/new.html", {"form": form}, status=400)
    data = form.cleaned_data
    profile = profile_of(request.user)
    with transaction.atomic():
        account, _ = Account.objects.get_or_create(name=data["account"])
        opp = Opportunity.objects.create(
            account=account, name=data["name"], amount=data["amount"], currency=data["currency"].upper(),
            stage=data["stage"], close_date=data["close_date"], owner=request.user,
            team_id=profile.team_id if profile else None)
        record_change(opp, request.user, "created", None, None)
    refresh_verdict(opp)
    return redirect(opp)
