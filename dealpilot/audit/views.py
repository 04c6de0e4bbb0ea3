"""The audit trail for admins: a filtered, paginated list and the same rows as CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dealpilot.accounts.models import Role, role_of
from dealpilot.audit import record
from dealpilot.audit.forms import AuditFilterForm
from dealpilot.audit.models import AuditEvent

PAGE_SIZE = 100


def audit_events_for_user(request: HttpRequest) -> QuerySet[AuditEvent]:
    """Every event, for an admin; anyone else gets 404 (as for any page they may not see)."""
    if role_of(request.user) != Role.ADMIN:
        raise Http404
    return AuditEvent.objects.all()


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, QuerySet[AuditEvent] | None]:
    events = audit_events_for_user(request)
    form = AuditFilterForm(request.GET)
    return form, events.filtered(**form.filters()) if form.is_valid() else None


@login_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    form, events = _filtered(request)
    if events is None:
        return render(request, "audit/list.html", {"form": form, "page": None, "query": ""}, status=400)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/list.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
@require_GET
def audit_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    form, events = _filtered(request)
    if events is None:
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    header = [_("When"), _("User"), _("Action"), _("Target"), _("Address"), _("Detail")]
    record(request, "export", target="audit.csv", detail={"format": "csv", "filters": request.GET.urlencode()})
    response = StreamingHttpResponse(_csv_lines(header, events), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{timezone.localdate().isoformat()}.csv"'
    return response


class _Line:
    """What csv.writer writes to: each row handed back as it is made (the trail can be long)."""

    def write(self, text: str) -> str:
        return text


def _csv_lines(header: list[str], events: QuerySet[AuditEvent]) -> Iterator[bytes]:
    writer = csv.writer(_Line())
    yield ("\ufeff" + writer.writerow(header)).encode("utf-8")  # the BOM: Excel reads Chinese right
    for e in events.iterator(chunk_size=2000):
        yield writer.writerow([timezone.localtime(e.at).isoformat(timespec="seconds"), e.username, e.action,
                               _cell(e.target), e.address, _cell(_json(e.detail))]).encode("utf-8")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""


def _cell(value: str) -> str:
    # A cell a spreadsheet would run as a formula stays text (a deal named `=HYPERLINK(…)`).
    return f"'{value}" if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value
