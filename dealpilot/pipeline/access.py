"""The pipeline's doors: the deals and saved views a user may see, or 404 (a single deal goes
through `dealpilot.deals.access.get_deal_for_user`, like every other page)."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Case, QuerySet, Value, When
from django.http import Http404, HttpRequest

from dealpilot.deals.access import object_id
from dealpilot.deals.models import Opportunity
from dealpilot.deals.models.opportunity import visibility
from dealpilot.pipeline.models import SavedView


def pipeline_deals(request: HttpRequest, *, in_order: bool = False) -> QuerySet[Opportunity]:
    """Every deal the user may see (rep: own and shared; manager: the team's; admin: all).

    `in_order`: the same deals for reading one sorted page. The visibility rule is then a CASE
    rather than a plain WHERE: with the plain OR of owner, team and shares the planner reads every
    visible deal and sorts them; wrapped, it walks the sort column's index and stops after a page.
    Counts and totals want the plain rule, which lets the planner use the owner and team indexes.
    """
    condition = visibility(request.user)
    if not in_order or condition is None:
        return Opportunity.objects.visible_to(request.user)
    return Opportunity.objects.alias(pipeline_visible=Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())
    ).filter(pipeline_visible=True)


def get_view_for_user(request: HttpRequest, pk: Any, *, own: bool = False) -> SavedView:
    """A saved view that is the user's own or shared with their team (`own`: the user's only)."""
    views = SavedView.objects.filter(owner=request.user) if own else SavedView.objects.visible_to(request.user)
    try:
        return views.get(pk=object_id(pk))
    except SavedView.DoesNotExist:
        raise Http404 from None
