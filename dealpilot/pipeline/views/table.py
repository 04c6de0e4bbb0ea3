"""The pipeline table (sortable, 50 per page) and its totals of the whole filtered set."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from dealpilot.pipeline import query, rows, sorting
from dealpilot.pipeline.models import SavedView, may_share
from dealpilot.pipeline.totals import totals

PAGE_SIZE = 50


class _TablePaginator(Paginator):
    """Pages of the sorted deals, counted by `count` (the union of the visibility rule's branches,
    each from its index), and read from whichever end of the order is nearer, so the last page
    costs what the first does."""

    def __init__(self, forwards: QuerySet, backwards: QuerySet, per_page: int, count: Callable[[], int]) -> None:
        super().__init__(forwards, per_page)
        self._backwards, self._count = backwards, count

    @cached_property
    def count(self) -> int:
        return self._count()

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if bottom <= self.count - top:
            return super().page(number)
        return Page(list(self._backwards[self.count - top:self.count - bottom])[::-1], number, self)


def _sort_links(q: query.PipelineQuery) -> dict[str, str]:
    """column -> the sort a click on its header asks for (toggling the current one)."""
    return {c: (f"-{c}" if q.sort == c else c) if q.sort.lstrip("-") == c else c for c in sorting.COLUMNS}


@login_required
@require_GET
def pipeline_table(request: HttpRequest) -> HttpResponse:
    q = query.read(request)
    status = 200 if q.valid else 400
    page = _TablePaginator(rows.for_rows(q.page_order()), rows.for_rows(q.page_order(backwards=True)), PAGE_SIZE,
                           q.count).get_page(q.form.cleaned_data.get("page") if q.valid else 1)
    today, now = timezone.localdate(), timezone.now()
    context = {**query.page_context(q), "page": page, "rows": [rows.row(d, today, now) for d in page.object_list],
               "sort_links": _sort_links(q), "filters": q.filters(), "with_sort": q.with_sort(),
               "views": list(SavedView.objects.visible_to(request.user).select_related("owner")),
               "may_share": may_share(request.user)}
    template = "pipeline/_table.html" if request.htmx and request.htmx.target == "pipeline-table" else "pipeline/table.html"
    return render(request, template, context, status=status)


@login_required
@require_GET
def pipeline_totals(request: HttpRequest) -> HttpResponse:
    q = query.read(request)
    context = {"totals": totals(q.deals, timezone.localdate(), q.stages), "stages": q.stages.choices(),
               "filters": q.filters()}
    return render(request, "pipeline/_totals.html", context, status=200 if q.valid else 400)
