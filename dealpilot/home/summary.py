"""The team's pipeline summary on a manager's home page (an admin's: every team): open deals by
stage, by rep (and by team for an admin), and the red flags holding most of them back.

All of it from one GROUP BY over the open deals (stage, team, owner, currency, with a
conditional count per flag): the database reads the deals once and the page adds up the few
group rows, converted to the company currency as the pipeline's totals are
(`dealpilot.pipeline.totals`). Four separate aggregates read 80,000 open deals four times.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from dealpilot.accounts.models import person_name
from dealpilot.deals.models import Opportunity
from dealpilot.deals.stages import Stages, workspace_stages
from dealpilot.pipeline.labels import FLAG_NAMES
from dealpilot.pipeline.models import ExchangeRate, company_currency
from dealpilot.pipeline.totals import GroupTotals, Total, Totals, add_group, group_rows

#: Flags listed on the summary: the ones holding back the most open deals.
TOP_FLAGS = 5
_FIELDS = ("stage", "team", "team__name", "owner", "owner__username", "owner__first_name", "owner__last_name")


@dataclass
class FlagCount:
    id: str
    name: str
    count: int


@dataclass
class Summary:
    totals: Totals
    by_rep: list[tuple[str, GroupTotals]]  # (person's name, their totals), largest amount first
    by_team: list[tuple[str, GroupTotals]]  # admin only
    flags: list[FlagCount]
    flagged: int  # open deals with at least one flag


def _largest_first(groups: dict[Any, tuple[str, GroupTotals]]) -> list[tuple[str, GroupTotals]]:
    return sorted(groups.values(), key=lambda g: (-g[1].total.amount, -g[1].total.count, g[0]))


def team_summary(deals: QuerySet[Opportunity], today: dt.date, *, by_team: bool = False,
                 stages: Stages | None = None) -> Summary:
    flag_counts = {f"flag_{fid}": Count("pk", filter=Q(flag_ids__contains=f" {fid} ")) for fid in FLAG_NAMES}
    rates = ExchangeRate.objects.on(today)
    overall, by_stage, apart = Total(), {s: Total() for s in (stages or workspace_stages()).ids()}, {}
    reps: dict[Any, tuple[str, GroupTotals]] = {}
    teams: dict[Any, tuple[str, GroupTotals]] = {}
    flags = dict.fromkeys(FLAG_NAMES, 0)
    flagged = 0
    for g in group_rows(deals.open(), *_FIELDS, any_flag=Count("pk", filter=Q(flag_count__gt=0)), **flag_counts):
        add_group(g, rates, [overall, by_stage.setdefault(g["stage"], Total())], apart)
        name = person_name(g["owner__username"], g["owner__first_name"], g["owner__last_name"])
        _, rep = reps.setdefault(g["owner"], (name, GroupTotals({"owner": g["owner"]}, Total())))
        add_group(g, rates, [rep.total], rep.unconverted)
        _, team = teams.setdefault(g["team"], (g["team__name"] or "", GroupTotals({"team": g["team"]}, Total())))
        add_group(g, rates, [team.total], team.unconverted)
        flagged += g["any_flag"]
        for fid in flags:
            flags[fid] += g[f"flag_{fid}"]
    found = sorted((FlagCount(fid, str(FLAG_NAMES[fid]), n) for fid, n in flags.items() if n), key=lambda f: -f.count)
    return Summary(Totals(company_currency(), overall, by_stage, apart), _largest_first(reps),
                   _largest_first(teams) if by_team else [], found[:TOP_FLAGS], flagged)
