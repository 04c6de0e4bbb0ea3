"""The question assistant (提问助手): which gaps matter most now, what to ask, whom, and how.

Gaps rank by weight × uncertainty × how much the current stage needs the dimension. Each gap
gets a question from the playbook's bank and a stakeholder chosen by role, access and attitude:
a champion asked from the side about how money is approved beats the CFO asked cold. When
nobody suitable is reached yet, the stakeholder is None and `reach` says whom to reach first.
"""

from __future__ import annotations

from dealpilot.engine.compiled import CompiledPlaybook
from dealpilot.engine.document import Stakeholder
from dealpilot.engine.facts import FRIENDLY, HOSTILE, REACHED, Facts
from dealpilot.engine.playbook import Question, Text
from dealpilot.engine.results import (
    CallPlanEntry,
    Coaching,
    CriterionResult,
    DimensionResult,
    IntroPath,
)
from dealpilot.engine.wording import PURPOSE_ORDER, STATUS, text

MAX_QUESTIONS = 8
#: Below this fit nobody is worth asking yet; we suggest whom to reach instead.
MIN_FIT = 0.12
_ACCESS = {"regular": 1.0, "met": 0.85, "indirect": 0.35, "none": 0.0}
_ATTITUDE = {"champion": 1.0, "supporter": 0.85, "neutral": 0.55, "unknown": 0.45, "skeptic": 0.25, "opponent": 0.1}
#: A known "no" is as much a gap as an unanswered question: the decider who will not meet us
#: matters at least as much as a lighter question nobody asked yet.
_NO_UNCERTAINTY = 1.0


class _Person:
    """What the coach weighs about a stakeholder, computed once per assessment."""

    __slots__ = ("s", "base", "roles", "warm", "friendly", "fund", "fund_role")

    def __init__(self, s: Stakeholder, facts: Facts) -> None:
        self.s = s
        self.base = _ACCESS[s.access] * _ATTITUDE[s.attitude]
        self.roles = frozenset(s.roles)
        self.warm = s.access in REACHED and s.attitude not in HOSTILE and s.attitude != "unknown"
        self.friendly = s.attitude in FRIENDLY
        self.fund = any(f is s for f in facts.fund_approvers)
        self.fund_role = facts.roles.approves_budget

    def holds(self, role: str | None) -> bool:
        if role is None:
            return False
        return self.fund if role == self.fund_role else role in self.roles


def _fit(q: Question, q_roles: frozenset[str], p: _Person, holder: bool) -> float:
    fit = p.base
    if q_roles:
        fit *= 1.0 if not q_roles.isdisjoint(p.roles) else 0.5
    else:
        fit *= 0.75
    if q.technique == "direct":
        # Asking straight out works with someone who holds the answer and is on speaking terms.
        fit *= (1.35 if holder else 0.8) if p.warm else 0.5
    elif q.technique == "side":
        # From the side is how a friend tells us about someone else's role, money or politics.
        fit *= 1.1 if p.friendly and not holder else 0.85
    else:
        fit *= 0.95
    return fit


def _reason(cr: CriterionResult, focus: float, top_focus: float, stage_name: Text) -> Text:
    st = STATUS[cr.status]
    zh = f"“{cr.text.zh}”：{st.zh}，权重 {cr.weight:g}"
    en = f"“{cr.text.en}”: {st.en}, weight {cr.weight:g}"
    if cr.contradiction is not None:
        zh, en = f"{zh}；{cr.contradiction.zh}", f"{en}; {cr.contradiction.en}"
    elif cr.stale:
        zh, en = f"{zh}；证据已过期", f"{en}; evidence is stale"
    if focus > 1 and focus >= top_focus:
        zh, en = f"{zh}；“{stage_name.zh}”阶段的重点", f"{en}; a focus of the {stage_name.en} stage"
    return text(zh, en)


def _reach(role: str | None, cp: CompiledPlaybook, facts: Facts, paths: dict[str, IntroPath]) -> Text:
    if role is not None:
        holders = facts.role_holders(role)
        for s in holders:
            if s.id in paths:
                return paths[s.id].message
        name = cp.role_name(role)
        if not holders:
            return text(f"先弄清谁是{name.zh}：请已接触的人介绍", f"Find out who the {name.en} is: ask anyone you reach to introduce them")
        who = holders[0].name
        return text(f"先接触{who}（{name.zh}）", f"Reach {who} ({name.en}) first")
    return text("先接触客户方的关键人：目前没有可以询问的人", "Reach someone on the customer's side first: nobody suitable is reached yet")


