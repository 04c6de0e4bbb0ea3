"""Assess a deal against a playbook: scores, flags, intro paths, next questions, stage check.

Pure and fast: no I/O, no validation (the deal and playbook are already valid models), the
playbook pre-indexed once. Every door — CLI, web, API — calls `assess` and renders the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dealpilot.engine.coach import call_plan, coach
from dealpilot.engine.compiled import compiled
from dealpilot.engine.document import Deal
from dealpilot.engine.facts import RoleIds, derive
from dealpilot.engine.flags import compute_flags
from dealpilot.engine.playbook import Playbook, Text, get_playbook
from dealpilot.engine.power import intro_paths
from dealpilot.engine.results import (
    CallPlanEntry,
    Coaching,
    DimensionResult,
    Flag,
    IntroPath,
    StageCheck,
)
from dealpilot.engine.scoring import overall, score_criteria
from dealpilot.engine.stages import missing, stage_check
from dealpilot.engine.wording import STATUS, text


@dataclass(slots=True)
class Assessment:
    deal: Deal
    playbook: Playbook
    as_of: dt.date
    score: int
    dimensions: list[DimensionResult]
    flags: list[Flag]
    next_questions: list[Coaching]
    call_plan: list[CallPlanEntry]
    intro_paths: list[IntroPath]
    stage_check: StageCheck
    # What is wrong with the record itself, e.g. answers dated after a won or lost deal closed.
    record_problems: list[Text] = field(default_factory=list)

    def dimension(self, did: str) -> DimensionResult:
        return next(d for d in self.dimensions if d.id == did)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        o = self.deal.opportunity
        return {
            "score": self.score,
            "dimensions": {d.id: {"score": d.score, "name": d.name.get(lang), "weight": d.weight,
                                  "criteria": [c.to_dict(lang) for c in d.criteria]}
                           for d in self.dimensions},
            "flags": [f.to_dict(lang) for f in self.flags],
            "next_questions": [q.to_dict(lang) for q in self.next_questions],
            "call_plan": [e.to_dict(lang) for e in self.call_plan],
            "intro_paths": [p.to_dict(lang) for p in self.intro_paths],
            "stage_check": self.stage_check.to_dict(lang),
            "record_problems": [p.get(lang) for p in self.record_problems],
            "playbook": self.playbook.id,
            "as_of": self.as_of.isoformat(),
            "lang": lang,
            "deal": {"id": o.id, "name": o.name, "account": o.account, "stage": o.stage,
                     "amount": o.amount, "currency": o.currency,
                     "close_date": o.close_date.isoformat() if o.close_date else None, "owner": o.owner},
        }

    def explain(self, lang: str = "zh") -> list[str]:
        """Every point of the score traced to the answer that earned it, one line each."""
        zh = lang == "zh"
        parts = ("，" if zh else ", ").join(f"{d.name.get(lang)} {d.score}×{d.weight:g}" for d in self.dimensions)
        lines = [f"总分 {self.score} = 各维度加权平均（{parts}）" if zh
                 else f"Overall {self.score} = weighted mean of dimensions ({parts})"]
        for d in self.dimensions:
            got = sum(c.points for c in d.criteria)
            total = sum(c.max_points for c in d.criteria)
            lines.append(f"{d.name.get(lang)} {d.score}/100：{got:.2f} / {total:g} 分" if zh
                         else f"{d.name.get(lang)} {d.score}/100: {got:.2f} of {total:g} points")
            for c in d.criteria:
                who = self.deal.stakeholder(c.source)
                src = [x for x in ((who.name if who else c.source), c.date.isoformat() if c.date else None) if x]
                ev = f" “{c.evidence}”" if c.evidence else ""
                if src:
                    ev += f"（{'，'.join(src)}）" if zh else f" ({', '.join(src)})"
                why = "；".join(r.get(lang) for r in c.reasons) if zh else "; ".join(r.get(lang) for r in c.reasons)
                lines.append(f"  {c.points:5.2f}/{c.max_points:g}  {c.id} [{STATUS[c.status].get(lang)}]{ev} — {why}")
        return lines


def assess(deal: Deal, playbook: Playbook | None = None, as_of: dt.date | None = None) -> Assessment:
    pb = playbook if playbook is not None else get_playbook(deal.playbook)
    cp = compiled(pb)
    day = as_of or deal.as_of or dt.date.today()
    facts = derive(deal, day, RoleIds.of(pb))
    dims = score_criteria(cp, facts)
    score = overall(dims)
    stage_id = deal.opportunity.stage
    stage = cp.stages.get(stage_id)
    req = cp.requirements.get(stage_id)
    gaps = missing(req, cp, facts, score)
    closed = stage is not None and stage.closed
    flags = compute_flags(cp, facts, {d.id: d for d in dims}, req, gaps, closed=closed)
    paths = intro_paths(cp, facts)
    # A won or lost deal is frozen: no questions to ask, only what is wrong with its record.
    questions = [] if closed else coach(cp, facts, dims, stage_id, paths)
    return Assessment(
        deal=deal, playbook=pb, as_of=day, score=score, dimensions=dims, flags=flags,
        next_questions=questions, call_plan=call_plan(questions, facts), intro_paths=paths,
        stage_check=stage_check(stage_id, gaps),
        record_problems=after_close(deal) if closed else [],
    )


def after_close(deal: Deal) -> list[Text]:
    """Answers dated after the deal closed: evidence cannot postdate the outcome."""
    close = deal.opportunity.close_date
    if close is None:
        return []
    late = sorted((a.date, cid) for cid, a in deal.answers.items() if a.date is not None and a.date > close)
    return [text(f"“{cid}”的回答日期 {day} 晚于成交日期 {close}", f"The answer to {cid} is dated {day}, after the close date {close}")
            for day, cid in late]
