"""Forecast rules: the evidence category of a deal, the rep's call checked against it, roll-ups,
coverage and attainment, what moved since a date, and how often each kind of call came true.

Framework-free like the rest of the engine: the web app aggregates amounts in SQL and hands the
group rows here; every weight and rule of the forecast lives in this module and the playbook's
`forecast` section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from dealpilot.engine.assess import Assessment
from dealpilot.engine.compiled import compiled
from dealpilot.engine.facts import RoleIds, derive
from dealpilot.engine.playbook import (
    DEFAULT_FORECAST,
    LOST,
    WON,
    ForecastRule,
    ForecastRules,
    Playbook,
    Text,
)
from dealpilot.engine.stages import missing
from dealpilot.engine.wording import text

COMMIT, BEST_CASE, PIPELINE, OMITTED = "commit", "best_case", "pipeline", "omitted"
#: The categories a rep may call, strongest first.
CALLS = (COMMIT, BEST_CASE, PIPELINE, OMITTED)
_RANK = {COMMIT: 3, BEST_CASE: 2, PIPELINE: 1, OMITTED: 0}
NAMES = {
    COMMIT: text("承诺", "Commit"), BEST_CASE: text("最佳情况", "Best case"),
    PIPELINE: text("管道", "Pipeline"), OMITTED: text("不计入", "Omitted"),
    WON: text("已赢单", "Won"), LOST: text("已丢单", "Lost"),
}
#: A playbook without a `forecast` section is judged by these.
DEFAULT_RULES = DEFAULT_FORECAST
#: The learned or rules probability read as a category, for calibration "by the model".
MODEL_COMMIT_AT, MODEL_BEST_CASE_AT = 0.7, 0.4

_NO_PLAN = text("共同计划：至少一步，每个未完成步骤都有负责人和日期，且不晚于预计成交日",
                "a mutual plan to signature: at least one step, every open step owned and dated, none after the close date")


def rules_of(pb: Playbook) -> ForecastRules:
    return pb.forecast or DEFAULT_RULES


@dataclass(slots=True)
class Evidence:
    """The category the deal's evidence supports, and what each stronger category still lacks."""

    category: str
    missing: dict[str, list[Text]] = field(default_factory=dict)  # commit / best_case -> items


@dataclass(slots=True)
class CallCheck:
    call: str
    evidence: str
    weak: bool  # the call is above what the evidence supports
    label: Text | None  # "commit on weak evidence"
    missing: list[Text]  # what the called category lacks


def _rule_gaps(rule: ForecastRule, a: Assessment) -> list[Text]:
    cp = compiled(a.playbook)
    facts = derive(a.deal, a.as_of, RoleIds.of(a.playbook))
    out: list[Text] = []
    if rule.stage_gate is not None:
        out += missing(cp.requirements.get(rule.stage_gate), cp, facts, a.score)
    if rule.min_score and a.score < rule.min_score:
        out.append(text(f"总分至少 {rule.min_score:g}（当前 {a.score}）",
                        f"overall score at least {rule.min_score:g} (now {a.score})"))
    for role in rule.roles_reached:
        if not facts.role_reached(role):
            name = cp.role_name(role)
            item = text(f"已接触到{name.zh}（见过面或经常联系）", f"{name.en} reached (met or regular contact)")
            if item not in out:
                out.append(item)
    if rule.no_high_flags:
        for f in a.flags:
            if f.severity == "high":
                out.append(text(f"高风险信号：{f.message.zh}", f"high-severity flag: {f.message.en}"))
    if rule.mutual_plan_dated and not _plan_to_signature(a):
        out.append(_NO_PLAN)
    return out


def _plan_to_signature(a: Assessment) -> bool:
    plan = a.deal.mutual_plan
    close = a.deal.opportunity.close_date
    open_steps = [p for p in plan if p.status != "done"]
    if not plan or not open_steps:
        return bool(plan)
    return all(p.owner and p.due and (close is None or p.due <= close) for p in open_steps)


def evidence(a: Assessment) -> Evidence:
    """commit when the commit rule holds, else best_case when its rule holds, else pipeline;
    a closed deal is won or lost."""
    stage = a.deal.opportunity.stage
    if stage in (WON, LOST):
        return Evidence(stage)
    rules = rules_of(a.playbook)
    gaps = {COMMIT: _rule_gaps(rules.commit, a), BEST_CASE: _rule_gaps(rules.best_case, a)}
    category = COMMIT if not gaps[COMMIT] else BEST_CASE if not gaps[BEST_CASE] else PIPELINE
    return Evidence(category, {k: v for k, v in gaps.items() if v})


