"""Plain factories for engine tests: a small playbook and a healthy deal, overridable by keyword.

The default deal raises no red flag under the default playbook, so a test changes one thing
and sees exactly one flag appear.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from dealpilot.engine.document import Deal, parse_document
from dealpilot.engine.playbook import FLAG_IDS, Playbook, parse_playbook

AS_OF = dt.date(2026, 3, 1)
ROLES = ["decider", "fund_approver", "approver", "influencer", "user", "technical_evaluator",
         "coach", "gatekeeper", "initiator"]


def t(zh: str, en: str | None = None) -> dict[str, str]:
    return {"zh": zh, "en": en or zh}


def criterion(cid: str, weight: float = 1, **kw: Any) -> dict[str, Any]:
    kw.setdefault("text", t(f"标准 {cid}", f"criterion {cid}"))
    return {"id": cid, "weight": weight, **kw}


def playbook_data(**kw: Any) -> dict[str, Any]:
    dims = [
        {"id": "pain", "name": t("痛点", "Pain"), "description": t("痛", "pain"), "criteria": [
            criterion("pain_top", 3, fact="pains"),
            criterion("pain_confirmed", 2, fact="pains", checks=["pain_confirmed"]),
            criterion("pain_budget", 2, fact="budget", checks=["budget_at_least:planned"]),
        ]},
        {"id": "power", "name": t("权力", "Power"), "description": t("权", "power"), "criteria": [
            criterion("power_decider", 3, fact="participation", role="decider", checks=["role_reached:decider"]),
            criterion("power_fund", 2, fact="budget", role="fund_approver", checks=["role_present:fund_approver"]),
            criterion("power_support", 1, fact="participation", checks=["supporter_present"]),
        ]},
        {"id": "vision", "name": t("构想", "Vision"), "description": t("构", "vision"), "criteria": [
            criterion("vision_fit", 2, fact="competitors"),
            criterion("vision_shaped", 1),
        ]},
    ]
    stages = [
        {"id": "lead", "name": t("线索", "Lead"), "probability": 0.05},
        {"id": "qualify", "name": t("验证", "Qualify"), "probability": 0.1, "requires": {"pain_confirmed": True}},
        {"id": "develop", "name": t("方案引导", "Develop"), "probability": 0.25,
         "requires": {"min_stakeholders_reached": 2}, "focus": {"power": 2}},
        {"id": "propose", "name": t("方案提交", "Propose"), "probability": 0.45,
         "requires": {"budget_at_least": "requested", "min_score": 40}},
        {"id": "negotiate", "name": t("商务谈判", "Negotiate"), "probability": 0.65,
         "requires": {"roles_reached": ["decider"], "min_score": 50}},
        {"id": "commit", "name": t("待签约", "Commit"), "probability": 0.85,
         "requires": {"budget_at_least": "approved", "compelling_event": True, "min_score": 60}},
        {"id": "won", "name": t("赢单", "Won"), "probability": 1, "closed": True},
        {"id": "lost", "name": t("丢单", "Lost"), "probability": 0, "closed": True},
    ]
    dim_of = {"pain_unconfirmed": "pain", "pain_stale": "pain", "budget_unconfirmed": "pain",
              "competitor_favoured": "vision"}
    flags = {fid: {"severity": "high" if i % 3 == 0 else "medium" if i % 3 == 1 else "low",
                   "dimension": dim_of.get(fid, "power")} for i, fid in enumerate(FLAG_IDS)}
    questions = [
        {"id": "q_money_side", "purpose": "role", "technique": "side", "criteria": ["power_fund"],
         "roles": ["coach", "influencer"], "text": t("钱一般怎么批?", "How does money usually get approved?")},
        {"id": "q_money_direct", "purpose": "role", "technique": "direct", "criteria": ["power_fund"],
         "roles": ["fund_approver"], "text": t("预算由您批吗?", "Do you approve the budget?")},
        {"id": "q_decider", "purpose": "role", "technique": "direct", "criteria": ["power_decider"],
         "text": t("谁来拍板?", "Who decides?")},
        {"id": "q_pain", "purpose": "need", "technique": "glad", "criteria": ["pain_top", "pain_confirmed"],
         "text": t("您最急的问题是什么?", "What is your most urgent problem?")},
        {"id": "q_vision", "purpose": "attitude", "technique": "glad", "criteria": ["vision_fit", "vision_shaped"],
         "text": t("要做到什么程度?", "How far do you want to go?")},
    ]
    data: dict[str, Any] = {
        "id": "testbook", "name": t("测试", "Test"), "description": t("测试用", "for tests"),
        "freshness_days": 90, "pain_freshness_days": 45, "dimensions": dims, "stages": stages,
        "roles": [{"id": r, "name": t(f"角色{r}", r.replace("_", " ")), "description": t("角色", "role")}
                  for r in ROLES],
        "flags": flags, "questions": questions,
    }
    data.update(kw)
    return data


def make_playbook(**kw: Any) -> Playbook:
    return parse_playbook(playbook_data(**kw), "<test>")


def person(sid: str, **kw: Any) -> dict[str, Any]:
    kw.setdefault("name", f"Person {sid}")
    return {"id": sid, **kw}


def yes(day: str = "2026-02-20", evidence: str = "said so in the meeting", source: str | None = "s3") -> dict[str, Any]:
    a: dict[str, Any] = {"status": "yes", "evidence": evidence, "date": day}
    if source:
        a["source"] = source
    return a


def deal_data(**kw: Any) -> dict[str, Any]:
    """A healthy `develop`-stage deal as plain data; keyword arguments replace top-level keys."""
    data: dict[str, Any] = {
        "schema": "dealpilot/1",
        "playbook": "testbook",
        "as_of": AS_OF.isoformat(),
        "opportunity": {"id": "d1", "name": "ERP upgrade", "account": "Acme", "amount": 500000,
                        "stage": "develop", "close_date": "2026-06-30", "owner": "rep1"},
        "stakeholders": [
            person("s1", name="Zhang Wei", title="CEO", roles=["decider"], influence="high",
                   attitude="supporter", access="met"),
            person("s2", name="Li Na", title="CFO", roles=["fund_approver"], influence="high",
                   attitude="neutral", access="regular", reports_to="s1"),
            person("s3", name="Wang Fang", title="IT lead", roles=["coach", "influencer"], influence="medium",
                   attitude="champion", access="regular", reports_to="s1"),
            person("s4", name="Chen Jie", title="Clerk", roles=["user"], influence="low", attitude="unknown",
                   access="none", reports_to="s3"),
        ],
        "decision_chain": [{"name": "board approval", "owner": "s1", "status": "pending", "due": "2026-05-01"}],
        "budget": {"status": "requested", "amount": 500000, "applicant": "s3", "approver": "s2"},
        "competitors": [{"name": "Rival", "position": "shortlisted"}],
        "timeline": {"compelling_event": {"text": "old system end of support", "date": "2026-09-30"},
                     "milestones": [{"name": "pilot", "date": "2026-04-15", "status": "pending"}]},
        "pains": [{"text": "month-end close takes 12 days", "category": "save_money", "owner": "s3",
                   "confirmed_with": "s3", "confirmed_on": "2026-02-10"}],
        "value": [{"for": "s1", "metric": "days to close", "amount": 7, "agreed": True}],
        "mutual_plan": [{"step": "pilot kickoff", "owner": "s3", "due": "2026-03-15", "status": "pending"}],
        "objections": [{"text": "too expensive", "raised_by": "s2", "status": "resolved"}],
        "answers": {cid: yes() for cid in ("pain_top", "pain_confirmed", "pain_budget", "power_decider",
                                           "power_fund", "power_support", "vision_fit", "vision_shaped")},
    }
    for k, v in kw.items():
        data[k] = v
    return copy.deepcopy(data)


def make_deal(**kw: Any) -> Deal:
    return parse_document(deal_data(**kw))


def edit(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """Set a dotted path like `stakeholders.0.access` in a copy of deal data."""
    data = copy.deepcopy(data)
    keys = path.split(".")
    node: Any = data
    for k in keys[:-1]:
        node = node[int(k)] if isinstance(node, list) else node[k]
    last = keys[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data
