"""Facts derived from a deal document, computed once per assessment.

Checks (scoring), red flags and the coach all ask the same questions of a deal — who is
reached, who holds which role, how far the budget is — so they are answered here, once, and no
rule is written twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dealpilot.engine.document import BUDGET_ORDER, Deal, Stakeholder

REACHED = frozenset({"met", "regular"})
FRIENDLY = frozenset({"champion", "supporter"})
HOSTILE = frozenset({"skeptic", "opponent"})
WEIGHTY = frozenset({"high", "medium"})
OPEN_STEP = frozenset({"pending", "in_progress", "blocked"})


@dataclass(frozen=True, slots=True)
class RoleIds:
    """The playbook's ids for the roles the rules ask about (Playbook.role_for)."""

    decides: str | None = "decider"
    approves_budget: str | None = "fund_approver"
    coach: str | None = "coach"  # guides us rather than buys: not part of the buying group

    @classmethod
    def of(cls, playbook: Any) -> RoleIds:
        return cls(*(playbook.role_for(kind) for kind in ("decides", "approves_budget", "coach")))

_BUDGET_RANK = {s: i for i, s in enumerate(BUDGET_ORDER)}


def budget_rank(status: str) -> int:
    return _BUDGET_RANK[status]


@dataclass(slots=True)
class Facts:
    deal: Deal
    as_of: dt.date
    people: dict[str, Stakeholder]
    index: dict[str, int]  # stakeholder id -> position in the document (for field paths)
    reached: list[Stakeholder]
    by_role: dict[str, list[Stakeholder]]
    fund_approvers: list[Stakeholder]  # the budget-approving role plus the budget's approver
    supporters: list[Stakeholder]  # champions/supporters of medium or high influence
    budget_rank: int
    pains_confirmed: list[int]  # indexes of pains confirmed with their owner
    pains_unconfirmed: list[int]
    has_dated_milestone: bool
    open_plan_steps: list[int]  # open mutual-plan steps with an owner and a due date
    roles: RoleIds = field(default_factory=RoleIds)
    _cache: dict[str, bool] = field(default_factory=dict)

    def is_reached(self, sid: str | None) -> bool:
        s = self.people.get(sid) if sid else None
        return s is not None and s.access in REACHED

    def role_present(self, role: str) -> bool:
        return bool(self.role_holders(role))

    def role_holders(self, role: str | None) -> list[Stakeholder]:
        if role is None:
            return []
        return self.fund_approvers if role == self.roles.approves_budget else self.by_role.get(role, [])

    def kind_holders(self, kind: str) -> list[Stakeholder]:
        """The holders of the role with this meaning (`decides`, `approves_budget`, `coach`)."""
        return self.role_holders(getattr(self.roles, kind))

    def role_reached(self, role: str) -> bool:
        return any(s.access in REACHED for s in self.role_holders(role))

    def source_kind(self, sid: str | None) -> str:
        """Where an answer's evidence comes from: `reached` (said or shown by a stakeholder we
        have reached), `reported` (someone else's account, or a person we never reached: they
        cannot have told us directly), or `own` (no source: the rep's own judgement)."""
        if not sid:
            return "own"
        return "reached" if self.is_reached(sid) else "reported"

    @property
    def buying_group(self) -> list[Stakeholder]:
        """Everyone with a buying role (any role but the coach)."""
        return [s for s in self.deal.stakeholders if any(r != self.roles.coach for r in s.roles)]

    def name(self, sid: str | None) -> str:
        s = self.people.get(sid) if sid else None
        return s.name if s is not None else (sid or "?")

    def check(self, name: str, arg: str) -> bool:
        """Whether a criterion's declared fact check holds for this deal."""
        key = name + ":" + arg
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._check(name, arg)
        return hit

    def _check(self, name: str, arg: str) -> bool:
        deal = self.deal
        if name == "role_present":
            return self.role_present(arg)
        if name == "role_reached":
            return self.role_reached(arg)
        if name == "budget_at_least":
            return self.budget_rank >= budget_rank(arg)
        if name == "pain_confirmed":
            return bool(self.pains_confirmed)
        if name == "pain_owner_known":
            return any(p.owner for p in deal.pains)
        if name == "compelling_event":
            return deal.timeline.compelling_event is not None
        if name == "dated_milestone":
            return self.has_dated_milestone
        if name == "mutual_plan":
            return any(p.owner and p.due for p in deal.mutual_plan)
        if name == "competitors_known":
            return bool(deal.competitors)
        if name == "value_quantified":
            return any(v.amount is not None for v in deal.value)
        if name == "value_agreed":
            return any(v.agreed for v in deal.value)
        if name == "decision_chain_known":
            return bool(deal.decision_chain) and all(s.owner for s in deal.decision_chain)
        if name == "supporter_present":
            return bool(self.supporters)
        if name == "stakeholders_reached":
            return len(self.reached) >= 2
        if name == "buying_roles_reached":
            group = self.buying_group
            return bool(group) and all(s.access in REACHED for s in group)
        return True  # unknown checks are rejected when the playbook loads


def pain_confirmed(owner: str | None, confirmed_with: str | None) -> bool:
    """Confirmed with the person who has the pain (or with someone, when no owner is named)."""
    return confirmed_with is not None and (owner is None or confirmed_with == owner)


def derive(deal: Deal, as_of: dt.date, roles: RoleIds | None = None) -> Facts:
    roles = roles or RoleIds()
    people: dict[str, Stakeholder] = {}
    index: dict[str, int] = {}
    by_role: dict[str, list[Stakeholder]] = {}
    reached: list[Stakeholder] = []
    supporters: list[Stakeholder] = []
    for i, s in enumerate(deal.stakeholders):
        people[s.id] = s
        index[s.id] = i
        for r in s.roles:
            by_role.setdefault(r, []).append(s)
        if s.access in REACHED:
            reached.append(s)
        if s.attitude in FRIENDLY and s.influence in WEIGHTY:
            supporters.append(s)
    fund = list(by_role.get(roles.approves_budget, [])) if roles.approves_budget else []
    approver = people.get(deal.budget.approver) if deal.budget.approver else None
    if approver is not None and all(f is not approver for f in fund):
        fund.append(approver)
    confirmed: list[int] = []
    unconfirmed: list[int] = []
    for i, p in enumerate(deal.pains):
        (confirmed if pain_confirmed(p.owner, p.confirmed_with) else unconfirmed).append(i)
    return Facts(
        deal=deal, as_of=as_of, people=people, index=index, reached=reached, by_role=by_role,
        roles=roles, fund_approvers=fund, supporters=supporters, budget_rank=budget_rank(deal.budget.status),
        pains_confirmed=confirmed, pains_unconfirmed=unconfirmed,
        has_dated_milestone=any(m.date is not None for m in deal.timeline.milestones),
        open_plan_steps=[i for i, p in enumerate(deal.mutual_plan)
                         if p.status in OPEN_STEP and p.owner and p.due],
    )
