"""The pipeline's shown columns as rows of plain values, for CSV and XLSX exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from dealpilot.deals.models import Opportunity
from dealpilot.deals.stages import Stages, workspace_stages
from dealpilot.pipeline import rows


def header() -> list[str]:
    return [_("Account"), _("Deal"), _("Owner"), _("Team"), _("Stage"), _("Days in stage"), _("Amount"),
            _("Currency"), _("Close date"), _("Overdue"), _("Score"), _("Trend"), _("Most severe flag"),
            _("Evidence share (%)")]


def lines(deals: QuerySet[Opportunity], stages: Stages | None = None) -> Iterator[list[Any]]:
    today, now = timezone.localdate(), timezone.now()
    trend = {"up": "↑", "down": "↓", "": ""}
    yes, no = _("yes"), _("no")
    labels = (stages or workspace_stages()).labels()  # in the export's language, once
    for deal in rows.for_rows(deals).iterator(chunk_size=2000):
        r = rows.row(deal, today, now)
        yield [as_text(deal.account.name), as_text(deal.name), r.owner_name, deal.team.name if deal.team else "",
               labels.get(deal.stage, deal.stage), r.days_in_stage, deal.amount, deal.currency,
               deal.close_date, yes if r.overdue else no, deal.score, trend[r.trend], r.flag,
               deal.evidence_share]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: Any) -> Any:
    """A cell that a spreadsheet would run as a formula (`=HYPERLINK(…)` in a deal name) stays text."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def filename(ext: str, day: dt.date | None = None) -> str:
    return f"pipeline-{(day or timezone.localdate()).isoformat()}.{ext}"
