"""How every edit answers: the form (GET), the saved block plus a fresh header and verdict
(200), the form with its errors (422), or the form with the newer values (409)."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from dealpilot.deals import models as m
from dealpilot.workspace.context import load_deal, page_context
from dealpilot.workspace.editing import parse_version, shown


def based_on(request: HttpRequest) -> int | None:
    return parse_version(request.POST.get("version"))


def fragment(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200,
             retarget: str | None = None) -> HttpResponse:
    response = HttpResponse(render_to_string(f"workspace/{template}", context, request), status=status)
    if retarget:
        # Errors replace the form itself, not the block a successful save would replace.
        response["HX-Retarget"] = f"#{retarget}"
        response["HX-Reswap"] = "outerHTML"
    return response


def removed_since(request: HttpRequest, opp: m.Opportunity) -> bool:
    """An item missing from a deal that moved on since the form was opened was removed by
    someone else: say so (409) and keep the input, rather than a bare 404."""
    version = based_on(request)
    return version is not None and version < opp.version


def missing_version(request: HttpRequest) -> HttpResponse:
    message = _("This form is missing the deal version it was based on. Reload the page and try again.")
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def saved(request: HttpRequest, pk: int, template: str, *, previous_score: float | None,
          from_version: int, extra: dict[str, Any] | None = None, fresh: Any = None) -> HttpResponse:
    """The edited block, then the header and the verdict swapped out of band, all from the
    deal as it now is — one engine call (`fresh`: the one the save made, if it made one)."""
    try:
        opp = load_deal(request, pk)
    except Http404:
        # The save handed the deal to someone else: this user may no longer see it.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("deal_list")
        return response if request.htmx else redirect("deal_list")
    if not request.htmx:
        return redirect(opp)
    context = focus({**page_context(opp, previous_score, fresh), "version": opp.version, **(extra or {})})
    html = [render_to_string(f"workspace/{template}", context, request)]
    oob = {**context, "oob": True}
    html.append(render_to_string("workspace/_header.html", oob, request))
    html.append(render_to_string("workspace/_verdict.html", oob, request))
    response = HttpResponse("".join(html))
    response["HX-Trigger"] = json.dumps({"dp-saved": {"from": from_version, "to": opp.version}})
    return response


def current_version(opp: m.Opportunity) -> int:
    return m.Opportunity.objects.filter(pk=opp.pk).values_list("version", flat=True).get()


def theirs(form: Any, current: Any | None, fields: list[str]) -> list[tuple[str, str]]:
    """The newer values, labelled as the form labels them."""
    if current is None:
        return []
    return [(str(form.fields[f].label), shown(current, f)) for f in fields if f in form.fields]


def conflict_context(form: Any, current: Any | None, fields: list[str], opp: m.Opportunity) -> dict[str, Any]:
    return {"form": form, "conflict": True, "newer": theirs(form, current, fields),
            "removed": current is None, "version": current_version(opp)}


def stale_block(request: HttpRequest, pk: int, template: str, message: str | None = None) -> HttpResponse:
    """A removal based on an old version: the block as it now stands, nothing removed (409)."""
    opp = load_deal(request, pk)
    context = {**page_context(opp), "version": opp.version,
               "stale_message": message or _("Someone else changed this deal since you opened it. "
                                             "Here it is as it now stands; nothing was removed.")}
    oob = {**context, "oob": True}
    html = (render_to_string(f"workspace/{template}", context, request)
            + render_to_string("workspace/_header.html", oob, request)
            + render_to_string("workspace/_verdict.html", oob, request))
    return HttpResponse(html, status=409)


def focus(context: dict[str, Any]) -> dict[str, Any]:
    """Pick out the one checklist row (`cid`) or stakeholder (`row_pk`) a partial shows."""
    if "cid" in context:
        context["row"] = next((r for g in context.get("checklist", []) for r in g["rows"]
                               if r["criterion"].id == context["cid"]), None)
    if "row_pk" in context:
        context["person"] = next((p for p in context["people"] if p.pk == context["row_pk"]), None)
    return context
