"""What moved in a period's forecast since a date, read from the deals' change history.

Two queries: the change records since the date that can be moves, for the deals the user may see
(with their author; the index on (deal, time) reads only the window of each deal's history), then
the deals those records name (name, account, amount, currency, close date). The engine classifies
each record; amounts are converted to the company currency with today's rates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from dealpilot.accounts.models import person_name
from dealpilot.deals.history import DEMO
from dealpilot.deals.models import ChangeRecord, Opportunity
from dealpilot.deals.stages import Stages, workspace_stages
from dealpilot.engine import forecast as fc
from dealpilot.forecast.periods import Period
from dealpilot.pipeline.models import ExchangeRate

FIELDS = ("created", "opportunity.stage", "opportunity.close_date", "opportunity.amount", "forecast.call")
LIMIT = 5000  # change records that may be moves, read; the page lists the first SHOWN moves
SHOWN = 100


@dataclass
class Move:
    kind: str
    label: Any  # engine Text
    deal_id: int
    deal_name: str
    account: str
    who: str
    at: dt.datetime
    before: str
    after: str
    delta: Decimal  # change of the period's total (open + won), company currency


def _delta(kind: str, old: str, new: str, amount: Decimal, rate: Decimal | None) -> Decimal:
    if rate is None:
        return Decimal(0)
    if kind in (fc.NEW, fc.PULLED_IN):
        return amount * rate
    if kind in (fc.LOST, fc.PUSHED_OUT):
        return -amount * rate
    if kind in (fc.AMOUNT_UP, fc.AMOUNT_DOWN):
        try:
            return (Decimal(new or 0) - Decimal(old or 0)) * rate
        except ArithmeticError:
            return Decimal(0)
    return Decimal(0)


_COLUMNS = ("at", "field", "old", "new", "opportunity_id", "user__username", "user__first_name", "user__last_name")
_DEAL_COLUMNS = ("pk", "name", "account__name", "amount", "currency", "close_date")


def _rank(column: str, order: list[str]) -> Case:
    return Case(*(When(**{column: stage}, then=Value(i)) for i, stage in enumerate(order)),
                default=Value(None), output_field=IntegerField())


def may_move(p: Period, deals: QuerySet[Opportunity]) -> Q:
    """The records `fc.classify` can count as a move of period `p`, selected in SQL so that the
    many that cannot (a stage moved forward, a close date moved within or beyond the period, an
    unchanged amount, a change to another period's deal) are never read. The engine still decides
    each one that is read; ISO dates compare as text."""
    start, end = p.start.isoformat(), p.end.isoformat()
    in_period = Q(opportunity__in=deals.filter(close_date__range=(p.start, p.end)).values("pk"))
    stage = Q(field="opportunity.stage") & (Q(new__in=(fc.WON, fc.LOST)) | Q(old_rank__gt=F("new_rank")))
    before_end = Q(old="") | Q(old__lte=end + "~")  # "~" sorts after any time part of the day
    pushed = Q(new__gt=end + "~") & before_end
    pulled = Q(new__gte=start, new__lte=end + "~") & ~before_end
    close = Q(field="opportunity.close_date") & (pushed | pulled)
    amount = Q(field="opportunity.amount") & ~Q(old=F("new")) & ~Q(old="") & ~Q(new="")
    others = Q(field__in=("created", "forecast.call")) | amount
    return close | (in_period & (stage | others))


def changes(deals: QuerySet[Opportunity], since: dt.datetime, p: Period | None = None,
            stages: Stages | None = None) -> QuerySet[Any]:
    """`stages`: the order a stage moves back in (the workspace's open stages, by default)."""
    # The demo load's "created" records are not new deals: they date the load.
    records = (ChangeRecord.objects.filter(opportunity__in=deals.values("pk"), at__gte=since, field__in=FIELDS)
               .exclude(field="created", new=DEMO))
    if p is not None:
        order = (stages or workspace_stages()).open_ids()
        records = records.alias(old_rank=_rank("old", order), new_rank=_rank("new", order)).filter(may_move(p, deals))
    return records.order_by("-at", "-pk").values_list(*_COLUMNS)


def moves(deals: QuerySet[Opportunity], p: Period, since: dt.datetime, day: dt.date) -> list[Move]:
    stages = workspace_stages()
    order = stages.open_ids()
    records = list(changes(deals, since, p, stages)[:LIMIT])
    named = {r[4] for r in records}
    about = {row[0]: row[1:] for row in Opportunity.objects.filter(pk__in=named).values_list(*_DEAL_COLUMNS)}
    rates = ExchangeRate.objects.on(day)
    out = []
    for at, fld, old, new, deal_id, username, first, last in records:
        kind = fc.classify(fld, old, new, p.start, p.end, order)
        if kind is None or kind == fc.STAGE_FORWARD:
            continue
        name, account, amount, currency, close = about[deal_id]
        in_period = close is not None and p.start <= close <= p.end
        if kind not in (fc.PUSHED_OUT, fc.PULLED_IN) and not in_period:
            continue  # a move of another period's deal
        who = person_name(username, first, last) if username else "—"
        shown = (stages.label(old), stages.label(new)) if fld == "opportunity.stage" else (old, new)
        out.append(Move(kind, fc.MOVES[kind], deal_id, name, account, who, at, *shown,
                        _delta(kind, old, new, amount or Decimal(0), rates.get(currency.upper()))))
    return out


def week_of(at: dt.datetime) -> str:
    year, week, _day = at.isocalendar()
    return f"{year}-W{week:02d}"


def chart(now_total: Decimal, found: list[Move]) -> dict[str, Any]:
    """A waterfall: the period's total at the start, each week's net change, today's total."""
    deltas = [(week_of(m.at), m.kind, m.delta) for m in found]
    moved = sum((d for _w, _k, d in deltas), Decimal(0))
    steps = fc.waterfall(now_total - moved, deltas)
    labels, base, up, down = [], [], [], []
    running = Decimal(0)
    for i, (week, value) in enumerate(steps):
        labels.append(week)
        if i == 0:
            base.append(0.0); up.append(float(value)); down.append(0.0)  # noqa: E702
            running = value
            continue
        low = min(running, running + value)
        base.append(float(low)); up.append(float(max(value, 0))); down.append(float(max(-value, 0)))  # noqa: E702
        running += value
    labels.append("now")
    base.append(0.0); up.append(float(running)); down.append(0.0)  # noqa: E702
    return {"labels": labels, "base": base, "up": up, "down": down}
