"""The nine lists a deal holds (people, decision chain, competitors, …, checklist answers), described
once: where each sits on the deal and in its `dealpilot/1` document, how a row reads to and from
the document, and which form, template macro and page section show it.

Read by the loader (`deals.loading`), the document converter and bulk writer (`deals.writer`),
and the workspace's forms, row views and templates. Adding a tenth list: a model, an entry here,
its form and a cell macro in `workspace/_fact_cells.html`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dealpilot.activities.models import Activity
from dealpilot.deals import models as m

Ref = Callable[[Any], Any]  # a stakeholder's pk → their key in the document (None stays None)
Pid = Callable[[Any], Any]  # a key in the document → the stakeholder's pk


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per list
class RowKind:
    key: str  # the list's key in the document, its URL slug and the anchor prefix of each row
    related: str  # related name on Opportunity
    model: type[Any]
    doc_path: str  # where the list sits in the document ("timeline.milestones")
    section: str  # the workspace template of the section showing the list
    section_id: str  # that section's element id
    noun: Promise
    to_doc: Callable[[Any, Ref], dict[str, Any]]  # a row as a document entry
    entries: Callable[[Any], list[Any]]  # the document's entries of this list
    from_doc: Callable[[Any, Pid], dict[str, Any]]  # model field values for one entry
    form: str = ""  # form class in dealpilot.workspace.forms (the seven fact lists)
    macro: str = ""  # cell macro in workspace/_fact_cells.html (the seven fact lists)
    people: tuple[str, ...] = ()  # fields pointing at the deal's stakeholders
    select_related: tuple[str, ...] = ()
    names: dict[str, str] = field(default_factory=dict)  # model field → document field, where they differ
    keyed_by: str = ""  # the document holds a mapping by this field, not a list

    def document_value(self, rows: list[Any], ref: Ref) -> Any:
        if self.keyed_by:
            return {getattr(r, self.keyed_by): self.to_doc(r, ref) for r in rows}
        return [self.to_doc(r, ref) for r in rows]


STAKEHOLDERS = RowKind(
    "stakeholders", "stakeholders", m.DealStakeholder, "stakeholders", "_stakeholders.html", "field-stakeholders",
    _("stakeholder"),
    to_doc=lambda p, ref: {"id": p.key, "name": p.contact.name, "title": p.title or None,
                           "reports_to": ref(p.reports_to_id), "roles": list(p.roles), "influence": p.influence,
                           "attitude": p.attitude, "access": p.access, "last_contact": p.last_contact,
                           "relationships": list(p.relationships)},
    entries=lambda doc: list(doc.stakeholders),
    # the contact and reports_to are the writer's: they need the account and the other rows
    from_doc=lambda s, pid: {"key": s.id, "title": s.title or "", "roles": list(s.roles),
                             "influence": s.influence.value, "attitude": s.attitude.value,
                             "access": s.access.value, "last_contact": s.last_contact,
                             "relationships": [r.model_dump(mode="json", by_alias=True) for r in s.relationships]},
    people=("reports_to",), select_related=("contact",))

FACTS: tuple[RowKind, ...] = (
    RowKind("decision_chain", "decision_steps", m.DecisionStep, "decision_chain", "_facts_decision_chain.html",
            "field-decision_chain", _("decision step"),
            to_doc=lambda s, ref: {"name": s.name, "owner": ref(s.owner_id), "status": s.status, "due": s.due},
            entries=lambda doc: list(doc.decision_chain),
            from_doc=lambda s, pid: {"name": s.name, "owner_id": pid(s.owner), "status": s.status.value,
                                     "due": s.due},
            form="DecisionStepForm", macro="decision_chain", people=("owner",)),
    RowKind("competitors", "competitors", m.Competitor, "competitors", "_competitors.html", "field-competitors",
            _("competitor"),
            to_doc=lambda c, ref: {"name": c.name, "position": c.position, "strengths": c.strengths,
                                   "our_differentiation": c.our_differentiation},
            entries=lambda doc: list(doc.competitors),
            from_doc=lambda c, pid: {"name": c.name, "position": c.position.value, "strengths": c.strengths,
                                     "our_differentiation": c.our_differentiation},
            form="CompetitorForm", macro="competitors"),
    RowKind("milestones", "milestones", m.Milestone, "timeline.milestones", "_facts_timeline.html", "field-timeline",
            _("milestone"),
            to_doc=lambda x, ref: {"name": x.name, "date": x.date, "status": x.status},
            entries=lambda doc: list(doc.timeline.milestones),
            from_doc=lambda x, pid: {"name": x.name, "date": x.date, "status": x.status.value},
            form="MilestoneForm", macro="milestones"),
    RowKind("pains", "pains", m.Pain, "pains", "_pains.html", "field-pains", _("pain"),
            to_doc=lambda p, ref: {"text": p.text, "category": p.category, "owner": ref(p.owner_id),
                                   "confirmed_with": ref(p.confirmed_with_id), "confirmed_on": p.confirmed_on,
                                   "impact": p.impact},
            entries=lambda doc: list(doc.pains),
            from_doc=lambda p, pid: {"text": p.text, "category": p.category.value, "owner_id": pid(p.owner),
                                     "confirmed_with_id": pid(p.confirmed_with), "confirmed_on": p.confirmed_on,
                                     "impact": p.impact},
            form="PainForm", macro="pains", people=("owner", "confirmed_with")),
    RowKind("value", "value_items", m.ValueItem, "value", "_value.html", "field-value", _("value item"),
            to_doc=lambda v, ref: {"for": ref(v.for_stakeholder_id), "metric": v.metric, "amount": _number(v.amount),
                                   "period": v.period, "agreed": v.agreed},
            entries=lambda doc: list(doc.value),
            from_doc=lambda v, pid: {"for_stakeholder_id": pid(v.for_), "metric": v.metric,
                                     "amount": money(v.amount), "period": v.period, "agreed": v.agreed},
            form="ValueItemForm", macro="value", people=("for_stakeholder",), names={"for_stakeholder": "for"}),
    RowKind("mutual_plan", "plan_steps", m.PlanStep, "mutual_plan", "_plan.html", "field-mutual_plan",
            _("plan step"),
            to_doc=lambda s, ref: {"step": s.step, "owner": ref(s.owner_id), "due": s.due, "status": s.status},
            entries=lambda doc: list(doc.mutual_plan),
            from_doc=lambda s, pid: {"step": s.step, "owner_id": pid(s.owner), "due": s.due,
                                     "status": s.status.value},
            form="PlanStepForm", macro="mutual_plan", people=("owner",)),
    RowKind("objections", "objections", m.Objection, "objections", "_objections.html", "field-objections",
            _("objection"),
            to_doc=lambda o, ref: {"text": o.text, "raised_by": ref(o.raised_by_id), "status": o.status},
            entries=lambda doc: list(doc.objections),
            from_doc=lambda o, pid: {"text": o.text, "raised_by_id": pid(o.raised_by), "status": o.status.value},
            form="ObjectionForm", macro="objections", people=("raised_by",)),
)

ANSWERS = RowKind(
    "answers", "answers", m.Answer, "answers", "_checklist.html", "field-answers", _("answer"),
    to_doc=lambda a, ref: {"status": a.status, "evidence": a.evidence, "source": ref(a.source_id), "date": a.date},
    entries=lambda doc: list(doc.answers.items()),
    from_doc=lambda item, pid: {"criterion": item[0], "status": item[1].status.value, "evidence": item[1].evidence,
                                "source_id": pid(item[1].source), "date": item[1].date},
    people=("source",), keyed_by="criterion")

ACTIVITIES = RowKind(
    "activities", "activities", Activity, "activities", "", "field-activities", _("activity"),
    to_doc=lambda a, ref: {"kind": a.kind, "date": a.date, "ours": list(a.ours),
                           "stakeholders": [k for k in (ref(pk) for pk in a.stakeholder_ids) if k],
                           "note": a.note or None, "next_step": a.next_step or None, "next_step_due": a.next_step_due},
    entries=lambda doc: list(doc.activities),
    from_doc=lambda a, pid: {"kind": a.kind.value, "date": a.date, "ours": list(a.ours),
                             "stakeholder_ids": [pid(k) for k in a.stakeholders], "note": a.note or "",
                             "next_step": a.next_step or "", "next_step_due": a.next_step_due})

#: Every list of a deal, the people first (the others point at them).
ALL: tuple[RowKind, ...] = (STAKEHOLDERS, *FACTS, ANSWERS, ACTIVITIES)
FACTS_BY_KEY: dict[str, RowKind] = {k.key: k for k in FACTS}


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def money(value: float | None) -> Any:
    """A document amount as the database holds it (two decimals, half up)."""
    from decimal import ROUND_HALF_UP, Decimal

    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
