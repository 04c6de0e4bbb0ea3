"""What one pipeline row or card shows, from the deal row's stored columns only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dealpilot.accounts.models import display_name
from dealpilot.deals.models import Opportunity
from dealpilot.engine.summary import band
from dealpilot.pipeline.labels import flag_name

#: The list columns a row needs; nothing else is read for a page of deals.
ROW_FIELDS = ("pk", "name", "playbook", "stage", "amount", "currency", "close_date", "score", "previous_score", "top_flag",
              "top_flag_severity", "evidence_share", "stage_since", "version", "account__name",
              "owner__username", "owner__first_name", "owner__last_name", "team__name",
              "forecast__probability", "forecast__source")


def for_rows(deals: Any, *extra: str) -> Any:
    """`deals` reading just the columns a row shows (and the `extra` ones a page adds)."""
    return deals.select_related("account", "owner", "team", "forecast").only(
        *[f for f in ROW_FIELDS if f != "pk"], *extra)


@dataclass
class Row:
    deal: Opportunity
    owner_name: str
    days_in_stage: int
    overdue: bool
    trend: str  # "up", "down" or ""
    band: str | None
    flag: str
    flag_severity: str
    win: float | None = None  # the win probability (learned or rules estimate), see dealpilot.forecast

    @property
    def open(self) -> bool:
        return self.deal.stage not in ("won", "lost")


def row(deal: Opportunity, today: dt.date, now: dt.datetime) -> Row:
    trend = ""
    if deal.score is not None and deal.previous_score is not None and deal.score != deal.previous_score:
        trend = "up" if deal.score > deal.previous_score else "down"
    closed = deal.stage in ("won", "lost")
    return Row(deal=deal, owner_name=display_name(deal.owner),
               days_in_stage=max(0, (now - deal.stage_since).days), trend=trend, band=band(deal.score),
               overdue=not closed and deal.close_date is not None and deal.close_date < today,
               flag=flag_name(deal.top_flag) if deal.top_flag else "", flag_severity=deal.top_flag_severity,
               win=_win(deal))


def _win(deal: Opportunity) -> float | None:
    row = getattr(deal, "forecast", None)  # a deal never assessed since the forecast existed has none
    return row.probability if row is not None and not closed_stage(deal.stage) else None


def closed_stage(stage: str) -> bool:
    return stage in ("won", "lost")
