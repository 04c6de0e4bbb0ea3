"""A playbook pre-indexed for assessment, built once per playbook and cached.

Assessing a deal must take about as long as reading it from JSON, so the look-ups the rules
need (criteria by id, questions per criterion, stage requirements, role names) are computed
here once instead of by scanning the playbook on every call.
"""

from __future__ import annotations

from dataclasses import dataclass

from dealpilot.engine.facts import budget_rank
from dealpilot.engine.playbook import (
    Criterion,
    Dimension,
    FlagSetting,
    Playbook,
    Question,
    Stage,
    Text,
)


@dataclass(slots=True, frozen=True)
class Requirements:
    """A stage's minimum qualification, including what every earlier open stage required."""

    min_score: float
    budget_at_least: str | None
    roles_reached: tuple[str, ...]
    min_stakeholders_reached: int
    pain_confirmed: bool
    compelling_event: bool
    accept_budget: tuple[str, ...] = ()  # this stage's named relaxation of the budget gate

    def budget_met(self, status: str) -> bool:
        if self.budget_at_least is None or status in self.accept_budget:
            return True
        return budget_rank(status) >= budget_rank(self.budget_at_least)


@dataclass(slots=True, frozen=True)
class CompiledCriterion:
    dimension: str
    criterion: Criterion
    window: int  # freshness window in days (pain evidence has a shorter one)
    checks: tuple[tuple[str, str], ...]


@dataclass(slots=True)
class CompiledPlaybook:
    playbook: Playbook
    criteria: list[CompiledCriterion]
    by_id: dict[str, CompiledCriterion]
    dimensions: list[Dimension]
    stages: dict[str, Stage]
    requirements: dict[str, Requirements]
    role_names: dict[str, Text]
    questions: dict[str, list[Question]]  # criterion id -> questions that probe it
    flags: dict[str, FlagSetting]  # enabled flags only

    def role_name(self, rid: str) -> Text:
        return self.role_names.get(rid) or Text(zh=rid, en=rid)


def _requirements(pb: Playbook) -> dict[str, Requirements]:
    """Requirements accumulate along the open stages: a later stage never asks for less."""
    out: dict[str, Requirements] = {}
    score, budget, roles, reached = 0.0, None, [], 0
    pain = event = False
    for s in pb.stages:
        r = s.requires
        if s.closed:
            out[s.id] = Requirements(r.min_score, r.budget_at_least, tuple(r.roles_reached),
                                     r.min_stakeholders_reached, r.pain_confirmed, r.compelling_event,
                                     tuple(r.accept_budget))
            continue
        score = max(score, r.min_score)
        if r.budget_at_least and (budget is None or budget_rank(r.budget_at_least) > budget_rank(budget)):
            budget = r.budget_at_least
        roles += [x for x in r.roles_reached if x not in roles]
        reached = max(reached, r.min_stakeholders_reached)
        pain, event = pain or r.pain_confirmed, event or r.compelling_event
        out[s.id] = Requirements(score, budget, tuple(roles), reached, pain, event, tuple(r.accept_budget))
    return out


def _compile(pb: Playbook) -> CompiledPlaybook:
    criteria = []
    for d in pb.dimensions:
        for c in d.criteria:
            window = pb.pain_freshness_days if c.fact == "pains" else pb.freshness_days
            checks = tuple((name, arg) for name, _, arg in (x.partition(":") for x in c.checks))
            criteria.append(CompiledCriterion(d.id, c, window, checks))
    questions: dict[str, list[Question]] = {}
    for q in pb.questions:
        for cid in q.criteria:
            questions.setdefault(cid, []).append(q)
    return CompiledPlaybook(
        playbook=pb, criteria=criteria, by_id={c.criterion.id: c for c in criteria},
        dimensions=list(pb.dimensions), stages={s.id: s for s in pb.stages},
        requirements=_requirements(pb), role_names={r.id: _in_sentence(r.name) for r in pb.roles},
        questions=questions, flags={k: v for k, v in pb.flags.items() if v.enabled},
    )


def _in_sentence(name: Text) -> Text:
    """Role names appear mid-sentence in messages ("no fund approver reached"); keep acronyms."""
    en = name.en
    if len(en) > 1 and en[0].isupper() and not en[1].isupper():
        en = en[0].lower() + en[1:]
    return Text(zh=name.zh, en=en)


# Keyed by id() with the playbook kept alive in the value, so an id is never reused while cached.
_CACHE: dict[int, CompiledPlaybook] = {}
_CACHE_MAX = 64


def compiled(pb: Playbook) -> CompiledPlaybook:
    hit = _CACHE.get(id(pb))
    if hit is not None and hit.playbook is pb:
        return hit
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    hit = _CACHE[id(pb)] = _compile(pb)
    return hit
