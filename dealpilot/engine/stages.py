"""Whether a deal has the minimum qualification its stage expects."""

from __future__ import annotations

from dealpilot.engine.compiled import CompiledPlaybook, Requirements
from dealpilot.engine.facts import Facts
from dealpilot.engine.playbook import Text
from dealpilot.engine.results import StageCheck
from dealpilot.engine.wording import BUDGET, text

_PAIN = text("至少一个痛点已与当事人确认", "at least one pain confirmed with its owner")
_EVENT = text("有迫切事件", "a compelling event")


def missing(req: Requirements | None, cp: CompiledPlaybook, facts: Facts, score: int) -> list[Text]:
    if req is None:
        return []
    out: list[Text] = []
    if score < req.min_score:
        out.append(text(f"总分至少 {req.min_score:g}（当前 {score}）", f"overall score at least {req.min_score:g} (now {score})"))
    if req.budget_at_least is not None and not req.budget_met(facts.deal.budget.status):
        need, now = BUDGET[req.budget_at_least], BUDGET[facts.deal.budget.status]
        out.append(text(f"预算至少“{need.zh}”（当前“{now.zh}”）", f"budget at least {need.en} (now {now.en})"))
    for role in req.roles_reached:
        if not facts.role_reached(role):
            name = cp.role_name(role)
            out.append(text(f"已接触到{name.zh}（见过面或经常联系）", f"{name.en} reached (met or regular contact)"))
    if len(facts.reached) < req.min_stakeholders_reached:
        n = req.min_stakeholders_reached
        out.append(text(f"至少接触到 {n} 位关键人（当前 {len(facts.reached)} 位）",
                        f"at least {n} {'stakeholder' if n == 1 else 'stakeholders'} reached (now {len(facts.reached)})"))
    if req.pain_confirmed and not facts.pains_confirmed:
        out.append(_PAIN)
    if req.compelling_event and facts.deal.timeline.compelling_event is None:
        out.append(_EVENT)
    return out


def stage_check(stage: str, missing_items: list[Text]) -> StageCheck:
    return StageCheck(stage=stage, met=not missing_items, missing=missing_items)
