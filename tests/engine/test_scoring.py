"""Credit per criterion: evidence, freshness, contradictions; scores traced to answers."""

from __future__ import annotations

import datetime as dt

import pytest

from dealpilot.engine import assess
from dealpilot.engine.document import parse_document

from .factories import AS_OF, deal_data, edit, make_playbook, playbook_data

PB = make_playbook()


def result(data, cid: str):
    a = assess(parse_document(data), PB)
    return next(c for d in a.dimensions for c in d.criteria if c.id == cid)


def answer(status: str, evidence: str | None = "seen", days_old: int | None = 0, source: str | None = "s3"):
    a = {"status": status}
    if evidence:
        a["evidence"] = evidence
    if days_old is not None:
        a["date"] = (AS_OF - dt.timedelta(days=days_old)).isoformat()
    if source:
        a["source"] = source
    return a


@pytest.mark.parametrize(("status", "expected"), [("yes", 1.0), ("partly", 0.5), ("no", 0.0), ("unknown", 0.0)])
def test_an_answer_earns_credit_by_its_status(status: str, expected: float) -> None:
    r = result(edit(deal_data(), "answers.vision_shaped", answer(status)), "vision_shaped")
    assert r.credit == pytest.approx(expected)
    assert r.points == pytest.approx(expected * r.weight)


def test_a_yes_without_evidence_earns_only_partial_credit() -> None:
    with_evidence = result(edit(deal_data(), "answers.vision_shaped", answer("yes")), "vision_shaped")
    without = result(edit(deal_data(), "answers.vision_shaped", answer("yes", evidence=None)), "vision_shaped")
    assert 0 < without.credit < with_evidence.credit


def test_evidence_older_than_the_window_decays() -> None:
    fresh = result(edit(deal_data(), "answers.vision_shaped", answer("yes", days_old=90)), "vision_shaped")
    old = result(edit(deal_data(), "answers.vision_shaped", answer("yes", days_old=91)), "vision_shaped")
    very_old = result(edit(deal_data(), "answers.vision_shaped", answer("yes", days_old=400)), "vision_shaped")
    assert fresh.credit == 1.0 and not fresh.stale
    assert old.stale and very_old.credit < old.credit < 1.0
    assert very_old.credit > 0


def test_pain_evidence_goes_stale_sooner_than_other_evidence() -> None:
    data = edit(deal_data(), "answers.pain_top", answer("yes", days_old=60))
    data = edit(data, "answers.vision_shaped", answer("yes", days_old=60))
    assert result(data, "pain_top").stale
    assert not result(data, "vision_shaped").stale


def test_a_yes_on_a_fund_approver_criterion_without_a_fund_approver_is_a_contradiction() -> None:
    data = edit(deal_data(), "stakeholders.1.roles", [])
    data = edit(data, "budget", {"status": "requested"})
    r = result(data, "power_fund")
    assert r.contradiction is not None and "fund approver" in r.contradiction.en
    assert r.credit < 1.0
    assert r.contradiction in r.reasons


def test_a_budget_yes_while_the_budget_is_unknown_is_a_contradiction() -> None:
    r = result(edit(deal_data(), "budget", {"status": "unknown"}), "pain_budget")
    assert r.contradiction is not None and "unknown" in r.contradiction.en
    assert r.credit < 1.0
    assert result(deal_data(), "pain_budget").contradiction is None


def test_dimension_scores_are_the_share_of_points_earned() -> None:
    data = edit(deal_data(), "answers.vision_fit", answer("partly"))
    a = assess(parse_document(data), PB)
    vision = a.dimension("vision")
    points = sum(c.points for c in vision.criteria)
    total = sum(c.max_points for c in vision.criteria)
    assert vision.score == round(100 * points / total)
    assert vision.score < 100


def test_dimension_weights_shape_the_overall_score() -> None:
    pd = playbook_data()
    data = edit(deal_data(), "answers", {})
    data["answers"] = {c: answer("yes") for c in ("pain_top", "pain_confirmed", "pain_budget")}
    light = assess(parse_document(data), make_playbook(**pd)).score
    pd["dimensions"][0]["weight"] = 4
    heavy = assess(parse_document(data), make_playbook(**pd)).score
    assert heavy > light


def test_explain_traces_every_criterion_to_its_answer() -> None:
    data = edit(deal_data(), "answers.vision_fit", {"status": "yes", "evidence": "demo went well", "source": "s1"})
    a = assess(parse_document(data), PB)
    lines = a.explain("en")
    text = "\n".join(lines)
    for d in a.dimensions:
        for c in d.criteria:
            assert c.id in text
    line = next(x for x in lines if "vision_fit" in x)
    assert "demo went well" in line and "Zhang Wei" in line and "undated" in line
    assert str(a.score) in lines[0]
    assert "\n".join(a.explain("zh")) != text


# Where the evidence comes from: said by someone we reached > someone else's report > our own view.
def test_credit_follows_the_source_of_the_evidence_and_explain_says_why() -> None:
    reached = result(edit(deal_data(), "answers.vision_shaped", answer("yes", source="s3")), "vision_shaped")
    never_met = result(edit(deal_data(), "answers.vision_shaped", answer("yes", source="s4")), "vision_shaped")
    no_source = result(edit(deal_data(), "answers.vision_shaped", answer("yes", source=None)), "vision_shaped")
    assert (reached.credit, never_met.credit, no_source.credit) == (1.0, 0.75, 0.5)
    assert any("Chen Jie" in r.en and "cannot have confirmed it directly" in r.en for r in never_met.reasons)
    assert any("our own judgement" in r.en for r in no_source.reasons)
    assert not any("source" in r.en for r in reached.reasons)


def test_a_source_we_reached_later_than_the_answer_still_counts_as_reached() -> None:
    # Access is the deal's present state: once Chen Jie is met, his word is first-hand.
    data = edit(edit(deal_data(), "stakeholders.3.access", "met"), "answers.vision_shaped", answer("yes", source="s4"))
    assert result(data, "vision_shaped").credit == 1.0


def test_partly_is_held_against_the_facts_and_never_beats_a_contradicted_yes() -> None:
    data = edit(deal_data(), "budget", {"status": "unknown"})
    yes = result(edit(data, "answers.pain_budget", answer("yes")), "pain_budget")
    partly = result(edit(data, "answers.pain_budget", answer("partly")), "pain_budget")
    assert partly.contradiction is not None and "answered partly" in partly.contradiction.en
    assert partly.credit <= yes.credit == 0.25
    # Without the contradiction, partly keeps its half.
    assert result(edit(deal_data(), "answers.pain_budget", answer("partly")), "pain_budget").credit == 0.5