def coach(cp: CompiledPlaybook, facts: Facts, dims: list[DimensionResult], stage_id: str,
          paths: list[IntroPath]) -> list[Coaching]:
    stage = cp.stages.get(stage_id)
    if stage is not None and stage.closed:
        return []  # a won or lost deal has nothing left to ask
    focus = stage.focus if stage is not None else {}
    stage_name = stage.name if stage is not None else text(stage_id, stage_id)
    top_focus = max(focus.values(), default=1.0)
    gaps: list[tuple[float, float, CriterionResult]] = []
    for d in dims:
        f = focus.get(d.id, 1.0)
        if f <= 0:
            continue
        for cr in d.criteria:
            if cr.credit >= 1.0:
                continue
            unc = (1.0 - cr.credit) * (_NO_UNCERTAINTY if cr.status == "no" else 1.0)
            gaps.append((cr.weight * unc * f, f, cr))
    gaps.sort(key=lambda g: -g[0])
    by_target = {p.target: p for p in paths if p.via}
    people = [_Person(s, facts) for s in facts.deal.stakeholders if s.access != "none"]
    load: dict[str, int] = {}
    used: set[str] = set()
    out: list[Coaching] = []
    for priority, f, cr in gaps:
        if len(out) >= MAX_QUESTIONS:
            break
        role = cp.by_id[cr.id].criterion.role
        qs = [q for q in cp.questions.get(cr.id, ()) if q.id not in used]
        best: tuple[float, Question | None, Stakeholder | None] = (0.0, None, None)
        holders = [p.holds(role) for p in people]
        for cand in qs:
            q_roles = frozenset(cand.roles)
            for p, holder in zip(people, holders, strict=True):
                fit = _fit(cand, q_roles, p, holder)
                n = load.get(p.s.id)
                if n:
                    fit *= 0.9 ** n  # spread the questions rather than pile them on one person
                if fit > best[0]:
                    best = (fit, cand, p.s)
        fit, chosen, s = best
        q: Question | None = chosen
        if s is None or fit < MIN_FIT:
            s = None
            q = qs[0] if qs else None
        reach: Text | None = None
        if s is None:
            reach = _reach(role, cp, facts, by_target)
        elif role is not None and not facts.role_reached(role):
            reach = _reach(role, cp, facts, by_target)
        if q is not None:
            used.add(q.id)
            qtext, technique, qid, purpose = q.text, q.technique, q.id, q.purpose
        else:
            qtext = text(f"请确认：{cr.text.zh}", f"Confirm: {cr.text.en}")
            technique, qid, purpose = "direct", None, None
        if s is not None:
            load[s.id] = load.get(s.id, 0) + 1
        out.append(Coaching(criterion=cr.id, stakeholder=s.id if s else None, technique=technique,
                            text=qtext, question_id=qid, priority=priority,
                            reason=_reason(cr, f, top_focus, stage_name), reach=reach, purpose=purpose))
    return out


def call_plan(questions: list[Coaching], facts: Facts) -> list[CallPlanEntry]:
    """The questions grouped per stakeholder, most urgent conversation first; nobody-yet last.

    Someone we have not met yet is a first meeting: their questions go in the method's order —
    their role and responsibilities, then the need, then their attitude — most urgent first
    within each purpose."""
    groups: dict[str | None, list[Coaching]] = {}
    for c in questions:
        groups.setdefault(c.stakeholder, []).append(c)
    for sid, qs in groups.items():
        if sid is not None and not facts.is_reached(sid):
            qs.sort(key=lambda c: PURPOSE_ORDER.get(c.purpose or "", len(PURPOSE_ORDER)))
    plan = [CallPlanEntry(sid, facts.name(sid) if sid else None, qs) for sid, qs in groups.items() if sid]
    if None in groups:
        plan.append(CallPlanEntry(None, None, groups[None]))
    return plan
