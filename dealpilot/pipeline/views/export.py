"""The current pipeline view, every filtered row, as CSV (UTF-8 with BOM) or XLSX."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from dealpilot.audit import record
from dealpilot.pipeline import export, query

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _invalid(q: query.PipelineQuery) -> HttpResponse:
    errors = "; ".join(str(e) for errs in q.form.errors.values() for e in errs)
    return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    q = query.read(request)
    if not q.valid:
        return _invalid(q)
    out = io.StringIO()
    out.write("\ufeff")  # the BOM: without it Excel reads UTF-8 Chinese as mojibake
    writer = csv.writer(out)
    writer.writerow(export.header())
    writer.writerows(export.lines(q.sorted(), q.stages))
    record(request, "export", target=export.filename("csv"), detail={"format": "csv", "filters": request.GET.urlencode()})
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.filename("csv")}"'
    return response


@login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    q = query.read(request)
    if not q.valid:
        return _invalid(q)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Pipeline")
    sheet.append(export.header())
    for line in export.lines(q.sorted(), q.stages):
        sheet.append(line)
    out = io.BytesIO()
    book.save(out)
    record(request, "export", target=export.filename("xlsx"), detail={"format": "xlsx", "filters": request.GET.urlencode()})
    response = HttpResponse(out.getvalue(), content_type=_XLSX)
    response["Content-Disposition"] = f'attachment; filename="{export.filename("xlsx")}"'
    return response