def check_call(call: str | None, ev: Evidence) -> CallCheck:
    """The rep's call against the evidence; no call yet counts as pipeline."""
    call = call or PIPELINE
    if call not in _RANK:
        raise ValueError(f"unknown forecast call {call!r} (known: {', '.join(CALLS)})")
    if ev.category not in _RANK:  # closed: the call no longer matters
        return CallCheck(call, ev.category, False, None, [])
    weak = _RANK[call] > _RANK[ev.category]
    name = NAMES[call]
    label = text(f"{name.zh}但证据不足", f"{name.en.lower()} on weak evidence") if weak else None
    return CallCheck(call, ev.category, weak, label, ev.missing.get(call, []) if weak else [])


def rules_probability(score: float | None) -> float:
    """The rules estimate of a win: the qualification score read as odds, kept off 0 and 1."""
    if score is None:
        return 0.05
    return round(min(0.95, max(0.05, score / 100)), 3)


def model_category(probability: float | None) -> str:
    if probability is None:
        return PIPELINE
    return COMMIT if probability >= MODEL_COMMIT_AT else BEST_CASE if probability >= MODEL_BEST_CASE_AT else PIPELINE


# --- roll-up -------------------------------------------------------------------------------

@dataclass(slots=True)
class Line:
    """One row of the forecast: a rep, a team or the company, amounts in the company currency."""

    key: str
    won: Decimal = Decimal(0)
    by_call: dict[str, Decimal] = field(default_factory=lambda: {c: Decimal(0) for c in CALLS})
    by_evidence: dict[str, Decimal] = field(default_factory=lambda: {c: Decimal(0) for c in CALLS[:3]})
    weighted: Decimal = Decimal(0)
    counts: dict[str, int] = field(default_factory=dict)
    quota: Decimal | None = None
    adjustment: Decimal | None = None

    def add(self, other: Line) -> None:
        self.won += other.won
        self.weighted += other.weighted
        for c, v in other.by_call.items():
            self.by_call[c] += v
        for c, v in other.by_evidence.items():
            self.by_evidence[c] += v
        for k, n in other.counts.items():
            self.counts[k] = self.counts.get(k, 0) + n

    @property
    def open_pipeline(self) -> Decimal:
        """Every open deal not omitted: commit + best case + pipeline by the calls."""
        return self.by_call[COMMIT] + self.by_call[BEST_CASE] + self.by_call[PIPELINE]

    @property
    def attainment(self) -> float | None:
        return attainment(self.won, self.quota)

    @property
    def coverage(self) -> float | None:
        return coverage(self.open_pipeline, self.won, self.quota)

    @property
    def forecast(self) -> Decimal:
        """The number the line stands behind: won + commit, or the manager's adjustment."""
        return self.adjustment if self.adjustment is not None else self.won + self.by_call[COMMIT]


def attainment(won: Decimal, quota: Decimal | None) -> float | None:
    return None if not quota else round(float(won / quota), 4)


def coverage(open_amount: Decimal, won: Decimal, quota: Decimal | None) -> float | None:
    """Open pipeline ÷ the quota not yet won; None without a quota or when it is already met."""
    if quota is None:
        return None
    left = quota - won
    return None if left <= 0 else round(float(open_amount / left), 4)


@dataclass(slots=True)
class Group:
    """An aggregated group row: a rep in a team, one call and evidence category, amounts converted."""

    owner: str
    team: str
    status: str  # won / lost / open
    call: str
    evidence: str
    count: int
    amount: Decimal
    weighted: Decimal  # amount × win probability


def line_of(key: str, groups: Iterable[Group]) -> Line:
    line = Line(key)
    for g in groups:
        if g.status == WON:
            line.won += g.amount
            line.counts[WON] = line.counts.get(WON, 0) + g.count
            continue
        if g.status != "open":
            continue
        call = g.call if g.call in _RANK else PIPELINE
        line.by_call[call] += g.amount
        line.counts[call] = line.counts.get(call, 0) + g.count
        # The evidence and the model judge every open deal, whatever the rep called it.
        ev = g.evidence if g.evidence in line.by_evidence else PIPELINE
        line.by_evidence[ev] += g.amount
        line.counts[f"evidence_{ev}"] = line.counts.get(f"evidence_{ev}", 0) + g.count
        line.weighted += g.weighted
    return line


