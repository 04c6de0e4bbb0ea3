"""Quotas per rep and team and period, for admins: entered in one form, or imported from a
spreadsheet. Either way every value is checked first, and nothing is saved when one is wrong."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from dealpilot.accounts.models import Team, display_name
from dealpilot.audit import record
from dealpilot.forecast import periods
from dealpilot.forecast.models import Quota
from dealpilot.forecast.quota_file import QuotaRow, read_quotas
from dealpilot.forecast.views.period import admins_only, for_period
from dealpilot.imports import values
from dealpilot.imports.forms import MAX_UPLOAD
from dealpilot.imports.problems import ReadError


def _people() -> tuple[list[Team], list[Any]]:
    teams = list(Team.objects.order_by("name"))
    users = list(get_user_model().objects.filter(is_active=True).select_related("profile__team")
                 .order_by("profile__team__name", "username"))
    return teams, users


def _lines(p: periods.Period, posted: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One line per team, then per active user: the field's name, who, and the quota (or what was typed)."""
    teams, users = _people()
    current = {(f"user-{uid}" if uid else f"team-{tid}"): amount
               for uid, tid, amount in Quota.objects.filter(period=p.key).values_list("user_id", "team_id", "amount")}
    lines = [{"field": f"team-{t.pk}", "label": t.name, "kind": "team"} for t in teams]
    lines += [{"field": f"user-{u.pk}", "label": display_name(u), "kind": "user",
               "team": u.profile.team.name if hasattr(u, "profile") and u.profile.team else ""} for u in users]
    for line in lines:
        amount = current.get(line["field"])
        line["value"] = posted.get(line["field"], "") if posted is not None else (
            "" if amount is None else f"{amount.normalize():,f}")
    return lines


def _render(request: HttpRequest, p: periods.Period, status: int = 200, **extra: Any) -> HttpResponse:
    context = {"period": p, "periods": periods.choices(timezone.localdate()), "max_mb": MAX_UPLOAD // 2**20,
               "lines": _lines(p, extra.pop("posted", None)), **extra}
    return render(request, "forecast/quotas.html", context, status=status)


@login_required
@require_GET
@admins_only
@for_period
def quotas_page(request: HttpRequest, p: periods.Period) -> HttpResponse:
    return _render(request, p)


@login_required
@require_POST
@admins_only
@for_period
def quotas_save(request: HttpRequest, p: periods.Period) -> HttpResponse:
    teams, users = _people()
    fields = [(f"team-{t.pk}", None, t.pk, t.name) for t in teams]
    fields += [(f"user-{u.pk}", u.pk, None, display_name(u)) for u in users]
    rows, errors, cleared = [], {}, []
    for name, user_id, team_id, label in fields:
        raw = (request.POST.get(name) or "").strip()
        if not raw:
            cleared.append((user_id, team_id))
            continue
        try:
            amount, _currency = values.amount(raw)
        except ValueError as exc:
            errors[name] = f"{label}: “{raw}” {_(str(exc))}"
            continue
        rows.append(QuotaRow(p.key, amount, user_id=user_id, team_id=team_id))
    if errors:
        return _render(request, p, 400, errors=list(errors.values()), invalid=set(errors),
                       posted={name: request.POST.get(name, "") for name, *_rest in fields})
    with transaction.atomic():
        _write(rows)
        for user_id, team_id in cleared:
            Quota.objects.filter(period=p.key, user_id=user_id, team_id=team_id).delete()
        record(request, "quotas", target=p.key, detail={"set": len(rows), "cleared": len(cleared)})
    messages.success(request, _("Quotas for %(period)s saved.") % {"period": p.key})
    return HttpResponseRedirect(f"{reverse('forecast_quotas')}?period={p.key}")


def _write(rows: list[QuotaRow]) -> None:
    for row in rows:
        Quota.objects.update_or_create(period=row.period, user_id=row.user_id, team_id=row.team_id,
                                       defaults={"amount": row.amount})


@login_required
@require_POST
@admins_only
@for_period
def quotas_upload(request: HttpRequest, p: periods.Period) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None or upload.size == 0 or upload.size > MAX_UPLOAD:
        return _render(request, p, 400, upload_error=_("Choose a file of at most %(mb)s MB.")
                       % {"mb": MAX_UPLOAD // 2**20})
    teams, users = _people()
    with tempfile.NamedTemporaryFile(suffix=Path(upload.name).suffix[:10]) as f:
        for chunk in upload.chunks():
            f.write(chunk)
        f.flush()
        try:
            found = read_quotas(f.name, upload.name, p.key, users, teams)
        except ReadError as exc:
            return _render(request, p, 400, upload_error=exc.text())
    if found.missing:
        return _render(request, p, 400, upload_error=_(
            "The file needs a column for the quota and one for the rep or the team (see the example below)."))
    if found.problems:
        return _render(request, p, 400, problems=found.problems, filename=upload.name)
    with transaction.atomic():
        _write(found.rows)
        record(request, "quotas", target=upload.name, detail={"set": len(found.rows)})
    messages.success(request, ngettext("%(n)s quota imported from %(file)s.", "%(n)s quotas imported from %(file)s.",
                                       len(found.rows)) % {"n": len(found.rows), "file": upload.name})
    return HttpResponseRedirect(f"{reverse('forecast_quotas')}?period={p.key}")


__all__ = ["quotas_page", "quotas_save", "quotas_upload"]
