"""Paths of introduction to the deciders and fund approvers we have not reached."""

from __future__ import annotations

from dealpilot.engine import assess
from dealpilot.engine.document import parse_document

from .factories import deal_data, edit, make_playbook, person

PB = make_playbook()


def paths(data):
    return {p.target: p for p in assess(parse_document(data), PB).intro_paths}


def test_reached_deciders_need_no_introduction() -> None:
    assert paths(deal_data()) == {}


def test_the_champion_who_reports_to_the_decider_introduces_them() -> None:
    p = paths(edit(deal_data(), "stakeholders.0.access", "none"))["s1"]
    assert p.via == ["s3"]
    assert p.message.en == "Ask Wang Fang to introduce you to Zhang Wei (decider)"
    assert "Wang Fang" in p.message.zh and "Zhang Wei" in p.message.zh


def test_a_champion_is_preferred_over_a_neutral_contact_at_the_same_distance() -> None:
    data = edit(deal_data(), "stakeholders.0.access", "none")  # s2 (neutral) and s3 (champion) both report to s1
    assert paths(data)["s1"].via == ["s3"]
    data = edit(data, "stakeholders.2.attitude", "neutral")
    data = edit(data, "stakeholders.1.attitude", "champion")
    assert paths(data)["s1"].via == ["s2"]


def test_relationships_and_longer_chains_are_followed() -> None:
    data = deal_data()
    data["stakeholders"] = [
        person("s1", name="Boss", roles=["decider"], access="none"),
        person("s2", name="Friend", attitude="champion", access="regular"),
        person("s3", name="Middle", reports_to="s1", relationships=[{"with": "s2", "kind": "works_closely"}]),
    ]
    data.update(decision_chain=[], budget={"status": "requested"}, pains=[], value=[], mutual_plan=[],
                objections=[], answers={})
    p = paths(data)["s1"]
    assert p.via == ["s2", "s3"]
    assert p.message.en == "Ask Friend to introduce you to Middle, then Middle to Boss (decider)"


def test_no_known_path_says_so() -> None:
    data = edit(deal_data(), "stakeholders.1", person("s2", name="Li Na", roles=["fund_approver"], access="none"))
    data = edit(data, "budget", {"status": "requested"})
    p = paths(data)["s2"]
    assert p.via == []
    assert "Li Na" in p.message.en
