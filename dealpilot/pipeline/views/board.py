"""The board: cards by stage with column totals; dropping a card on a column moves its stage.

The move is the deal page's header save (same form, same versioned claim, same history), so a
card dragged from a stale board is refused with the deal's newer state, and the engine's stage
gate verdict comes back on the card.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from dealpilot.deals.access import get_deal_for_user
from dealpilot.deals.history import StaleVersion
from dealpilot.deals.models import LOST, WON, Opportunity
from dealpilot.deals.stages import choices_for, workspace_stages
from dealpilot.deals.verdict import refresh_verdict
from dealpilot.pipeline import query, rows, sorting
from dealpilot.pipeline.totals import totals
from dealpilot.workspace import editing
from dealpilot.workspace.views.opportunity import BLOCKS, owners_for

CARDS_PER_COLUMN = 25
_HEADER = BLOCKS["header"]


def _stages(q: query.PipelineQuery) -> list[tuple[str, str]]:
    """The board's columns: the workspace's stages in order, as far as the filters ask."""
    data = q.form.cleaned_data if q.valid else {}
    status, stage = data.get("status") or "open", data.get("stage")
    wanted = {"open": q.stages.open_ids(), WON: [WON], LOST: [LOST]}.get(status, q.stages.ids())
    return [(s, q.stages.label(s)) for s in wanted if not stage or s == stage]


def _choices(deals: list[Opportunity]) -> dict[str, list[tuple[str, str]]]:
    """The stages each card may move to: those of its deal's playbook, once per playbook shown."""
    return {pid: choices_for(pid) for pid in {d.playbook for d in deals}}


@login_required
@require_GET
def pipeline_board(request: HttpRequest) -> HttpResponse:
    q = query.read(request)
    today, now = timezone.localdate(), timezone.now()
    ordered = rows.for_rows(q.deals.order_by(*sorting.order_by("-score")))
    columns = [(stage, label, [rows.row(d, today, now) for d in ordered.filter(stage=stage)[:CARDS_PER_COLUMN]])
               for stage, label in _stages(q)]
    context = {**query.page_context(q), "columns": columns, "totals": totals(q.deals, today, q.stages),
               "all_stages": q.stages.choices(), "per_column": CARDS_PER_COLUMN,
               "stage_choices": _choices([r.deal for _s, _l, cards in columns for r in cards])}
    return render(request, "pipeline/board.html", context, status=200 if q.valid else 400)


def _card(request: HttpRequest, deal: Opportunity, status: int = 200, **extra: object) -> HttpResponse:
    context = {"r": rows.row(deal, timezone.localdate(), timezone.now()), "all_stages": [],
               "stage_choices": _choices([deal]), **extra}
    response = render(request, "pipeline/_card.html", context, status=status)
    if status == 200:
        response["HX-Trigger"] = "pipeline-moved"
    return response


@login_required
@require_POST
def move_card(request: HttpRequest, pk: int) -> HttpResponse:
    deal = get_deal_for_user(request, pk, write=True)
    version = editing.parse_version(request.POST.get("version"))
    stage = request.POST.get("stage", "")
    if version is None or stage not in workspace_stages().ids():
        return _card(request, deal, 400, error="bad_input")
    if stage != deal.stage and stage not in [sid for sid, _label in choices_for(deal.playbook)]:
        # a stage of another playbook (a team's `poc` on a shipped-playbook deal)
        return _card(request, deal, 422, error="not_in_playbook")
    fields = list(_HEADER.form._meta.fields)
    before = editing.snapshot(deal, fields)
    data = {"name": deal.name, "amount": "" if deal.amount is None else str(deal.amount), "currency": deal.currency,
            "stage": stage, "close_date": deal.close_date.isoformat() if deal.close_date else "",
            "owner": str(deal.owner_id)}
    form = _HEADER.form(data, instance=deal, people=[], owners=owners_for(request.user, deal))
    if not form.is_valid():
        return _card(request, get_deal_for_user(request, pk), 422, error="invalid")
    values = {f: form.cleaned_data[f] for f in fields}

    def apply() -> list[editing.Change]:
        Opportunity.objects.filter(pk=deal.pk).update(**values)
        return editing.diff(_HEADER.doc_path, before, editing.snapshot(deal, fields), _HEADER.names)

    try:
        # The save refreshes the cached verdict in its own transaction; a move to the same stage
        # changes nothing and returns None, so the gate is worked out for the card here.
        assessment = editing.save(deal, request.user, version, apply) or refresh_verdict(deal)
    except StaleVersion:
        return _card(request, get_deal_for_user(request, pk), 409, error="stale")
    moved = get_deal_for_user(request, pk)
    return _card(request, moved, gate=assessment.stage_check if assessment is not None else None)
