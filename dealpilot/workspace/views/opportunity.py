"""Edits of the opportunity's own fields: the header, the budget, the compelling event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from dealpilot.accounts.models import Role, role_of
from dealpilot.deals import models as m
from dealpilot.deals.history import StaleVersion
from dealpilot.workspace import editing, forms
from dealpilot.workspace.context import load_deal, people_of
from dealpilot.workspace.views import respond


@dataclass(frozen=True)
class Block:
    slug: str
    form: type[forms.DealForm]
    doc_path: str
    names: dict[str, str]
    section: str  # template of the block a save re-renders
    target: str  # id of that block on the page
    noun: Promise


BLOCKS = {b.slug: b for b in (
    Block("header", forms.HeaderForm, "opportunity", {"close_date": "close_date"}, "_header_saved.html",
          "deal-header-form", _("deal")),
    Block("budget", forms.BudgetForm, "budget",
          {"budget_status": "status", "budget_amount": "amount", "budget_applicant": "applicant",
           "budget_approver": "approver", "budget_deadline": "deadline"}, "_facts_budget.html", "field-budget",
          _("budget")),
    Block("event", forms.EventForm, "timeline.compelling_event",
          {"compelling_event": "text", "compelling_event_date": "date"}, "_facts_timeline.html", "field-timeline",
          _("compelling event")),
)}


def owners_for(user: Any, opp: m.Opportunity) -> QuerySet[Any]:
    """Whom the deal may be handed to: the deal's team (and its current owner); admins, anyone."""
    users = get_user_model().objects.filter(is_active=True).order_by("username")
    if role_of(user) == Role.ADMIN:
        return users
    return users.filter(Q(pk=opp.owner_id) | Q(profile__team_id=opp.team_id) if opp.team_id else Q(pk=opp.owner_id))


def _form(block: Block, request: HttpRequest, opp: m.Opportunity, data: Any = None) -> Any:
    kw: dict[str, Any] = {"instance": opp, "people": people_of(opp)}
    if block.form is forms.HeaderForm:
        kw["owners"] = owners_for(request.user, opp)
    return block.form(data, **kw)


def _context(opp: m.Opportunity, block: Block, form: Any, version: int) -> dict[str, Any]:
    section = {"header": "header", "budget": "budget", "event": "timeline"}[block.slug]
    # The header's form takes the place of the empty slot below the header strip, and a save
    # empties that slot again; the other blocks' forms sit inside the section a save replaces.
    form_id = block.target if block.slug == "header" else f"form-{block.slug}"
    return {"deal": opp, "form": form, "version": version, "form_id": form_id,
            "target": block.target, "as_row": False, "noun": block.noun, "block": block.slug,
            "action": reverse("workspace_block", args=[opp.pk, block.slug]),
            "cancel_url": reverse("workspace_section", args=[opp.pk, section])}


@login_required
@require_http_methods(["GET", "POST"])
def edit_block(request: HttpRequest, pk: int, block: str) -> HttpResponse:
    b = BLOCKS.get(block)
    if b is None:
        raise Http404
    opp = load_deal(request, pk)
    if request.method == "GET":
        return respond.fragment(request, "_row_form.html", _context(opp, b, _form(b, request, opp), opp.version))
    version = respond.based_on(request)
    if version is None:
        return respond.missing_version(request)
    fields = list(b.form._meta.fields)
    before = editing.snapshot(opp, fields)
    previous = opp.score
    form = _form(b, request, opp, request.POST)  # validating writes the input onto `opp`
    ctx = _context(opp, b, form, version)
    if not form.is_valid():
        return respond.fragment(request, "_row_form.html", ctx, status=422, retarget=ctx["form_id"])
    values = {f: form.cleaned_data[f] for f in fields}

    def apply() -> list[editing.Change]:
        m.Opportunity.objects.filter(pk=opp.pk).update(**values)
        return editing.diff(b.doc_path, before, editing.snapshot(opp, fields), b.names)

    try:
        fresh = editing.save(opp, request.user, version, apply)
    except StaleVersion:
        current = load_deal(request, pk)
        ctx.update(respond.conflict_context(form, current, fields, current))
        return respond.fragment(request, "_row_form.html", ctx, status=409, retarget=ctx["form_id"])
    return respond.saved(request, opp.pk, b.section, previous_score=previous, fresh=fresh,
                         from_version=version)
