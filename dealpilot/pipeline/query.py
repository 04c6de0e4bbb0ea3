"""Reading a pipeline request: its filters, the matching deals, the query string to pass on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

from dealpilot.deals.models import Opportunity
from dealpilot.deals.stages import Stages
from dealpilot.pipeline.access import pipeline_branches, pipeline_deals
from dealpilot.pipeline.filters import PipelineFilters, apply
from dealpilot.pipeline.sorting import DEFAULT_SORT, order_by
from dealpilot.web.money import money_formatter

#: The input type of each filter that is not a choice (the rest are text).
FILTER_TYPES = {"close_from": "date", "close_to": "date", "amount_min": "number", "amount_max": "number",
                "stale": "number", "q": "search"}
#: Parameters that choose the page or the order, not which deals.
_NOT_FILTERS = ("page", "sort")


@dataclass
class PipelineQuery:
    form: PipelineFilters
    deals: QuerySet[Opportunity]  # filtered, not yet sorted; empty when the form is invalid
    sort: str
    in_order: QuerySet[Opportunity] | None = None  # the same deals, filtered for walking a sort index
    branches: list[QuerySet[Opportunity]] = field(default_factory=list)  # the same deals, per branch of the rule

    @property
    def valid(self) -> bool:
        return self.form.is_valid()

    @property
    def stages(self) -> Stages:
        return self.form.stages

    def sorted(self) -> QuerySet[Opportunity]:
        return self.deals.order_by(*order_by(self.sort, self.stages))

    def page_order(self, *, backwards: bool = False) -> QuerySet[Opportunity]:
        """The deals sorted, for reading one page of them (see `pipeline_deals(in_order=True)`);
        `backwards`: in exactly the opposite order, ties included."""
        sort = (self.sort[1:] if self.sort.startswith("-") else f"-{self.sort}") if backwards else self.sort
        return (self.deals if self.in_order is None else self.in_order).order_by(*order_by(sort, self.stages))

    def count(self) -> int:
        """How many deals match: the union of the rule's branches, each filtered alike and
        answered from its own index (see `OpportunityQuerySet.visible_branches`)."""
        if len(self.branches) < 2:
            return self.deals.count()
        first, *rest = [b.order_by().values("pk") for b in self.branches]
        return first.union(*rest).count()

    def filters(self) -> str:
        """The query string of the filters alone (for links to other pages, saved views)."""
        return without(self.form.data, *_NOT_FILTERS)

    def with_sort(self) -> str:
        return without(self.form.data, "page")


def without(data: Any, *names: str) -> str:
    kept = QueryDict(mutable=True)
    for key in data:
        if key not in names:
            values = [v for v in data.getlist(key) if v != ""] if hasattr(data, "getlist") else [data[key]]
            if values:
                kept.setlist(key, values)
    return kept.urlencode()


def page_context(q: PipelineQuery) -> dict[str, Any]:
    """What every full pipeline page's template needs besides its own rows."""
    return {"q": q, "filter_types": FILTER_TYPES, "filters": q.filters(), "money_fmt": money_formatter(),
            "stage_names": q.stages.labels()}


def read(request: HttpRequest) -> PipelineQuery:
    visible = pipeline_deals(request)
    form = PipelineFilters(request.GET, user=request.user)
    if not form.is_valid():
        return PipelineQuery(form, visible.none(), DEFAULT_SORT)
    data = form.cleaned_data
    return PipelineQuery(form, apply(visible, data), data.get("sort") or DEFAULT_SORT,
                         apply(pipeline_deals(request, in_order=True), data),
                         [apply(branch, data) for branch in pipeline_branches(request)])
