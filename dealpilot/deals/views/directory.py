"""Account and contact pages: the company, its people, and the deals the user may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dealpilot.deals.access import get_account_for_user, get_contact_for_user
from dealpilot.deals.models import Opportunity
from dealpilot.deals.stages import workspace_stages


@login_required
def account_page(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_account_for_user(request, pk)
    deals = Opportunity.objects.visible_to(request.user).filter(account=account).for_list().order_by("-updated_at")
    contacts = account.contacts.all()
    return render(request, "deals/account.html", {"account": account, "deals": deals, "contacts": contacts,
                                                  "stages": workspace_stages().labels()})


@login_required
def contact_page(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_contact_for_user(request, pk)
    visible = Opportunity.objects.visible_to(request.user)
    roles = (contact.deal_roles.filter(opportunity__in=visible)
             .select_related("opportunity", "opportunity__account").order_by("-opportunity__updated_at"))
    return render(request, "deals/contact.html", {"contact": contact, "roles": roles})
