"""The workspace's stage list merges the playbooks in use in the order a sales team reads them."""

from __future__ import annotations

import copy
from typing import Any

from dealpilot.deals.stages import merge
from dealpilot.engine.playbook import get_playbook, parse_playbook

SHIPPED = ["lead", "qualify", "develop", "propose", "negotiate", "commit"]


def _team(pid: str, open_ids: list[str]) -> Any:
    data = copy.deepcopy(get_playbook("ppvvcc").model_dump(mode="json", exclude_none=True))
    by_id = {s["id"]: s for s in data["stages"]}
    stages = []
    for sid in open_ids:
        stage = copy.deepcopy(by_id.get(sid, by_id["develop"]))
        stage["id"] = sid
        if sid not in by_id:
            stage["name"] = {"zh": f"{sid} 阶段", "en": f"{sid.title()} stage"}
        stages.append(stage)
    data["id"], data["stages"] = pid, stages + [by_id["won"], by_id["lost"]]
    for rule in data["forecast"].values():  # the forecast gates on the team's last open stage
        if rule.get("stage_gate") not in open_ids:
            rule["stage_gate"] = open_ids[-1]
    return parse_playbook(data)


def test_a_team_stage_follows_its_predecessor_and_outcomes_close_the_list() -> None:
    merged = merge([get_playbook("ppvvcc"), _team("t1", ["lead", "qualify", "develop", "poc", "propose", "commit"])])
    assert merged.ids() == ["lead", "qualify", "develop", "poc", "propose", "negotiate", "commit", "won", "lost"]
    assert [s.closed for s in merged][-2:] == [True, True] and merged.open_ids()[-1] == "commit"
    assert [s.rank for s in merged] == list(range(9))


def test_two_teams_adding_after_the_same_stage_keep_the_order_they_are_read_in() -> None:
    merged = merge([get_playbook("ppvvcc"), _team("t1", ["lead", "develop", "poc"]),
                    _team("t2", ["lead", "develop", "pilot", "propose"])])
    assert merged.open_ids() == ["lead", "qualify", "develop", "poc", "pilot", "propose", "negotiate", "commit"]


def test_a_team_that_dropped_stages_places_its_own_right_after_its_predecessor() -> None:
    merged = merge([get_playbook("ppvvcc"), _team("t1", ["discover", "develop", "poc", "commit"])])
    assert merged.open_ids() == ["discover", *SHIPPED[:3], "poc", *SHIPPED[3:]]
    assert merged.get("poc").name.en == "Poc stage"
    assert merged.label("gone") == "gone"  # an id no playbook has reads as itself
