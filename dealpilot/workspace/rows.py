"""The deal's list-shaped facts, edited through one set of views: each kind names its model,
form, place in the deal document and the page section that shows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dealpilot.deals import models as m
from dealpilot.workspace import forms as f


@dataclass(frozen=True)
class RowKind:
    slug: str  # in the URL, and the anchor prefix of each row
    model: type[Any]
    form: type[f.DealForm]
    related: str  # related name on Opportunity
    doc_path: str  # where the list sits in the deal document
    section: str  # the section template that shows the list
    noun: Promise
    names: dict[str, str] = field(default_factory=dict)  # model field → document field


KINDS: dict[str, RowKind] = {k.slug: k for k in (
    RowKind("decision_chain", m.DecisionStep, f.DecisionStepForm, "decision_steps", "decision_chain",
            "_facts_decision_chain.html", _("decision step")),
    RowKind("competitors", m.Competitor, f.CompetitorForm, "competitors", "competitors",
            "_competitors.html", _("competitor")),
    RowKind("milestones", m.Milestone, f.MilestoneForm, "milestones", "timeline.milestones",
            "_facts_timeline.html", _("milestone")),
    RowKind("pains", m.Pain, f.PainForm, "pains", "pains", "_pains.html", _("pain")),
    RowKind("value", m.ValueItem, f.ValueItemForm, "value_items", "value", "_value.html", _("value item"),
            {"for_stakeholder": "for"}),
    RowKind("mutual_plan", m.PlanStep, f.PlanStepForm, "plan_steps", "mutual_plan", "_plan.html",
            _("plan step")),
    RowKind("objections", m.Objection, f.ObjectionForm, "objections", "objections", "_objections.html",
            _("objection")),
)}


def get_kind(slug: str) -> RowKind | None:
    return KINDS.get(slug)
