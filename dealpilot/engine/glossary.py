"""The product's one glossary: every enumeration's label and every key term, in Chinese and English.

Each thing has one word. The model choices' translations, the engine's wording, the power map
legend, the review, the CLI and the Markdown export read their labels from here or are checked
against it (tests/engine/test_glossary.py), so a stage, an attitude or a budget status reads the
same on every page. Chinese follows how a mainland B2B sales team speaks: 痛点, 风险预警, 关键人,
预算审批人, 内线（教练）for the coach role and 提问助手 for the question assistant, 你 not 您.
"""

from __future__ import annotations

from dealpilot.engine.playbook import Text


def _t(zh: str, en: str) -> Text:
    return Text(zh=zh, en=en)


#: Key terms of the method; "coach" means only the buying role, never the question assistant.
TERMS = {
    "pain": _t("痛点", "Pain"),
    "red_flag": _t("风险预警", "Red flag"),
    "red_flags": _t("风险预警", "Red flags"),
    "stakeholder": _t("关键人", "Stakeholder"),
    "decider": _t("决策者", "Decider"),
    "fund_approver": _t("预算审批人", "Fund approver"),
    "coach": _t("内线（教练）", "Coach"),
    "question_assistant": _t("提问助手", "Question assistant"),
}

#: Words a zh user-facing text must not use, with the word to use instead.
BANNED_ZH = {"痛苦": "痛点", "红旗": "风险预警", "干系人": "关键人", "资金审批人": "预算审批人", "您": "你"}

#: The shipped playbooks' dimensions.
DIMENSION = {
    "pain": TERMS["pain"], "power": _t("权力", "Power"), "vision": _t("构想", "Vision"),
    "value": _t("价值", "Value"), "collaborate": _t("协作", "Collaborate"),
    "compelling": _t("迫切行动的理由", "Compelling reason to act"),
}
STAGE = {
    "lead": _t("线索", "Lead"), "qualify": _t("验证", "Qualify"), "develop": _t("方案引导", "Develop"),
    "propose": _t("方案提交", "Propose"), "negotiate": _t("商务谈判", "Negotiate"),
    "commit": _t("待签约", "Commit"), "won": _t("赢单", "Won"), "lost": _t("丢单", "Lost"),
}
#: The buying roles of the shipped playbooks.
ROLE = {
    "decider": TERMS["decider"], "fund_approver": TERMS["fund_approver"],
    "approver": _t("审批人", "Approver"), "influencer": _t("影响者", "Influencer"),
    "user": _t("使用者", "User"), "technical_evaluator": _t("技术评估者", "Technical evaluator"),
    "gatekeeper": _t("把关人", "Gatekeeper"), "initiator": _t("发起人", "Initiator"),
    "coach": TERMS["coach"],
}
# Attitude, access, budget, answer, objection, severity, purpose and technique words also sit inside
# the engine's English sentences ("Budget is planned; ..."), so their English is lower case; a
# label on its own is capitalised where it is shown.
ATTITUDE = {
    "champion": _t("倡导者", "champion"), "supporter": _t("支持者", "supporter"),
    "neutral": _t("中立", "neutral"), "skeptic": _t("怀疑者", "skeptic"),
    "opponent": _t("反对者", "opponent"), "unknown": _t("未知", "unknown"),
}
ACCESS = {
    "none": _t("未接触", "no access"), "indirect": _t("间接接触", "indirect access"),
    "met": _t("见过面", "met"), "regular": _t("经常联系", "regular contact"),
}
INFLUENCE = {"high": _t("高", "high"), "medium": _t("中", "medium"), "low": _t("低", "low")}
BUDGET = {
    "unknown": _t("未知", "unknown"), "none": _t("无预算", "no budget"),
    "planned": _t("已列入计划", "planned"), "requested": _t("已提交申请", "requested"),
    "approved": _t("已批准", "approved"), "allocated": _t("已到位", "allocated"),
}
COMPETITOR_POSITION = {
    "incumbent": _t("现有供应商", "incumbent"), "preferred": _t("客户倾向", "preferred"),
    "shortlisted": _t("已入围", "shortlisted"), "mentioned": _t("被提及", "mentioned"),
    "eliminated": _t("已出局", "eliminated"),
}
PAIN_CATEGORY = {
    "make_money": _t("增加收入", "make money"), "save_money": _t("节省成本", "save money"),
    "manage_risk": _t("管控风险", "manage risk"),
}
OBJECTION = {
    "raised": _t("已提出", "raised"), "understood": _t("已理解", "understood"),
    "root_cause_found": _t("已找到根因", "root cause found"), "resolved": _t("已解决", "resolved"),
}
ANSWER_STATUS = {
    "yes": _t("是", "yes"), "partly": _t("部分", "partly"), "no": _t("否", "no"),
    "unknown": _t("未知", "unknown"),
}
STEP_STATUS = {
    "pending": _t("待办", "pending"), "in_progress": _t("进行中", "in progress"),
    "done": _t("已完成", "done"), "blocked": _t("受阻", "blocked"),
}
SEVERITY = {"high": _t("高", "high"), "medium": _t("中", "medium"), "low": _t("低", "low")}
FORECAST_CATEGORY = {
    "commit": _t("承诺", "commit"), "best_case": _t("最佳情况", "best case"),
    "pipeline": _t("管道", "pipeline"), "omitted": _t("不计入", "omitted"),
    "won": _t("赢单", "won"), "lost": _t("丢单", "lost"),
}
#: What a question is for, in the order a first meeting asks them: who they are and what they do,
#: how they see the need, then where they stand towards us.
PURPOSE = {
    "role": _t("了解角色与职责", "role and responsibilities"), "need": _t("了解需求", "need"),
    "attitude": _t("了解态度", "attitude"),
}
TECHNIQUE = {
    "direct": _t("直接问", "direct"), "side": _t("从侧面问", "from the side"),
    "glad": _t("对方乐于回答", "glad to answer"),
}

