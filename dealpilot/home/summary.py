"""The team's pipeline summary on a manager's home page (an admin's: every team): open deals by
stage, by rep (and by team for an admin), and the red flags holding most of them back.

All aggregated in the database: the stage totals and the per-rep and per-team totals are one
GROUP BY each (`dealpilot.pipeline.totals`), the flag counts one query of conditional counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from dealpilot.accounts.models import person_name
from dealpilot.deals.models import Opportunity
from dealpilot.pipeline.labels import FLAG_NAMES
from dealpilot.pipeline.totals import GroupTotals, Totals, totals, totals_by

#: Flags listed on the summary: the ones holding back the most open deals.
TOP_FLAGS = 5


@dataclass
class FlagCount:
    id: str
    name: str
    count: int


@dataclass
class Summary:
    totals: Totals
    by_rep: list[tuple[str, GroupTotals]]  # (person's name, their totals)
    by_team: list[tuple[str, GroupTotals]]  # admin only
    flags: list[FlagCount]
    flagged: int  # open deals with at least one flag


def flag_counts(deals: QuerySet[Opportunity]) -> tuple[list[FlagCount], int]:
    """How many of `deals` raise each flag (most first, only those raised) and how many raise any."""
    counts = deals.order_by().aggregate(
        any_flag=Count("pk", filter=Q(flag_count__gt=0)),
        **{f"flag_{fid}": Count("pk", filter=Q(flag_ids__contains=f" {fid} ")) for fid in FLAG_NAMES})
    found = [FlagCount(fid, str(name), counts[f"flag_{fid}"]) for fid, name in FLAG_NAMES.items()
             if counts[f"flag_{fid}"]]
    found.sort(key=lambda f: -f.count)
    return found[:TOP_FLAGS], counts["any_flag"]


def team_summary(deals: QuerySet[Opportunity], today: dt.date, *, by_team: bool = False) -> Summary:
    open_deals = deals.open()
    by_rep = [(person_name(g.key["owner__username"], g.key["owner__first_name"], g.key["owner__last_name"]), g)
              for g in totals_by(open_deals, today, "owner", "owner__username", "owner__first_name",
                                 "owner__last_name")]
    teams: list[tuple[str, Any]] = []
    if by_team:
        teams = [(g.key["team__name"] or "", g) for g in totals_by(open_deals, today, "team", "team__name")]
    flags, flagged = flag_counts(open_deals)
    return Summary(totals(open_deals, today), by_rep, teams, flags, flagged)
