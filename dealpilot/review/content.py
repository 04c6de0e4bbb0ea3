"""Everything the deal review shows, as plain data: the HTML page and the Markdown export render
the same dict. Scores, flags, call plan and intro paths come from the engine's assessment; the
timeline, value, competitors and objections are the deal document's own facts, arranged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dealpilot.deals.models import CompetitorPosition, ObjectionStatus, StepStatus
from dealpilot.engine import history
from dealpilot.review import labels as lb


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _name(deal: Any, sid: str | None) -> str:
    s = deal.stakeholder(sid)
    return s.name if s is not None else (sid or "")


def _item(kind: str, kind_label: str, text: str, date: dt.date | None, status: str | None,
          owner: str, today: dt.date) -> dict[str, Any]:
    overdue = date is not None and date < today and status not in ("done",)
    return {"kind": kind, "kind_label": kind_label, "text": text, "date": date, "status": status,
            "status_label": _label(StepStatus, status) if status else "", "owner": owner, "overdue": overdue}


def timeline(deal: Any, today: dt.date, lang: str, closed: bool) -> list[dict[str, Any]]:
    """Decision-chain steps, milestones, mutual-plan steps, the compelling event and the close
    date in date order (undated last); anything past its date and not done is overdue."""
    zh = lang == "zh"
    kinds = {"decision": "决策链" if zh else "Decision chain", "milestone": "里程碑" if zh else "Milestone",
             "plan": "共同计划" if zh else "Mutual plan", "event": "迫切事件" if zh else "Compelling event",
             "close": "预计成交" if zh else "Close date"}
    items = [_item("decision", kinds["decision"], s.name, s.due, s.status.value, _name(deal, s.owner), today)
             for s in deal.decision_chain]
    items += [_item("milestone", kinds["milestone"], m.name, m.date, m.status.value, "", today)
              for m in deal.timeline.milestones]
    items += [_item("plan", kinds["plan"], p.step, p.due, p.status.value, _name(deal, p.owner), today)
              for p in deal.mutual_plan]
    event = deal.timeline.compelling_event
    if event is not None:
        items.append(_item("event", kinds["event"], event.text, event.date, "done" if closed else None, "", today))
    close = deal.opportunity.close_date
    if close is not None:
        items.append(_item("close", kinds["close"], deal.opportunity.name, close, "done" if closed else None,
                           deal.opportunity.owner or "", today))
    return sorted(items, key=lambda i: (i["date"] is None, i["date"] or dt.date.max))


def value_summary(deal: Any) -> dict[str, Any]:
    """Quantified value per key person, the total and its ratio to the deal amount."""
    people: dict[str, dict[str, Any]] = {}
    for v in deal.value:
        key = v.for_ or ""
        row = people.setdefault(key, {"name": _name(deal, v.for_) or "—", "items": [], "total": 0.0})
        row["items"].append({"metric": v.metric, "amount": v.amount, "period": v.period or "",
                             "agreed": v.agreed})
        row["total"] += v.amount or 0.0
    total = sum(p["total"] for p in people.values())
    amount = deal.opportunity.amount
    return {"people": list(people.values()), "total": total, "amount": amount,
            "currency": deal.opportunity.currency,
            "ratio": round(total / amount, 2) if amount else None}


def _call_plan(assessment: Any, lang: str) -> list[dict[str, Any]]:
    return [{"name": e.name or (_name(assessment.deal, e.stakeholder) if e.stakeholder else ""),
             "questions": [{"text": q.text.get(lang), "technique": q.technique,
                            "technique_label": lb.technique(q.technique, lang),
                            "purpose_label": lb.purpose(q.purpose, lang),
                            "reason": q.reason.get(lang), "reach": q.reach.get(lang) if q.reach else ""}
                           for q in e.questions]}
            for e in assessment.call_plan]


def review(assessment: Any, lang: str, today: dt.date, baseline: dict[str, Any] | None,
           current: dict[str, Any]) -> dict[str, Any]:
    deal, pb = assessment.deal, assessment.playbook
    stage = pb.stage(deal.opportunity.stage)
    closed = bool(stage and stage.closed)
    diff = history.compare(baseline, current, pb) if baseline is not None else None
    return {
        "lang": lang,
        "today": today,
        "deal": deal.opportunity,
        "stage_label": stage.name.get(lang) if stage else deal.opportunity.stage,
        "score": assessment.score,
        "dimensions": [{"id": d.id, "name": d.name.get(lang), "score": d.score,
                        "then": (baseline or {}).get("dimensions", {}).get(d.id)} for d in assessment.dimensions],
        "baseline": baseline,
        "changes": diff.to_dict(lang) if diff is not None else None,
        "timeline": timeline(deal, today, lang, closed),
        "value": value_summary(deal),
        "competitors": [{"name": c.name, "position": c.position.value,
                         "position_label": _label(CompetitorPosition, c.position.value),
                         "strengths": c.strengths or "", "differentiation": c.our_differentiation or ""}
                        for c in deal.competitors],
        "objections": [{"text": o.text, "raised_by": _name(deal, o.raised_by), "status": o.status.value,
                        "status_label": _label(ObjectionStatus, o.status.value)}
                       for o in deal.objections if o.status.value != "resolved"],
        "flags": [{"id": f.id, "severity": f.severity, "severity_label": lb.severity(f.severity, lang),
                   "icon": lb.SEVERITY_ICON.get(f.severity, ""), "message": f.message.get(lang)}
                  for f in assessment.flags],
        "intro_paths": [{"target": _name(deal, p.target), "message": p.message.get(lang), "known": bool(p.via)}
                        for p in assessment.intro_paths],
        "call_plan": _call_plan(assessment, lang),
    }
