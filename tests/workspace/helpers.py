"""Small helpers for the workspace tests: a deal with people and facts, posting an edit."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from dealpilot.deals import models as m
from dealpilot.deals.convert import deal_to_document, load_deal
from dealpilot.engine.assess import assess
from dealpilot.engine.playbook import get_playbook
from tests.web.factories import make_stakeholder

HX = {"HTTP_HX_REQUEST": "true"}


def furnish(deal: m.Opportunity) -> dict[str, Any]:
    """Two people, a pain and a decision step on the deal."""
    boss = make_stakeholder(deal, name="周建国", key="zhou", roles=["decider"], influence="high",
                            attitude="neutral", access="met")
    user = make_stakeholder(deal, name="李娜", key="li", roles=["user", "coach"], attitude="supporter",
                            access="regular", reports_to=None)
    pain = m.Pain.objects.create(opportunity=deal, text="排产靠人工，交期常延误", category="save_money", owner=user)
    step = m.DecisionStep.objects.create(opportunity=deal, name="部门评估", owner=user)
    return {"boss": boss, "user": user, "pain": pain, "step": step}


def engine_verdict(deal: m.Opportunity) -> Any:
    doc = deal_to_document(load_deal(deal.pk))
    from dealpilot.deals.verdict import today

    return assess(doc, get_playbook(doc.playbook), as_of=today())


def version(deal: m.Opportunity) -> int:
    return m.Opportunity.objects.values_list("version", flat=True).get(pk=deal.pk)


def post(client: Any, name: str, args: list[Any], data: dict[str, Any], **extra: Any) -> Any:
    return client.post(reverse(name, args=args), data, **{**HX, **extra})


def first_criterion(deal: m.Opportunity) -> str:
    return get_playbook(deal.playbook).dimensions[0].criteria[0].id
