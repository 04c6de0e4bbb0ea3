"""Red flags, computed from the deal's facts and answers (never typed by hand).

Each flag names the people and items involved and the document path (`field`) whose change
would clear it. Severity and dimension come from the playbook's `flags` settings; a flag the
playbook does not list (or disables) is not raised, so each playbook decides which warnings fit
its method.
"""

from __future__ import annotations

from collections.abc import Callable

from dealpilot.engine.compiled import CompiledPlaybook, Requirements
from dealpilot.engine.dates import age_days
from dealpilot.engine.document import Stakeholder
from dealpilot.engine.facts import HOSTILE, OPEN_STEP, REACHED, Facts
from dealpilot.engine.playbook import FLAG_IDS, Text
from dealpilot.engine.results import DimensionResult, Flag
from dealpilot.engine.wording import ACCESS, ATTITUDE, BUDGET, OBJECTION, days_text, text

SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}
DEFAULT_THRESHOLDS = {
    "single_threaded": 2,  # fewer stakeholders reached than this
    "competitor_favoured": 50,  # the flag's dimension scoring below this counts as weak
    "open_objections_near_close": 30,  # days before the close date
}
_ORDER = {fid: i for i, fid in enumerate(FLAG_IDS)}

# A rule returns (message, people, field) or None when the flag stays quiet.
Raised = tuple[Text, list[str], str] | None


class Context:
    __slots__ = ("cp", "facts", "dims", "req", "threshold")

    def __init__(self, cp: CompiledPlaybook, facts: Facts, dims: dict[str, DimensionResult],
                 req: Requirements | None) -> None:
        self.cp, self.facts, self.dims, self.req = cp, facts, dims, req
        self.threshold: float = 0