#: Short names of the risk warnings (red flags), for summaries and filters that list them without
#: their deal-specific message.
FLAG = {
    "pain_unconfirmed": _t("痛点未与当事人确认", "pain not confirmed with its owner"),
    "pain_stale": _t("痛点证据已过期", "pain evidence gone stale"),
    "no_decider_access": _t("未接触决策者", "no contact with the decider"),
    "no_fund_access": _t("未接触预算审批人", "no contact with the fund approver"),
    "no_supporter": _t("没有支持者", "no supporter"),
    "hostile_influencer": _t("有影响力的关键人反对我们", "hostile high-influence stakeholder"),
    "single_threaded": _t("单线联系", "single-threaded"),
    "budget_unconfirmed": _t("预算未确认", "budget not confirmed"),
    "no_compelling_event": _t("没有迫切事件", "no compelling event"),
    "competitor_favoured": _t("竞争对手占优", "a competitor is favoured"),
    "value_unquantified": _t("价值未量化或未获认可", "value not quantified or not agreed"),
    "no_mutual_plan": _t("没有共同计划", "no mutual plan"),
    "open_objections_near_close": _t("临近成交仍有未解决的异议", "open objections near close"),
    "close_date_unreachable": _t("决策链赶不上预计成交日期", "close date the decision chain cannot meet"),
    "stage_ahead_of_evidence": _t("阶段超前于证据", "stage ahead of the evidence"),
    "coach_not_supporter": _t("内线（教练）不站在我们这边", "the coach is not on our side"),
    "decision_chain_out_of_order": _t("决策链顺序颠倒", "decision chain out of order"),
}

#: Every enumeration by name, for the consistency checks.
ENUMS: dict[str, dict[str, Text]] = {
    "dimension": DIMENSION, "stage": STAGE, "role": ROLE, "attitude": ATTITUDE, "access": ACCESS,
    "influence": INFLUENCE, "budget": BUDGET, "competitor_position": COMPETITOR_POSITION,
    "pain_category": PAIN_CATEGORY, "objection": OBJECTION, "answer_status": ANSWER_STATUS,
    "step_status": STEP_STATUS, "severity": SEVERITY, "forecast_category": FORECAST_CATEGORY,
    "purpose": PURPOSE, "technique": TECHNIQUE, "flag": FLAG,
}


def label(enum: str, value: str, lang: str) -> str:
    """The label of one enum value in `lang`; the raw value when the glossary does not know it."""
    found = ENUMS[enum].get(value)
    return found.get(lang) if found is not None else value
