"""Credit per criterion and the scores built from it; every point traces to one answer.

A criterion earns credit from its answer: yes 1, partly ½, no and unknown 0. A yes or partly
without evidence earns half of that; evidence older than the freshness window decays (see
dates.py). Where the evidence comes from counts, as the method asks to verify with the person
concerned: said or shown by a stakeholder we have reached earns it all, someone else's report
(or a person we never reached, who cannot have told us directly) three quarters, the rep's own
judgement with no source half. A yes or partly that the deal's own facts contradict (a
fund-approver criterion with no fund approver on record) is capped, and a contradicted partly
never earns more than a contradicted yes: the rep's optimism is not evidence.
"""

from __future__ import annotations

from dealpilot.engine.compiled import CompiledPlaybook
from dealpilot.engine.dates import age_days, decay
from dealpilot.engine.facts import REACHED, Facts
from dealpilot.engine.playbook import Text
from dealpilot.engine.results import CriterionResult, DimensionResult
from dealpilot.engine.wording import BUDGET, STATUS, days_text, text

BASE_CREDIT = {"yes": 1.0, "partly": 0.5, "no": 0.0, "unknown": 0.0}
NO_EVIDENCE_FACTOR = 0.5
SOURCE_FACTOR = {"reached": 1.0, "reported": 0.75, "own": 0.5}
CONTRADICTED_CAP = 0.25
CHECKED = frozenset({"yes", "partly"})  # answers held against the deal's facts

_NOT_ANSWERED = text("尚未回答", "not answered yet")
_ANSWERED = {k: text(f"回答：{v.zh}", f"answered {v.en}") for k, v in STATUS.items()}
_NO_EVIDENCE = text("没有证据：只计一半分", "no evidence recorded: half credit")
_UNDATED = text("证据没有日期，无法证明仍然有效：按 75% 计分", "evidence is undated, so it cannot be shown to be fresh: 75% credit")


def contradiction(name: str, arg: str, cp: CompiledPlaybook, facts: Facts, status: str = "yes") -> Text:
    """Why a "yes" (or "partly") does not match the deal's facts, for a check that failed."""
    said = STATUS[status]
    lead_zh, lead_en = f"回答为“{said.zh}”，但", f"answered {said.en}, but"
    if name in ("role_present", "role_reached"):
        role = cp.role_name(arg)
        if name == "role_present":
            return text(f"{lead_zh}没有任何关键人担任{role.zh}", f"{lead_en} no stakeholder is a {role.en}")
        return text(f"{lead_zh}尚未接触到任何{role.zh}（见过面或经常联系）",
                    f"{lead_en} no {role.en} has been reached (met or regular contact)")
    if name == "budget_at_least":
        now, need = BUDGET[facts.deal.budget.status], BUDGET[arg]
        return text(f"{lead_zh}预算状态为“{now.zh}”（至少应为“{need.zh}”）",
                    f"{lead_en} the budget status is {now.en} (needs at least {need.en})")
    if name == "buying_roles_reached":
        missed = [s.name for s in facts.buying_group if s.access not in REACHED]
        if missed:
            return text(f"{lead_zh}尚未接触到：{'、'.join(missed)}", f"{lead_en} not reached yet: {', '.join(missed)}")
    zh, en = _CHECK_WORDS.get(name, ("事实不符", "the deal's facts disagree"))
    return text(f"{lead_zh}{zh}", f"{lead_en} {en}")


def _source_reason(kind: str, name: str) -> Text | None:
    if kind == "reached":
        return None
    if kind == "reported":
        return text(f"证据来源{name}尚未接触，无法当面证实：按 75% 计分",
                    f"the source, {name}, has not been reached and cannot have confirmed it directly: 75% credit")
    return text("证据没有来源，只是我们自己的判断：按 50% 计分", "the evidence names no source, so it is our own judgement: 50% credit")


