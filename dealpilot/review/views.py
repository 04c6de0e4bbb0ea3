"""The deal review page, its Markdown twin and the chart data; every view starts with the
foundation's access helper, so an outsider gets the same 404 from a chart as from the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext

from dealpilot.audit import record
from dealpilot.deals.access import get_deal_for_user
from dealpilot.deals.loading import with_lists
from dealpilot.deals.models import Opportunity
from dealpilot.deals.verdict import assess_opportunity
from dealpilot.engine import history
from dealpilot.review import charts, content, snapshots
from dealpilot.review import labels as lb
from dealpilot.review.powermap import power_map

# The workspace's stakeholder edit form (GET partial, POST save); looked up by name so the map
# keeps working, read-only, while that endpoint is not installed.
EDIT_URL_NAMES = ("workspace_stakeholder",)


def _lang() -> str:
    return lb.lang_of(get_language())


def _load(request: HttpRequest, pk: int) -> tuple[Opportunity, Any]:
    opp = get_deal_for_user(request, pk, queryset=with_lists())
    assessment = assess_opportunity(opp)
    if assessment is None:
        raise Http404("no assessment")
    return opp, assessment


def _edit_url(opp: Opportunity) -> Callable[[str], str | None]:
    ids = {p.key: p.pk for p in opp.stakeholders.all()}

    def url(key: str) -> str | None:
        for name in EDIT_URL_NAMES:
            try:
                return reverse(name, args=(opp.pk, ids[key]))
            except (KeyError, NoReverseMatch):
                continue
        return None

    return url


def _baseline(opp: Opportunity) -> dict[str, Any] | None:
    """The snapshot to compare with; one taken today is not an earlier review."""
    row = snapshots.baseline(opp)
    if row is None:
        return None
    snap = row.to_snapshot()
    return None if snap["date"] >= timezone.localdate().isoformat() else snap


def _review_context(opp: Opportunity, assessment: Any) -> dict[str, Any]:
    today = timezone.localdate()
    current = history.snapshot(assessment, today)
    data = content.review(assessment, _lang(), today, _baseline(opp), current)
    return {"deal": opp, "review": data}


@login_required
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    opp, assessment = _load(request, pk)
    return render(request, "review/review.html", _review_context(opp, assessment))


@login_required
def review_markdown(request: HttpRequest, pk: int) -> HttpResponse:
    opp, assessment = _load(request, pk)
    text = render_to_string("review/review.md", _review_context(opp, assessment), request=request)
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    name = slugify(opp.name, allow_unicode=True) or f"deal-{opp.pk}"
    disposition = "attachment" if request.GET.get("download") else "inline"
    if disposition == "attachment":
        record(request, "export", target=f"deal {opp.pk}: {opp.name}", detail={"format": "markdown", "deal": opp.pk})
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name)}-review.md"
    return response


@login_required
def powermap_json(request: HttpRequest, pk: int) -> JsonResponse:
    opp, assessment = _load(request, pk)
    data = power_map(assessment, _lang(), timezone.localdate(), _edit_url(opp))
    data["score"] = assessment.score
    data["flags"] = [{"id": f.id, "severity": f.severity, "message": f.message.get(_lang())}
                     for f in assessment.flags]
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@login_required
def radar_json(request: HttpRequest, pk: int) -> JsonResponse:
    opp, assessment = _load(request, pk)
    data = charts.radar(assessment, _baseline(opp), _lang(), timezone.localdate().isoformat())
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@login_required
def trend_json(request: HttpRequest, pk: int) -> JsonResponse:
    opp, assessment = _load(request, pk)
    trend = snapshots.trend(opp)
    rows = [r.to_snapshot() for r in trend]
    current = history.snapshot(assessment, timezone.localdate())  # the score the header shows
    data = charts.trend(rows, _lang(), current)
    # Days on which a published playbook version, not the deal, moved the score.
    data["playbook_changed"] = sorted({r["date"] for r, row in zip(rows, trend, strict=True) if row.cause})
    data["names"]["playbook_changed"] = gettext("playbook changed")
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
