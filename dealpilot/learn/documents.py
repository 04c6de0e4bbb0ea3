"""Deal documents (`dealpilot/1`) as training rows: checklist answers, facts, coverage, rules score.

The outcome is the opportunity stage (`won` / `lost`); other stages are open deals. The rules
score comes from the engine's `assess`, so the model learns how much each answer and fact
matters on top of the method, never a second copy of its rules.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from dealpilot.engine.document import (
    BUDGET_ORDER,
    Access,
    Answer,
    AnswerStatus,
    BudgetStatus,
    Deal,
    read_document,
)
from dealpilot.engine.errors import EngineError
from dealpilot.engine.playbook import get_playbook
from dealpilot.learn.columns import CATEGORICAL, NUMERIC
from dealpilot.learn.errors import LearnError

SUFFIXES = (".yaml", ".yml", ".json")
STAGE = "__stage"
NAME = "__name"
RULES = "rules_score"
REACHED = ("met", "regular")
FLAGS = ("compelling_event", "competitor_favoured", "value_quantified", "value_agreed")  # yes/no features

_FIXED: dict[str, tuple[str, str, str]] = {  # column -> (kind, zh, en)
    "budget_status": (NUMERIC, "预算状态", "budget status"),
    "stakeholders": (NUMERIC, "已识别的关系人数", "stakeholders identified"),
    "stakeholders_reached": (NUMERIC, "已接触（见过面/经常联系）的关系人数", "stakeholders reached (met/regular)"),
    "supporters": (NUMERIC, "倡导者/支持者人数", "champions and supporters"),
    "hostile": (NUMERIC, "怀疑者/反对者人数", "skeptics and opponents"),
    "pains_confirmed": (NUMERIC, "已与负责人确认的痛点数", "pains confirmed with their owner"),
    "compelling_event": (NUMERIC, "有明确的紧迫事件", "a compelling event is known"),
    "dated_milestones": (NUMERIC, "有日期的里程碑数", "dated milestones"),
    "mutual_plan_steps": (NUMERIC, "共同计划步骤数", "mutual plan steps"),
    "competitors": (NUMERIC, "已知竞争对手数", "competitors known"),
    "competitor_favoured": (NUMERIC, "有竞争对手处于在位/首选地位", "a competitor is incumbent or preferred"),
    "value_quantified": (NUMERIC, "价值已量化", "value quantified"),
    "value_agreed": (NUMERIC, "价值已获客户认可", "value agreed by the customer"),
    "objections_open": (NUMERIC, "未解决的异议数", "open objections"),
    "decision_chain_steps": (NUMERIC, "已知决策链步骤数", "decision-chain steps known"),
    "amount": (NUMERIC, "商机金额", "deal amount"),
    RULES: (NUMERIC, "规则评分（0-100）", "rules score (0-100)"),
}


def is_document_source(path: Path) -> bool:
    return path.is_dir() or path.suffix.lower() in SUFFIXES


def document_paths(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix.lower() in SUFFIXES and q.is_file()))
        elif p.is_file():
            out.append(p)
        else:
            raise LearnError(f"找不到：{p}", f"no such file or folder: {p}")
    if not out:
        raise LearnError("文件夹中没有 .yaml/.yml/.json 商机文档", "no .yaml/.yml/.json deal documents found")
    return out


def read_deals(paths: list[Path]) -> list[Deal]:
    deals = []
    for p in document_paths(paths):
        try:
            deals.append(read_document(p))
        except EngineError as exc:
            first = exc.problems[0] if exc.problems else exc
            raise LearnError(f"{p.name} 不是有效的商机文档：{first}", f"{p.name} is not a valid deal document: {first}") from None
    return deals


def _assess(deal: Deal) -> Any:
    # The rules engine is imported late: reading tables should not pay for it.
    from dealpilot.engine.assess import assess

    day = deal.as_of or deal.opportunity.close_date or dt.date.today()
    return assess(deal, as_of=day)


def features_of(deal: Deal) -> dict[str, Any]:
    """One training or prediction row for a deal document."""
    pb = get_playbook(deal.playbook)
    row: dict[str, Any] = {NAME: deal.opportunity.name, STAGE: deal.opportunity.stage}
    for _, c in pb.criteria():
        row[f"answer_{c.id}"] = deal.answers.get(c.id, Answer()).status.value
    people = deal.stakeholders
    row["budget_status"] = float(BUDGET_ORDER.index(deal.budget.status.value))
    row["stakeholders"] = float(len(people))
    row["stakeholders_reached"] = float(sum(s.access.value in REACHED for s in people))
    row["supporters"] = float(sum(s.attitude.value in ("champion", "supporter") for s in people))
    row["hostile"] = float(sum(s.attitude.value in ("skeptic", "opponent") for s in people))
    for r in pb.roles:
        row[f"reached_{r.id}"] = float(any(r.id in s.roles and s.access.value in REACHED for s in people))
    row["pains_confirmed"] = float(sum(p.confirmed_with is not None for p in deal.pains))
    row["compelling_event"] = float(deal.timeline.compelling_event is not None)
    row["dated_milestones"] = float(sum(m.date is not None for m in deal.timeline.milestones))
    row["mutual_plan_steps"] = float(len(deal.mutual_plan))
    row["competitors"] = float(len(deal.competitors))
    row["competitor_favoured"] = float(any(c.position.value in ("incumbent", "preferred") for c in deal.competitors))
    row["value_quantified"] = float(any(v.amount is not None for v in deal.value))
    row["value_agreed"] = float(any(v.agreed for v in deal.value))
    row["objections_open"] = float(sum(o.status.value != "resolved" for o in deal.objections))
    row["decision_chain_steps"] = float(len(deal.decision_chain))
    row["amount"] = float(deal.opportunity.amount) if deal.opportunity.amount is not None else float("nan")
    result = _assess(deal)
    row[RULES] = float(result.score)
    for d in result.dimensions:
        row[f"dim_{d.id}"] = float(d.score)
    return row


def frame_of(deals: list[Deal]) -> pd.DataFrame:
    return pd.DataFrame([features_of(d) for d in deals])


def describe(columns: list[str], playbook_id: str = "ppvvcc") -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """Kinds and bilingual labels of the document features."""
    pb = get_playbook(playbook_id)
    kinds: dict[str, str] = {}
    labels: dict[str, dict[str, Any]] = {}
    for col in columns:
        if col.startswith("answer_"):
            c = pb.criterion(col.removeprefix("answer_"))
            kinds[col] = CATEGORICAL
            labels[col] = {"zh": f"清单：{c.text.zh if c else col}", "en": f"checklist: {c.text.en if c else col}",
                           "changeable": True}
        elif col.startswith("reached_"):
            r = pb.role(col.removeprefix("reached_"))
            kinds[col] = NUMERIC
            labels[col] = {"zh": f"已接触{r.name.zh if r else col}", "en": f"{r.name.en if r else col} reached",
                           "changeable": True}
        elif col.startswith("dim_"):
            dim = next((d for d in pb.dimensions if d.id == col.removeprefix("dim_")), None)
            kinds[col] = NUMERIC
            labels[col] = {"zh": f"维度得分：{dim.name.zh if dim else col}", "en": f"dimension score: {dim.name.en if dim else col}"}
        elif col in _FIXED:
            kind, zh, en = _FIXED[col]
            kinds[col] = kind
            labels[col] = {"zh": zh, "en": en,
                           "changeable": col in ("budget_status", "stakeholders", "stakeholders_reached", "supporters")}
    return kinds, labels


def what_ifs(deal: Deal) -> list[tuple[str, str, str, Deal]]:
    """Changes a rep can make to this deal, each as (feature, zh, en, the changed deal).

    Only checklist answers, stakeholder coverage and budget status: never the account, product or
    region. Changes go through the document so the rules score moves with them.
    """
    pb = get_playbook(deal.playbook)
    out: list[tuple[str, str, str, Deal]] = []
    today = deal.as_of or dt.date.today()
    for _, c in pb.criteria():
        current = deal.answers.get(c.id, Answer()).status.value
        if current == "yes":
            continue
        changed = deal.model_copy(deep=True)
        changed.answers[c.id] = Answer(status=AnswerStatus.yes, evidence=c.text.en, date=today)
        out.append((f"answer_{c.id}", f"把清单项“{c.text.zh}”落实为“是”（附证据）",
                    f"get a documented 'yes' on “{c.text.en}”", changed))
    rank = BUDGET_ORDER.index(deal.budget.status.value)
    if rank + 1 < len(BUDGET_ORDER):
        nxt = BUDGET_ORDER[rank + 1]
        changed = deal.model_copy(deep=True)
        changed.budget.status = BudgetStatus(nxt)
        out.append(("budget_status", f"推动预算状态进到“{nxt}”", f"move the budget status on to '{nxt}'", changed))
    for i, s in enumerate(deal.stakeholders):
        if s.access.value not in REACHED:
            changed = deal.model_copy(deep=True)
            changed.stakeholders[i].access = Access.met
            roles = "/".join(s.roles) or "-"
            out.append((f"reach_{s.id}", f"与{s.name}（{roles}）见面", f"meet {s.name} ({roles})", changed))
    return out