def roll_up(groups: list[Group]) -> tuple[dict[str, Line], dict[str, Line], Line]:
    """Rep lines (keyed by owner), team lines (by team) and the company line."""
    by_owner: dict[str, list[Group]] = {}
    by_team: dict[str, list[Group]] = {}
    for g in groups:
        by_owner.setdefault(g.owner, []).append(g)
        by_team.setdefault(g.team, []).append(g)
    reps = {k: line_of(k, v) for k, v in by_owner.items()}
    teams = {k: line_of(k, v) for k, v in by_team.items()}
    return reps, teams, line_of("company", groups)


# --- what moved ----------------------------------------------------------------------------

NEW, PULLED_IN, PUSHED_OUT = "new", "pulled_in", "pushed_out"
AMOUNT_UP, AMOUNT_DOWN, STAGE_BACK, STAGE_FORWARD, CATEGORY = (
    "amount_up", "amount_down", "stage_back", "stage_forward", "category_changed")
MOVES = {
    NEW: text("新商机", "new deal"), WON: text("赢单", "won"), LOST: text("丢单", "lost"),
    PULLED_IN: text("提前到本期", "pulled in"), PUSHED_OUT: text("推迟到本期之后", "pushed out"),
    AMOUNT_UP: text("金额增加", "amount up"), AMOUNT_DOWN: text("金额减少", "amount down"),
    STAGE_BACK: text("阶段后退", "stage moved back"), STAGE_FORWARD: text("阶段前进", "stage moved forward"),
    CATEGORY: text("预测类别变化", "category changed"),
}


def classify(fld: str, old: str, new: str, start: dt.date, end: dt.date, stage_order: list[str]) -> str | None:
    """What a recorded change means for the forecast of the period start..end, or None."""
    if fld == "created":
        return NEW
    if fld in ("opportunity.stage", "stage"):
        if new in (WON, LOST):
            return new
        if old in stage_order and new in stage_order:
            return STAGE_BACK if stage_order.index(new) < stage_order.index(old) else STAGE_FORWARD
        return None
    if fld in ("opportunity.close_date", "close_date"):
        before, after = _date(old), _date(new)
        if after is not None and after > end and (before is None or before <= end):
            return PUSHED_OUT
        if after is not None and start <= after <= end and (before is None or before > end):
            return PULLED_IN
        return None
    if fld in ("opportunity.amount", "amount"):
        a, b = _number(old), _number(new)
        if a is None or b is None or a == b:
            return None
        return AMOUNT_UP if b > a else AMOUNT_DOWN
    if fld == "forecast.call":
        return CATEGORY
    return None


def _date(v: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(v.strip()[:10]) if v else None
    except ValueError:
        return None


def _number(v: str) -> Decimal | None:
    try:
        return Decimal(v.replace(",", "")) if v else None
    except ArithmeticError:
        return None


def waterfall(start: Decimal, moves: list[tuple[str, str, Decimal]]) -> list[tuple[str, Decimal]]:
    """Weekly steps of the forecast: (week, change) pairs from (week, kind, amount delta) moves;
    the first step is the starting value, so the bars of a waterfall chart add up to today's."""
    weeks: dict[str, Decimal] = {}
    for week, _kind, delta in moves:
        weeks[week] = weeks.get(week, Decimal(0)) + delta
    return [("start", start)] + sorted(weeks.items())


# --- calibration ---------------------------------------------------------------------------

@dataclass(slots=True)
class Share:
    called: int
    won: int

    @property
    def share(self) -> float | None:
        return None if not self.called else round(self.won / self.called, 4)


def calibration(closed: Iterable[tuple[str, str, float | None, bool]]) -> dict[str, dict[str, Share]]:
    """For closed deals as (last call, last evidence, last probability, won): per source
    (calls / evidence / model) and category (commit / best_case), how many were so called and won."""
    out = {src: {COMMIT: Share(0, 0), BEST_CASE: Share(0, 0)} for src in ("calls", "evidence", "model")}
    for call, ev, p, won in closed:
        for src, cat in (("calls", call), ("evidence", ev), ("model", model_category(p))):
            s = out[src].get(cat)
            if s is not None:
                s.called += 1
                s.won += int(won)
    return out
