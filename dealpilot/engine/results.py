"""What an assessment returns: plain dataclasses, cheap to build, explicit to serialise."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dealpilot.engine.playbook import Text


@dataclass(slots=True)
class CriterionResult:
    id: str
    dimension: str
    text: Text
    weight: float
    status: str
    credit: float  # 0..1, after evidence, freshness and contradiction discounts
    points: float
    max_points: float
    evidence: str | None
    source: str | None
    date: dt.date | None
    stale: bool
    contradiction: Text | None
    reasons: list[Text]

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text.get(lang), "weight": self.weight,
            "status": self.status, "credit": round(self.credit, 3),
            "points": round(self.points, 3), "max_points": self.max_points,
            "evidence": self.evidence, "source": self.source,
            "date": self.date.isoformat() if self.date else None, "stale": self.stale,
            "contradiction": self.contradiction.get(lang) if self.contradiction else None,
            "reasons": [r.get(lang) for r in self.reasons],
        }


@dataclass(slots=True)
class DimensionResult:
    id: str
    name: Text
    score: int
    criteria: list[CriterionResult]
    weight: float = 1.0

    @property
    def ratio(self) -> float:
        total = sum(c.max_points for c in self.criteria)
        return sum(c.points for c in self.criteria) / total if total else 0.0


@dataclass(slots=True)
class Flag:
    id: str
    severity: str  # high | medium | low
    dimension: str
    message: Text
    people: list[str]
    field: str  # the document path whose change would clear the flag

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"id": self.id, "severity": self.severity, "dimension": self.dimension,
                "message": self.message.get(lang), "people": self.people, "field": self.field}


@dataclass(slots=True)
class Coaching:
    criterion: str
    stakeholder: str | None
    technique: str  # direct | side | glad
    text: Text
    question_id: str | None
    priority: float
    reason: Text
    reach: Text | None = None  # whom to reach first, when nobody suitable is reached yet
    purpose: str | None = None  # role | need | attitude, from the question bank

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"criterion": self.criterion, "stakeholder": self.stakeholder,
                "technique": self.technique, "purpose": self.purpose, "text": self.text.get(lang),
                "question_id": self.question_id, "priority": round(self.priority, 3),
                "reason": self.reason.get(lang),
                "reach": self.reach.get(lang) if self.reach else None}


@dataclass(slots=True)
class CallPlanEntry:
    stakeholder: str | None
    name: str | None
    questions: list[Coaching]

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"stakeholder": self.stakeholder, "name": self.name,
                "questions": [q.to_dict(lang) for q in self.questions]}


@dataclass(slots=True)
class IntroPath:
    target: str
    via: list[str]  # from someone we reach up to the person who introduces; empty: no known path
    message: Text

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"target": self.target, "via": self.via, "message": self.message.get(lang)}


@dataclass(slots=True)
class StageCheck:
    stage: str
    met: bool
    missing: list[Text] = field(default_factory=list)

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"stage": self.stage, "met": self.met, "missing": [m.get(lang) for m in self.missing]}
