"""A rep's week: deals with a meeting or a mutual plan step due in the next 7 days (with the call
plan for each), deals whose pain evidence is going stale, deals gone quiet.

Each block is one query for its first rows and one count; the deals due this week are then read
with their lists (`with_lists`, a fixed number of queries) so the engine's coach can plan each call.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least

from dealpilot.deals.loading import with_lists
from dealpilot.deals.models import Milestone, Opportunity, Pain, PlanStep, StepStatus
from dealpilot.engine.flags import pain_warning_age
from dealpilot.engine.playbook import get_playbook, list_playbooks
from dealpilot.home.call_plans import CallPlan, call_plan
from dealpilot.pipeline.filters import apply
from dealpilot.pipeline.rows import Row, for_rows, row

#: "This week": today and the next seven days.
WEEK_DAYS = 7
#: Gone quiet: no change to the deal for this many days (the pipeline's `stale` filter).
QUIET_DAYS = 21
#: Deals shown per block; the block links to the pipeline for the rest.
SHOWN = 8


@dataclass
class Event:
    kind: str  # "meeting" (a timeline milestone) or "step" (a mutual plan step)
    name: str
    day: dt.date


@dataclass
class WeekDeal:
    deal: Opportunity
    events: list[Event]
    plan: CallPlan


@dataclass
class Block:
    rows: list[Any]
    count: int
    link: str = ""  # the pipeline's query string showing them all (when it can)
    notes: dict[int, Any] = field(default_factory=dict)


@dataclass
class Week:
    start: dt.date
    end: dt.date
    due: Block
    pain: Block
    quiet: Block


def _pending(model: Any, date_field: str, start: dt.date, end: dt.date) -> QuerySet:
    return (model.objects.filter(opportunity_id=OuterRef("pk"), **{f"{date_field}__range": (start, end)})
            .exclude(status=StepStatus.DONE))


def due_this_week(deals: QuerySet[Opportunity], start: dt.date, end: dt.date) -> QuerySet[Opportunity]:
    """Open deals with a meeting (a milestone not done) or a plan step not done dated start..end,
    soonest first."""
    meetings, steps = _pending(Milestone, "date", start, end), _pending(PlanStep, "due", start, end)
    first_meeting = Subquery(meetings.order_by("date").values("date")[:1])
    first_step = Subquery(steps.order_by("due").values("due")[:1])
    return (deals.open().filter(Q(Exists(meetings)) | Q(Exists(steps)))
            .annotate(first_meeting=first_meeting, first_step=first_step)
            # Least of the two, either may be missing (Least of a NULL is NULL on some databases).
            .annotate(next_event=Least(Coalesce("first_meeting", "first_step"), Coalesce("first_step", "first_meeting")))
            .order_by("next_event", "pk"))


def pain_windows() -> dict[str, int]:
    """Pain freshness window (days) of each shipped playbook."""
    return {pid: get_playbook(pid).pain_freshness_days for pid in list_playbooks()}


def pain_going_stale(deals: QuerySet[Opportunity], today: dt.date) -> QuerySet[Opportunity]:
    """Open deals whose oldest confirmed pain is past, or within the engine's warning margin
    (`pain_warning_age`) of, the end of its playbook's pain freshness window; the oldest first. Annotated: `oldest_pain`, `pain_window`."""
    windows = pain_windows()
    oldest = Pain.objects.filter(opportunity_id=OuterRef("pk"), confirmed_on__isnull=False).order_by("confirmed_on")
    due = Q(pk__in=[])
    for pid, window in windows.items():
        due |= Q(playbook=pid, oldest_pain__lte=today - dt.timedelta(days=pain_warning_age(window)))
    return (deals.open().annotate(oldest_pain=Subquery(oldest.values("confirmed_on")[:1]),
                                  pain_window=Case(*[When(playbook=p, then=Value(w)) for p, w in windows.items()],
                                                   output_field=IntegerField()))
            .filter(due).order_by("oldest_pain", "pk"))


def gone_quiet(deals: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    """Open deals without a change for QUIET_DAYS days (as the pipeline's `?stale=` filter), the
    quietest first."""
    return apply(deals, {"stale": QUIET_DAYS}).order_by("updated_at", "pk")


def _events(opp: Opportunity, start: dt.date, end: dt.date) -> list[Event]:
    """The deal's meetings and steps of the week, from its prefetched lists."""
    out = [Event("meeting", m.name, m.date) for m in opp.milestones.all()
           if m.date is not None and start <= m.date <= end and m.status != StepStatus.DONE]
    out += [Event("step", s.step, s.due) for s in opp.plan_steps.all()
            if s.due is not None and start <= s.due <= end and s.status != StepStatus.DONE]
    return sorted(out, key=lambda e: (e.day, e.kind))


def _rows(deals: QuerySet[Opportunity], today: dt.date, now: dt.datetime) -> list[Row]:
    return [row(d, today, now) for d in for_rows(deals, "updated_at")[:SHOWN]]


def _count(deals: QuerySet[Opportunity], shown: list[Any]) -> int:
    """All of them: counted only when the block is full (fewer shown means that is all)."""
    return deals.count() if len(shown) == SHOWN else len(shown)


def my_week(deals: QuerySet[Opportunity], today: dt.date, now: dt.datetime) -> Week:
    end = today + dt.timedelta(days=WEEK_DAYS)
    due = due_this_week(deals, today, end)
    week_deals = [WeekDeal(opp, _events(opp, today, end), call_plan(opp)) for opp in with_lists(due[:SHOWN])]
    stale = pain_going_stale(deals, today)
    pain_rows = _rows(stale, today, now)
    notes = {r.deal.pk: _pain_note(r.deal, today) for r in pain_rows}
    quiet = gone_quiet(deals)
    quiet_rows = _rows(quiet, today, now)
    return Week(
        start=today, end=end,
        due=Block(week_deals, _count(due, week_deals)),
        # The pipeline filters by the flag: the deals already stale, not those about to be.
        pain=Block(pain_rows, _count(stale, pain_rows), "flag=pain_stale", notes),
        quiet=Block(quiet_rows, _count(quiet, quiet_rows), f"stale={QUIET_DAYS}"),
    )


def _pain_note(deal: Any, today: dt.date) -> dict[str, Any]:
    """When the deal's oldest pain confirmation goes (or went) stale: the day and the days left."""
    stale_on = deal.oldest_pain + dt.timedelta(days=deal.pain_window)
    return {"confirmed_on": deal.oldest_pain, "stale_on": stale_on, "days_left": (stale_on - today).days}