_CHECK_WORDS = {
    "pain_confirmed": ("没有任何痛点与当事人确认过", "no pain has been confirmed with its owner"),
    "pain_owner_known": ("没有任何痛点写明是谁的", "no pain names its owner"),
    "compelling_event": ("时间线上没有迫切事件", "the timeline has no compelling event"),
    "dated_milestone": ("没有任何带日期的里程碑", "no milestone has a date"),
    "mutual_plan": ("共同计划中没有既有负责人又有日期的步骤", "no mutual-plan step has both an owner and a due date"),
    "competitors_known": ("没有记录任何竞争对手", "no competitor is recorded"),
    "value_quantified": ("没有任何量化了金额的价值项", "no value item has an amount"),
    "value_agreed": ("没有任何价值项获得客户认可", "no value item is agreed"),
    "decision_chain_known": ("决策链为空或有步骤没有负责人", "the decision chain is empty or has steps without an owner"),
    "supporter_present": ("没有中高影响力的倡导者或支持者", "there is no champion or supporter of medium or high influence"),
    "stakeholders_reached": ("接触到的关键人不足两位", "fewer than two stakeholders have been reached"),
    "buying_roles_reached": ("还没有担任采购角色的关键人", "no stakeholder holds a buying role"),
}


def score_criteria(cp: CompiledPlaybook, facts: Facts) -> list[DimensionResult]:
    answers = facts.deal.answers
    as_of = facts.as_of
    by_dim: dict[str, list[CriterionResult]] = {d.id: [] for d in cp.dimensions}
    for cc in cp.criteria:
        c = cc.criterion
        a = answers.get(c.id)
        status = a.status.value if a is not None else "unknown"
        credit = BASE_CREDIT[status]
        reasons: list[Text] = []
        stale = False
        bad: Text | None = None
        if a is None or status == "unknown":
            reasons.append(_NOT_ANSWERED)
        else:
            reasons.append(_ANSWERED[status])
        if credit > 0:
            assert a is not None
            if not a.evidence:
                credit *= NO_EVIDENCE_FACTOR
                reasons.append(_NO_EVIDENCE)
            age = age_days(a.date, as_of)
            factor = decay(age, cc.window)
            if age is None:
                reasons.append(_UNDATED)
            elif factor < 1.0:
                stale = True
                reasons.append(text(f"证据已有 {age} 天（有效期 {cc.window} 天）：按 {factor:.0%} 计分",
                                    f"evidence is {days_text(age)} old (fresh for {days_text(cc.window)}): {factor:.0%} credit"))
            credit *= factor
            kind = facts.source_kind(a.source)
            credit *= SOURCE_FACTOR[kind]
            why = _source_reason(kind, facts.name(a.source))
            if why is not None:
                reasons.append(why)
            if status in CHECKED:
                for name, arg in cc.checks:
                    if not facts.check(name, arg):
                        bad = contradiction(name, arg, cp, facts, status)
                        if credit > CONTRADICTED_CAP:
                            credit = CONTRADICTED_CAP
                        reasons.append(bad)
                        break
        by_dim[cc.dimension].append(CriterionResult(
            id=c.id, dimension=cc.dimension, text=c.text, weight=c.weight, status=status,
            credit=credit, points=credit * c.weight, max_points=c.weight,
            evidence=a.evidence if a is not None else None, source=a.source if a is not None else None,
            date=a.date if a is not None else None, stale=stale, contradiction=bad, reasons=reasons,
        ))
    out = []
    for d in cp.dimensions:
        crits = by_dim[d.id]
        total = sum(c.max_points for c in crits)
        got = sum(c.points for c in crits)
        out.append(DimensionResult(id=d.id, name=d.name, score=_pct(got / total if total else 0.0),
                                   criteria=crits, weight=d.weight))
    return out


def overall(dimensions: list[DimensionResult]) -> int:
    """Weighted mean of the dimensions' shares of their points (each dimension's weight)."""
    total = sum(d.weight for d in dimensions)
    return _pct(sum(d.weight * d.ratio for d in dimensions) / total) if total else 0


def _pct(ratio: float) -> int:
    # Half-up rounding, not banker's: 44.5 shows as 45 the way a person would round it.
    return max(0, min(100, int(ratio * 100 + 0.5 + 1e-9)))
