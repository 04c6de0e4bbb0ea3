"""Every red flag fires on a case and stays quiet just across its boundary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dealpilot.engine import assess
from dealpilot.engine.document import parse_document
from dealpilot.engine.playbook import FLAG_IDS

from .factories import AS_OF, deal_data, edit, make_playbook, playbook_data

PB = make_playbook()


def flags(data: dict[str, Any], pb=PB) -> dict[str, Any]:
    return {f.id: f for f in assess(parse_document(data), pb).flags}


def day(offset: int) -> str:
    return (AS_OF + dt.timedelta(days=offset)).isoformat()


def test_the_healthy_deal_raises_no_flag() -> None:
    assert flags(deal_data()) == {}


# (flag id, edits that raise it, edits just across the boundary that keep it quiet)
CASES: list[tuple[str, list[tuple[str, Any]], list[tuple[str, Any]]]] = [
    ("pain_unconfirmed", [("pains.0.confirmed_with", "s1")], [("pains.0.confirmed_with", "s3")]),
    ("pain_unconfirmed", [("pains", [])], []),
    ("pain_stale", [("pains.0.confirmed_on", day(-46))], [("pains.0.confirmed_on", day(-45))]),
    ("no_decider_access", [("stakeholders.0.access", "indirect")], [("stakeholders.0.access", "met")]),
    ("no_decider_access", [("stakeholders.0.roles", ["influencer"])], [("stakeholders.0.roles", ["decider"])]),
    ("no_fund_access", [("stakeholders.1.access", "indirect")], [("stakeholders.1.access", "met")]),
    ("no_supporter", [("stakeholders.0.attitude", "neutral"), ("stakeholders.2.influence", "low")],
     [("stakeholders.0.attitude", "neutral"), ("stakeholders.2.influence", "medium")]),
    ("hostile_influencer", [("stakeholders.1.attitude", "skeptic")],
     [("stakeholders.1.attitude", "skeptic"), ("stakeholders.1.influence", "medium")]),
    ("hostile_influencer", [("stakeholders.1.attitude", "opponent")], [("stakeholders.1.attitude", "neutral")]),
    ("single_threaded", [("stakeholders.1.access", "indirect"), ("stakeholders.2.access", "indirect")],
     [("stakeholders.1.access", "indirect")]),
    ("budget_unconfirmed", [("opportunity.stage", "propose"), ("budget.status", "planned")],
     [("opportunity.stage", "propose"), ("budget.status", "requested")]),
    # Dated milestones are our plan, not the customer's reason to act: only an event silences it.
    ("no_compelling_event", [("timeline", {"milestones": [{"name": "pilot", "date": day(30)}]})],
     [("timeline", {"compelling_event": {"text": "audit", "date": day(90)}, "milestones": []})]),
    ("coach_not_supporter", [("stakeholders.2.attitude", "skeptic")], [("stakeholders.2.attitude", "neutral")]),
    ("coach_not_supporter", [("stakeholders.2.attitude", "opponent")], [("stakeholders.2.attitude", "supporter")]),
    ("coach_not_supporter", [("stakeholders.2.access", "indirect")], [("stakeholders.2.access", "met")]),
    ("decision_chain_out_of_order",
     [("decision_chain", [{"name": "technical review", "owner": "s3", "due": "2026-04-10"},
                          {"name": "board approval", "owner": "s1", "due": "2026-04-09"}])],
     [("decision_chain", [{"name": "technical review", "owner": "s3", "due": "2026-04-10"},
                          {"name": "board approval", "owner": "s1", "due": "2026-04-10"}])]),
    ("competitor_favoured", [("competitors.0.position", "incumbent"), ("answers.vision_fit", {"status": "no"})],
     [("competitors.0.position", "shortlisted"), ("answers.vision_fit", {"status": "no"})]),
    ("competitor_favoured", [("competitors.0.position", "preferred"), ("answers.vision_fit", {"status": "no"})],
     [("competitors.0.position", "preferred")]),
    ("value_unquantified", [("value.0.agreed", False)], [("value.0.agreed", True)]),
    ("value_unquantified", [("value.0.for", "s4")], [("value.0.for", "s2")]),
    ("value_unquantified", [("value.0.amount", None)], [("value.0.amount", 0)]),
    ("no_mutual_plan", [("mutual_plan.0.status", "done")], [("mutual_plan.0.status", "in_progress")]),
    ("no_mutual_plan", [("mutual_plan.0.due", None)], []),
    ("open_objections_near_close", [("objections.0.status", "root_cause_found"), ("opportunity.close_date", day(30))],
     [("objections.0.status", "root_cause_found"), ("opportunity.close_date", day(31))]),
    ("open_objections_near_close", [("objections.0.status", "raised"), ("opportunity.close_date", day(10))],
     [("objections.0.status", "resolved"), ("opportunity.close_date", day(10))]),
    ("close_date_unreachable", [("decision_chain.0.due", "2026-07-01")], [("decision_chain.0.due", "2026-06-30")]),
    ("close_date_unreachable", [("timeline.milestones.0.date", "2026-07-01")],
     [("timeline.milestones.0.date", "2026-07-01"), ("timeline.milestones.0.status", "done")]),
    ("stage_ahead_of_evidence", [("opportunity.stage", "negotiate"), ("stakeholders.0.access", "indirect")],
     [("opportunity.stage", "negotiate")]),
    ("stage_ahead_of_evidence", [("opportunity.stage", "propose"), ("budget.status", "planned")],
     [("opportunity.stage", "propose")]),
]


def apply(edits: list[tuple[str, Any]]) -> dict[str, Any]:
    data = deal_data()
    for path, value in edits:
        if value is None:
            node = data
            *head, last = path.split(".")
            for k in head:
                node = node[int(k)] if isinstance(node, list) else node[k]
            node.pop(last, None)
        else:
            data = edit(data, path, value)
    return data


@pytest.mark.parametrize(("fid", "fire", "quiet"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_flag_fires_and_stays_quiet_across_its_boundary(fid: str, fire: list, quiet: list) -> None:
    assert fid in flags(apply(fire))
    assert fid not in flags(apply(quiet))


def test_every_flag_id_has_a_case() -> None:
    assert {c[0] for c in CASES} == set(FLAG_IDS)


def test_competitor_flag_boundary_is_the_playbook_threshold() -> None:
    data = apply([("competitors.0.position", "incumbent"), ("answers.vision_fit", {"status": "partly", "evidence": "x", "date": day(0)})])
    vision = assess(parse_document(data), PB).dimension("vision").score

    def with_threshold(value: float) -> dict[str, Any]:
        pd = playbook_data()
        pd["flags"]["competitor_favoured"]["threshold"] = value
        return flags(data, make_playbook(**pd))

    assert "competitor_favoured" not in with_threshold(vision)
    assert "competitor_favoured" in with_threshold(vision + 1)


def test_flag_messages_name_the_people_involved_and_the_field_to_fix() -> None:
    raised = flags(apply([("stakeholders.1.access", "none")]))["no_fund_access"]
    assert raised.people == ["s2"]
    assert raised.field == "stakeholders[1].access"
    assert "Li Na" in raised.message.en and "Li Na" in raised.message.zh


def test_a_budget_approver_counts_as_fund_approver() -> None:
    data = apply([("stakeholders.1.roles", []), ("budget.approver", "s2")])
    assert "no_fund_access" not in flags(data)
    data = apply([("stakeholders.1.roles", []), ("budget", {"status": "requested"})])
    assert flags(data)["no_fund_access"].field == "budget.approver"


def test_flags_come_most_severe_first() -> None:
    data = apply([("pains", []), ("mutual_plan", []), ("stakeholders.1.access", "none"),
                  ("objections.0.status", "raised"), ("opportunity.close_date", day(5))])
    order = {"high": 0, "medium": 1, "low": 2}
    ranks = [order[f.severity] for f in assess(parse_document(data), PB).flags]
    assert len(ranks) >= 3 and ranks == sorted(ranks)


def test_a_disabled_flag_is_not_raised() -> None:
    pd = playbook_data()
    pd["flags"]["no_mutual_plan"]["enabled"] = False
    assert "no_mutual_plan" not in flags(apply([("mutual_plan", [])]), make_playbook(**pd))


def test_severity_and_dimension_come_from_the_playbook() -> None:
    pd = playbook_data()
    pd["flags"]["no_mutual_plan"] = {"severity": "low", "dimension": "vision"}
    raised = flags(apply([("mutual_plan", [])]), make_playbook(**pd))["no_mutual_plan"]
    assert (raised.severity, raised.dimension) == ("low", "vision")


def test_time_to_close_flags_stay_quiet_once_a_deal_is_won() -> None:
    data = apply([("opportunity.stage", "won"), ("decision_chain.0.due", "2026-07-01")])
    assert "close_date_unreachable" not in flags(data)


@pytest.mark.parametrize("stage", ["won", "lost"])
def test_a_closed_deal_is_frozen_no_flags_no_coaching(stage: str) -> None:
    # The same gaps that flag an open deal and give the coach questions to ask.
    gaps = [("stakeholders.0.access", "indirect"), ("pains", []), ("answers", {})]
    open_deal = assess(parse_document(apply(gaps)), PB)
    assert open_deal.flags and open_deal.next_questions
    closed = assess(parse_document(apply([*gaps, ("opportunity.stage", stage)])), PB)
    assert (closed.flags, closed.next_questions, closed.call_plan) == ([], [], [])


def test_answers_dated_after_a_deal_closed_are_a_problem_of_the_record() -> None:
    late = {"status": "yes", "evidence": "signed", "source": "s1", "date": "2026-07-02"}
    data = apply([("opportunity.stage", "won"), ("answers.power_decider", late)])
    problems = assess(parse_document(data), PB).record_problems
    assert [p.en for p in problems] == ["The answer to power_decider is dated 2026-07-02, after the close date 2026-06-30"]
    on_time = apply([("opportunity.stage", "won"), ("answers.power_decider", {**late, "date": "2026-06-30"})])
    assert assess(parse_document(on_time), PB).record_problems == []
    still_open = apply([("answers.power_decider", late)])  # an open deal's plan may run past its close date
    assert assess(parse_document(still_open), PB).record_problems == []
