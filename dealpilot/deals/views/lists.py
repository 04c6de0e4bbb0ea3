"""The deal list (sortable, 50 per page) and the new-deal form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dealpilot.accounts.models import profile_of
from dealpilot.deals.account_names import HiddenAccount, account_named
from dealpilot.deals.forms import NewDealForm
from dealpilot.deals.history import record_change
from dealpilot.deals.listing import DEFAULT_SORT, sort_links, visible_deals
from dealpilot.deals.models import Opportunity
from dealpilot.deals.stages import workspace_stages
from dealpilot.deals.verdict import refresh_verdict

PAGE_SIZE = 50


@login_required
def deal_list(request: HttpRequest) -> HttpResponse:
    sort, deals = visible_deals(request.user, request.GET.get("sort", DEFAULT_SORT))
    page = Paginator(deals, PAGE_SIZE).get_page(request.GET.get("page"))
    # The stage names once per page, in the page's language (dealpilot.deals.stages).
    stages = workspace_stages().labels()
    context = {"page": page, "sort": sort, "columns": sort_links(sort), "stages": stages}
    template = "deals/_deal_rows.html" if request.htmx and request.htmx.target == "deal-rows" else "deals/list.html"
    return render(request, template, context)


@login_required
def deal_new(request: HttpRequest) -> HttpResponse:
    # A GET with values is the form drawn again for another playbook's stages (htmx), unbound.
    form = NewDealForm(request.POST or None, initial=request.GET.dict())
    if request.method != "POST":
        return render(request, "deals/new.html", {"form": form})
    if not form.is_valid():
        return render(request, "deals/new.html", {"form": form}, status=400)
    data = form.cleaned_data
    profile = profile_of(request.user)
    try:
        with transaction.atomic():
            account = account_named(request.user, data["account"])
            opp = Opportunity.objects.create(
                account=account, name=data["name"], amount=data["amount"], currency=data["currency"].upper(),
                stage=data["stage"], close_date=data["close_date"], owner=request.user, playbook=data["playbook"],
                team_id=profile.team_id if profile else None)
            record_change(opp, request.user, "created", None, None)
            refresh_verdict(opp)  # the list's cached score commits with the deal
    except HiddenAccount as exc:
        form.add_error("account", str(exc))
        return render(request, "deals/new.html", {"form": form}, status=400)
    return redirect(opp)
