"""The forecast table as an XLSX workbook: one row per team and rep, plus the company."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from dealpilot.engine import forecast as fc
from dealpilot.forecast.rollup import Forecast
from dealpilot.pipeline.export import as_text


def header() -> list[str]:
    return [_("Team"), _("Rep"), _("Won"), _("Commit (calls)"), _("Best case (calls)"), _("Pipeline (calls)"),
            _("Omitted (calls)"), _("Commit (evidence)"), _("Best case (evidence)"), _("Pipeline (evidence)"),
            _("Probability-weighted"), _("Quota"), _("Attainment"), _("Coverage"), _("Adjusted forecast"),
            _("Currency")]


def _cells(team: str, rep: str, line: fc.Line, currency: str) -> list[Any]:
    return [as_text(team), as_text(rep), line.won, *(line.by_call[c] for c in fc.CALLS),
            *(line.by_evidence[c] for c in fc.CALLS[:3]), round(line.weighted, 2), line.quota, line.attainment, line.coverage, line.adjustment, currency]


def rows(f: Forecast) -> list[list[Any]]:
    out = []
    for t in f.teams:
        out.append(_cells(t.name, "", t.line, f.currency))
        out.extend(_cells(t.name, r.name, r.line, f.currency) for r in t.reps)
    out.append(_cells(_("Company"), "", f.company, f.currency))
    return out


def workbook(f: Forecast) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f.period.key)
    ws.append(header())
    for r in rows(f):
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
