"""The pipeline's doors: the deals and saved views a user may see, or 404 (a single deal goes
through `dealpilot.deals.access.get_deal_for_user`, like every other page)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from dealpilot.deals.access import object_id
from dealpilot.deals.models import Opportunity
from dealpilot.pipeline.models import SavedView


def pipeline_deals(request: HttpRequest, *, in_order: bool = False) -> QuerySet[Opportunity]:
    """Every deal the user may see (rep: own and shared; manager: the team's; admin: all).

    `in_order`: the same deals for reading one sorted page (`OpportunityQuerySet.visible_in_order`).
    """
    if in_order:
        return Opportunity.objects.visible_in_order(request.user)
    return Opportunity.objects.visible_to(request.user)


def pipeline_branches(request: HttpRequest) -> list[QuerySet[Opportunity]]:
    """The same deals as `pipeline_deals`, one queryset per branch of the visibility rule (for
    counting their union: `OpportunityQuerySet.visible_branches`)."""
    return Opportunity.objects.visible_branches(request.user)


def get_view_for_user(request: HttpRequest, pk: Any, *, own: bool = False) -> SavedView:
    """A saved view that is the user's own or shared with their team (`own`: the user's only)."""
    views = SavedView.objects.filter(owner=request.user) if own else SavedView.objects.visible_to(request.user)
    try:
        return views.get(pk=object_id(pk))
    except SavedView.DoesNotExist:
        raise Http404 from None