def _names(facts: Facts, ids: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(facts.name(i) for i in ids)


def pain_unconfirmed(x: Context) -> Raised:
    deal = x.facts.deal
    if not deal.pains:
        return (text("还没有记录任何痛点：不知道这个商机要为客户解决什么问题",
                     "No pain recorded: we do not know what problem this deal solves for the customer"),
                [], "pains")
    if not x.facts.pains_unconfirmed:
        return None
    items = [deal.pains[i] for i in x.facts.pains_unconfirmed]
    owners = [p.owner for p in items if p.owner]
    zh = "、".join(f"“{p.text}”" + (f"（痛点当事人：{x.facts.name(p.owner)}）" if p.owner else "") for p in items)
    en = ", ".join(f"“{p.text}”" + (f" (owner: {x.facts.name(p.owner)})" if p.owner else "") for p in items)
    return (text(f"痛点未与当事人确认：{zh}", f"Pain not confirmed with its owner: {en}"),
            list(dict.fromkeys(owners)), f"pains[{x.facts.pains_unconfirmed[0]}].confirmed_with")


#: A pain is "going stale" (worth reconfirming soon) this many days before the playbook's
#: `pain_freshness_days` ends and `pain_stale` is raised.
PAIN_STALE_WARNING_DAYS = 14


def pain_warning_age(window: int) -> int:
    """The age in days from which a pain confirmed within a `window`-day freshness window is going
    stale: the warning margin before `pain_stale`, never before the day it was confirmed."""
    return max(window - PAIN_STALE_WARNING_DAYS, 0)


def pain_stale(x: Context) -> Raised:
    window = x.cp.playbook.pain_freshness_days
    hits = []
    for i, p in enumerate(x.facts.deal.pains):
        age = age_days(p.confirmed_on, x.facts.as_of)
        if age is not None and age > window:
            hits.append((i, p, age))
    if not hits:
        return None
    zh = "、".join(f"“{p.text}”（{p.confirmed_on}，{age} 天前）" for _, p, age in hits)
    en = ", ".join(f"“{p.text}” ({p.confirmed_on}, {days_text(age)} ago)" for _, p, age in hits)
    people = list(dict.fromkeys(w for _, p, _ in hits if (w := p.confirmed_with or p.owner)))
    return (text(f"痛点需要重新确认（每 {window} 天一次，客户的处境会变）：{zh}",
                 f"Pain due for reconfirmation (every {days_text(window)}; the customer's situation changes): {en}"),
            people, f"pains[{hits[0][0]}].confirmed_on")


def _role_access(x: Context, role: str | None, none_field: str) -> Raised:
    if role is None:  # the playbook has no role of this meaning: nothing to reach
        return None
    holders = x.facts.role_holders(role)
    name = x.cp.role_name(role)
    if not holders:
        return (text(f"尚未找到{name.zh}：还不知道谁担任这个角色", f"No {name.en} identified: we do not know who holds this role"),
                [], none_field)
    if any(s.access in REACHED for s in holders):
        return None
    zh = "、".join(f"{s.name}（{ACCESS[s.access].zh}）" for s in holders)
    en = ", ".join(f"{s.name} ({ACCESS[s.access].en})" for s in holders)
    first = holders[0]
    return (text(f"尚未接触到{name.zh}：{zh}", f"{name.en.capitalize()} not reached: {en}"),
            [s.id for s in holders], f"stakeholders[{x.facts.index[first.id]}].access")


def no_decider_access(x: Context) -> Raised:
    return _role_access(x, x.facts.roles.decides, "stakeholders")


def no_fund_access(x: Context) -> Raised:
    return _role_access(x, x.facts.roles.approves_budget, "budget.approver")


def no_supporter(x: Context) -> Raised:
    if x.facts.supporters:
        return None
    weak = [s for s in x.facts.deal.stakeholders if s.attitude in ("champion", "supporter")]
    zh = en = ""
    if weak:
        zh = f"（{'、'.join(s.name for s in weak)} 支持我们，但影响力低）"
        en = f" ({', '.join(s.name for s in weak)} support us but have little influence)"
    return (text(f"没有中高影响力的倡导者或支持者{zh}", f"No champion or supporter of medium or high influence{en}"),
            [s.id for s in weak], "stakeholders")


def hostile_influencer(x: Context) -> Raised:
    hits = [s for s in x.facts.deal.stakeholders if s.influence == "high" and s.attitude in HOSTILE]
    if not hits:
        return None
    zh = "、".join(f"{s.name}" + (f"（{s.title}）" if s.title else "") + f"：{ATTITUDE[s.attitude].zh}" for s in hits)
    en = ", ".join(f"{s.name}" + (f" ({s.title})" if s.title else "") + f": {ATTITUDE[s.attitude].en}" for s in hits)
    return (text(f"有影响力的关键人反对我们：{zh}", f"High-influence stakeholder against us: {en}"),
            [s.id for s in hits], f"stakeholders[{x.facts.index[hits[0].id]}].attitude")


def single_threaded(x: Context) -> Raised:
    reached = x.facts.reached
    if len(reached) >= x.threshold:
        return None
    n = int(x.threshold)
    who_zh = f"（仅 {'、'.join(s.name for s in reached)}）" if reached else ""
    who_en = f" (only {', '.join(s.name for s in reached)})" if reached else ""
    return (text(f"只接触到 {len(reached)} 位关键人{who_zh}，少于 {n} 位：一旦此人变动，商机就断线",
                 f"Only {len(reached)} stakeholder(s) reached{who_en}, fewer than {n}: one contact is one point of failure"),
            [s.id for s in reached], "stakeholders")


def budget_unconfirmed(x: Context) -> Raised:
    need = x.req.budget_at_least if x.req else None
    if x.req is None or need is None or x.req.budget_met(x.facts.deal.budget.status):
        return None
    b = x.facts.deal.budget
    stage = _stage_name(x)
    people = [p for p in (b.applicant, b.approver) if p]
    return (text(f"预算状态为“{BUDGET[b.status].zh}”，而“{stage.zh}”阶段至少应为“{BUDGET[need].zh}”",
                 f"Budget is {BUDGET[b.status].en}; the {stage.en} stage expects at least {BUDGET[need].en}"),
            people, "budget.status")


def no_compelling_event(x: Context) -> Raised:
    # Milestones are our plan, not the customer's reason to act: only an event silences this.
    if x.facts.deal.timeline.compelling_event is not None:
        return None
    return (text("没有迫切事件：客户不行动也没有代价（里程碑只是计划，不是行动的理由）",
                 "No compelling event: nothing makes waiting costly for the customer (milestones are a plan, not a reason to act)"),
            [], "timeline.compelling_event")


def coach_not_supporter(x: Context) -> Raised:
    # A coach guides us from inside; one against us, or never reached, is no coach at all.
    coach = x.facts.roles.coach
    if coach is None:
        return None
    hits = [s for s in x.facts.role_holders(coach) if s.attitude in HOSTILE or s.access not in REACHED]
    if not hits:
        return None
    role = x.cp.role_name(coach)

    def why(s: Stakeholder, lang: str) -> str:
        parts = [ATTITUDE[s.attitude].get(lang)] if s.attitude in HOSTILE else []
        if s.access not in REACHED:
            parts.append(ACCESS[s.access].get(lang))
        return ("，" if lang == "zh" else ", ").join(parts)

    zh = "、".join(f"{s.name}（{why(s, 'zh')}）" for s in hits)
    en = ", ".join(f"{s.name} ({why(s, 'en')})" for s in hits)
    return (text(f"{role.zh}不是我们的支持者，或从未接触：{zh}", f"The {role.en} is not on our side or was never reached: {en}"),
            [s.id for s in hits], f"stakeholders[{x.facts.index[hits[0].id]}].attitude")


def decision_chain_out_of_order(x: Context) -> Raised:
    # Steps are listed in the order the customer decides; a later step due before an earlier
    # one means the dates or the order are wrong.
    chain = x.facts.deal.decision_chain
    for i, later in enumerate(chain):
        if later.due is None:
            continue
        for j in range(i):
            earlier = chain[j]
            if earlier.due is not None and later.due < earlier.due:
                return (text(f"决策链顺序与日期不符：“{later.name}”截止 {later.due}，早于它之前的“{earlier.name}”（{earlier.due}）",
                             f"Decision chain out of order: “{later.name}” is due {later.due}, before the earlier step “{earlier.name}” ({earlier.due})"),
                        [p for p in (earlier.owner, later.owner) if p], f"decision_chain[{i}].due")
    return None


def competitor_favoured(x: Context) -> Raised:
    ahead = [(i, c) for i, c in enumerate(x.facts.deal.competitors) if c.position in ("incumbent", "preferred")]
    setting = x.cp.flags["competitor_favoured"]
    dim = x.dims.get(setting.dimension)
    if not ahead or dim is None or dim.score >= x.threshold:
        return None
    pos = {"incumbent": ("现有供应商", "incumbent"), "preferred": ("客户倾向", "preferred")}
    zh = "、".join(f"{c.name}（{pos[c.position][0]}）" for _, c in ahead)
    en = ", ".join(f"{c.name} ({pos[c.position][1]})" for _, c in ahead)
    return (text(f"竞争对手占上风：{zh}，而我们的“{dim.name.zh}”得分只有 {dim.score}",
                 f"Competitor favoured: {en}, while our {dim.name.en} score is only {dim.score}"),
            [], f"competitors[{ahead[0][0]}].position")


def value_unquantified(x: Context) -> Raised:
    f = x.facts
    keys = {s.id for s in f.kind_holders("decides")} | {s.id for s in f.fund_approvers}
    if any(v.amount is not None and v.agreed and v.for_ in keys for v in f.deal.value):
        return None
    who = [s for s in f.deal.stakeholders if s.id in keys]
    if who:
        zh = f"（应由 {'、'.join(s.name for s in who)} 认可）"
        en = f" (to be agreed by {', '.join(s.name for s in who)})"
    else:
        zh, en = "（尚未找到决策者或预算审批人）", " (no decider or fund approver identified yet)"
    return (text(f"价值尚未量化并获决策者或预算审批人认可{zh}",
                 f"Value not quantified and agreed by a decider or fund approver{en}"),
            [s.id for s in who], "value")


def no_mutual_plan(x: Context) -> Raised:
    if x.facts.open_plan_steps:
        return None
    if not x.facts.deal.mutual_plan:
        return (text("没有与客户共同制定的计划", "No mutual plan agreed with the customer"), [], "mutual_plan")
    return (text("共同计划中没有未完成且有负责人和日期的步骤",
                 "No open mutual-plan step has both an owner and a due date"), [], "mutual_plan")


def open_objections_near_close(x: Context) -> Raised:
    f = x.facts
    close = f.deal.opportunity.close_date
    if close is None:
        return None
    days = (close - f.as_of).days
    if days > x.threshold:
        return None
    hits = [(i, o) for i, o in enumerate(f.deal.objections) if o.status != "resolved"]
    if not hits:
        return None
    zh = "、".join(f"“{o.text}”" + f"（{f.name(o.raised_by)}，{OBJECTION[o.status].zh}）" for _, o in hits)
    en = ", ".join(f"“{o.text}”" + (f" ({f.name(o.raised_by)}, {OBJECTION[o.status].en})") for _, o in hits)
    when_zh = f"距成交日 {close} 还有 {days} 天" if days >= 0 else f"成交日 {close} 已过 {-days} 天"
    when_en = (f"{days_text(days)} before the close date {close}" if days >= 0
               else f"{days_text(-days)} past the close date {close}")
    return (text(f"{when_zh}，仍有 {len(hits)} 个异议未解决：{zh}",
                 f"{len(hits)} objection(s) unresolved {when_en}: {en}"),
            list(dict.fromkeys(o.raised_by for _, o in hits if o.raised_by)), f"objections[{hits[0][0]}].status")


def close_date_unreachable(x: Context) -> Raised:
    f = x.facts
    close = f.deal.opportunity.close_date
    if close is None:
        return None
    late = [(s.name, s.owner, s.due) for s in f.deal.decision_chain
            if s.status in OPEN_STEP and s.due is not None and s.due > close]
    late += [(m.name, None, m.date) for m in f.deal.timeline.milestones
             if m.status in OPEN_STEP and m.date is not None and m.date > close]
    if not late:
        return None
    zh = "、".join(f"“{n}”" + (f"（{f.name(o)}）" if o else "") + f"截止 {d}" for n, o, d in late)
    en = ", ".join(f"“{n}”" + (f" ({f.name(o)})" if o else "") + f" due {d}" for n, o, d in late)
    return (text(f"成交日 {close} 无法实现：{zh}", f"Close date {close} cannot be met: {en}"),
            list(dict.fromkeys(o for _, o, _ in late if o)), "opportunity.close_date")


def stage_ahead_of_evidence(x: Context, missing: list[Text]) -> Raised:
    if not missing:
        return None
    stage = _stage_name(x)
    return (text(f"“{stage.zh}”阶段的最低要求尚未满足：{'；'.join(m.zh for m in missing)}",
                 f"The {stage.en} stage's minimum qualification is not met: {'; '.join(m.en for m in missing)}"),
            [], "opportunity.stage")


def _stage_name(x: Context) -> Text:
    sid = x.facts.deal.opportunity.stage
    s = x.cp.stages.get(sid)
    return s.name if s is not None else text(sid, sid)


RULES: dict[str, Callable[[Context], Raised]] = {
    "pain_unconfirmed": pain_unconfirmed, "pain_stale": pain_stale,
    "no_decider_access": no_decider_access, "no_fund_access": no_fund_access,
    "no_supporter": no_supporter, "hostile_influencer": hostile_influencer,
    "single_threaded": single_threaded, "budget_unconfirmed": budget_unconfirmed,
    "no_compelling_event": no_compelling_event, "competitor_favoured": competitor_favoured,
    "value_unquantified": value_unquantified, "no_mutual_plan": no_mutual_plan,
    "open_objections_near_close": open_objections_near_close,
    "close_date_unreachable": close_date_unreachable,
    "coach_not_supporter": coach_not_supporter,
    "decision_chain_out_of_order": decision_chain_out_of_order,
}


def compute_flags(cp: CompiledPlaybook, facts: Facts, dims: dict[str, DimensionResult],
                  req: Requirements | None, missing: list[Text], closed: bool) -> list[Flag]:
    if closed:  # a won or lost deal is a record, not a deal to work: nothing to warn about
        return []
    x = Context(cp, facts, dims, req)
    out: list[Flag] = []
    for fid, setting in cp.flags.items():
        if fid == "stage_ahead_of_evidence":
            hit = stage_ahead_of_evidence(x, missing)
        else:
            rule = RULES.get(fid)
            if rule is None:
                continue
            x.threshold = setting.threshold if setting.threshold is not None else DEFAULT_THRESHOLDS.get(fid, 0)
            hit = rule(x)
        if hit is not None:
            out.append(Flag(fid, setting.severity, setting.dimension, hit[0], hit[1], hit[2]))
    out.sort(key=lambda f: (SEVERITY_RANK[f.severity], _ORDER.get(f.id, 99)))
    return out
