"""The question coach asks the right person the right way, and says whom to reach otherwise."""

from __future__ import annotations

from dealpilot.engine import assess
from dealpilot.engine.document import parse_document

from .factories import deal_data, edit, make_playbook

PB = make_playbook()


def coaching(data, cid: str):
    a = assess(parse_document(data), PB)
    return next(q for q in a.next_questions if q.criterion == cid)


def cold_cfo():
    data = edit(deal_data(), "answers.power_fund", {"status": "unknown"})
    data = edit(data, "stakeholders.1.access", "indirect")
    return edit(data, "stakeholders.1.attitude", "unknown")


def test_the_champion_is_asked_from_the_side_how_money_is_approved_rather_than_the_cold_cfo() -> None:
    q = coaching(cold_cfo(), "power_fund")
    assert q.stakeholder == "s3"
    assert q.technique == "side"
    assert q.question_id == "q_money_side"


def test_a_warm_fund_approver_is_asked_directly() -> None:
    data = edit(deal_data(), "answers.power_fund", {"status": "unknown"})
    data = edit(data, "stakeholders.1.attitude", "supporter")
    q = coaching(data, "power_fund")
    assert (q.stakeholder, q.technique) == ("s2", "direct")


def test_nobody_reached_gives_no_stakeholder_and_says_whom_to_reach() -> None:
    data = deal_data(answers={})
    for i in range(4):
        data = edit(data, f"stakeholders.{i}.access", "none")
    a = assess(parse_document(data), PB)
    assert a.next_questions
    assert all(q.stakeholder is None for q in a.next_questions)
    assert all(q.reach is not None and q.reach.en and q.reach.zh for q in a.next_questions)
    assert a.call_plan[-1].stakeholder is None


def test_the_reach_suggestion_uses_an_introduction_path() -> None:
    data = edit(deal_data(), "answers.power_decider", {"status": "unknown"})
    data = edit(data, "stakeholders.0.access", "none")
    q = coaching(data, "power_decider")
    assert q.reach is not None and "Wang Fang" in q.reach.en and "Zhang Wei" in q.reach.en


def test_questions_rank_by_weight_uncertainty_and_stage_focus() -> None:
    data = deal_data(answers={})
    a = assess(parse_document(data), PB)
    prios = [q.priority for q in a.next_questions]
    assert prios == sorted(prios, reverse=True)
    # the develop stage focuses on power (×2): its heaviest criterion comes first
    assert a.next_questions[0].criterion == "power_decider"
    assert "Develop" in a.next_questions[0].reason.en


def test_criteria_already_fully_earned_are_not_asked_again() -> None:
    a = assess(parse_document(edit(deal_data(), "answers.vision_fit", {"status": "unknown"})), PB)
    assert [q.criterion for q in a.next_questions] == ["vision_fit"]


def test_questions_come_in_the_requested_language() -> None:
    q = coaching(cold_cfo(), "power_fund")
    assert q.text.get("en") == "How does money usually get approved?"
    assert q.text.get("zh") == "钱一般怎么批?"


def test_the_call_plan_groups_questions_per_stakeholder() -> None:
    a = assess(parse_document(deal_data(answers={})), PB)
    seen = [q for entry in a.call_plan for q in entry.questions]
    assert sorted(id(q) for q in seen) == sorted(id(q) for q in a.next_questions)
    for entry in a.call_plan:
        assert all(q.stakeholder == entry.stakeholder for q in entry.questions)
        if entry.stakeholder:
            assert entry.name == a.deal.stakeholder(entry.stakeholder).name


def test_a_won_deal_has_nothing_left_to_ask() -> None:
    data = edit(deal_data(answers={}), "opportunity.stage", "won")
    a = assess(parse_document(data), PB)
    assert a.next_questions == [] and a.call_plan == []


def test_a_known_no_on_a_heavy_criterion_ranks_at_least_as_high_as_an_unknown_on_a_lighter_one() -> None:
    from .factories import playbook_data

    pd = playbook_data()
    pd["dimensions"][0]["criteria"][1]["weight"] = 2.5  # pain_confirmed: lighter than the decider's 3
    pb = make_playbook(**{k: v for k, v in pd.items()})
    data = edit(deal_data(answers={}), "opportunity.stage", "qualify")  # a stage without focus
    data = edit(data, "answers.power_decider", {"status": "no", "evidence": "the CEO will not meet us", "source": "s3"})
    ranked = [q.criterion for q in assess(parse_document(data), pb).next_questions]
    assert ranked.index("power_decider") < ranked.index("pain_confirmed")


def test_a_first_meeting_asks_about_role_first_then_need_then_attitude() -> None:
    import datetime as dt

    from dealpilot.engine.coach import call_plan
    from dealpilot.engine.facts import derive
    from dealpilot.engine.results import Coaching
    from dealpilot.engine.wording import text

    def q(purpose: str, priority: float, who: str) -> Coaching:
        return Coaching(criterion=f"c_{purpose}", stakeholder=who, technique="direct", text=text(purpose, purpose),
                        question_id=purpose, priority=priority, reason=text("因为", "because"), purpose=purpose)

    facts = derive(parse_document(edit(deal_data(), "stakeholders.3.access", "indirect")), dt.date(2026, 3, 1))
    asked = [q("attitude", 3.0, "s4"), q("need", 2.0, "s4"), q("role", 1.0, "s4")]
    first = call_plan(asked, facts)[0]
    assert [c.purpose for c in first.questions] == ["role", "need", "attitude"]
    # Someone we already work with is asked the most urgent first.
    met = call_plan([q("attitude", 3.0, "s3"), q("role", 1.0, "s3")], facts)[0]
    assert [c.purpose for c in met.questions] == ["attitude", "role"]


def test_each_question_says_what_it_is_for() -> None:
    a = assess(parse_document(deal_data(answers={})), PB)
    assert all(c.purpose in ("role", "need", "attitude") for c in a.next_questions if c.question_id)
    assert all("purpose" in c.to_dict("en") for c in a.next_questions)
