"""The shipped PPVVCC playbook follows the method where it used to work against it: budget in
place means approved or allocated, "all stakeholders" means the whole buying group, a deal with no
competitor can be fully differentiated, and objection handling weighs as much as the event."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.engine import assess, get_playbook
from dealpilot.engine.document import parse_document

from .factories import deal_data, edit

PB = get_playbook("ppvvcc")


def shipped(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "playbook": "ppvvcc"}


def credit(data: dict[str, Any], cid: str, answer: dict[str, Any] | None = None) -> Any:
    data = edit(shipped(data), f"answers.{cid}", answer or {"status": "yes", "evidence": "seen", "source": "s3",
                                                            "date": "2026-02-20"})
    a = assess(parse_document(data), PB)
    return next(c for d in a.dimensions for c in d.criteria if c.id == cid)


@pytest.mark.parametrize(("status", "contradicted"), [("requested", True), ("approved", False), ("allocated", False)])
def test_budget_in_place_means_approved_or_allocated(status: str, contradicted: bool) -> None:
    r = credit(edit(deal_data(), "budget.status", status), "pain_budget_in_place")
    assert (r.contradiction is not None) == contradicted


def test_access_to_all_stakeholders_means_everyone_with_a_buying_role() -> None:
    # Three of four reached; the clerk (a user) never met: not "everyone".
    r = credit(deal_data(), "collaborate_all_stakeholders")
    assert r.contradiction is not None and "Chen Jie" in r.contradiction.en
    assert credit(edit(deal_data(), "stakeholders.3.access", "met"), "collaborate_all_stakeholders").contradiction is None
    # The coach guides us and is not part of the buying group.
    only_coach_unreached = edit(edit(deal_data(), "stakeholders.3.access", "met"), "stakeholders.2.access", "none")
    only_coach_unreached = edit(only_coach_unreached, "stakeholders.2.roles", ["coach"])
    assert credit(only_coach_unreached, "collaborate_all_stakeholders",
                  {"status": "yes", "evidence": "seen", "source": "s1", "date": "2026-02-20"}).contradiction is None


def test_a_deal_without_competitors_can_earn_full_credit_on_differentiation() -> None:
    assert credit(edit(deal_data(), "competitors", []), "vision_differentiated").credit == 1.0


def test_objection_handling_weighs_at_least_as_much_as_the_compelling_event() -> None:
    compelling = {c.id: c.weight for c in PB.dimension("compelling").criteria}
    assert compelling["compelling_objections_handled"] >= compelling["compelling_event_known"]
