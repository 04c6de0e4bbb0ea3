"""Stage ids come from the playbook: a copy may add, rename or drop open stages; the product
fixes only the closed outcomes `won` and `lost`."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from dealpilot.engine import forecast as fc
from dealpilot.engine.assess import assess
from dealpilot.engine.document import parse_document
from dealpilot.engine.errors import PlaybookError
from dealpilot.engine.playbook import LOST, WON, get_playbook, parse_playbook

AS_OF = dt.date(2026, 3, 20)
POC = {"id": "poc", "name": {"zh": "概念验证", "en": "Proof of concept"}, "probability": 0.35,
       "requires": {"pain_confirmed": True, "min_score": 40, "min_stakeholders_reached": 2}}


def _data() -> dict[str, Any]:
    data = copy.deepcopy(get_playbook("ppvvcc").model_dump(mode="json", exclude_none=True))
    data["id"] = "ppvvcc-poc"
    return data


def _with_poc() -> dict[str, Any]:
    data = _data()
    ids = [s["id"] for s in data["stages"]]
    data["stages"].insert(ids.index("develop") + 1, copy.deepcopy(POC))
    return data


def _problems(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(PlaybookError) as exc:
        parse_playbook(data)
    return {p.path: p.message for p in exc.value.problems}


def test_a_copy_may_add_an_open_stage_in_its_place() -> None:
    pb = parse_playbook(_with_poc())
    assert pb.stage_ids() == ["lead", "qualify", "develop", "poc", "propose", "negotiate", "commit", WON, LOST]
    assert [s.id for s in pb.open_stages()] == ["lead", "qualify", "develop", "poc", "propose", "negotiate", "commit"]
    assert pb.stage("poc").name.get("zh") == "概念验证"


def test_a_copy_may_rename_and_drop_open_stages() -> None:
    data = _data()
    data["stages"] = [s for s in data["stages"] if s["id"] not in ("lead", "negotiate")]
    data["stages"][0]["id"] = "discover"
    pb = parse_playbook(data)
    assert [s.id for s in pb.open_stages()] == ["discover", "develop", "propose", "commit"]


def test_a_deal_in_an_added_stage_is_assessed_against_that_stage_gate() -> None:
    pb = parse_playbook(_with_poc())
    doc = parse_document({"schema": "dealpilot/1", "as_of": AS_OF.isoformat(), "playbook": pb.id,
                          "opportunity": {"name": "ERP", "account": "ACME", "stage": "poc"}}, playbook=pb)
    a = assess(doc, pb, AS_OF)
    assert a.stage_check.stage == "poc"
    assert not a.stage_check.met  # poc asks for a confirmed pain and two people reached
    assert any("痛点" in m.zh for m in a.stage_check.missing)


def test_a_document_in_a_stage_its_playbook_lacks_names_the_field() -> None:
    doc = {"schema": "dealpilot/1", "opportunity": {"name": "ERP", "account": "ACME", "stage": "poc"}}
    problems = get_playbook("ppvvcc").data_problems(doc)
    assert [p.path for p in problems] == ["opportunity.stage"]
    assert "'poc' is not one of lead, qualify" in problems[0].message


def test_missing_won_is_refused() -> None:
    data = _data()
    data["stages"] = [s for s in data["stages"] if s["id"] != "won"]
    assert _problems(data) == {"stages": "missing the closed stage 'won'"}


def test_two_lost_stages_are_refused_at_the_second() -> None:
    data = _data()
    data["stages"].append(copy.deepcopy(data["stages"][-1]))
    last = len(data["stages"]) - 1
    assert _problems(data) == {f"stages[{last}].id": "duplicate stage id 'lost'"}


def test_a_duplicate_open_stage_id_is_refused() -> None:
    data = _with_poc()
    data["stages"][5]["id"] = "poc"
    assert _problems(data) == {"stages[5].id": "duplicate stage id 'poc'"}


@pytest.mark.parametrize("bad", ["POC", "1st", "proof-of-concept", "概念验证", ""])
def test_a_bad_stage_id_is_refused_at_its_path(bad: str) -> None:
    data = _with_poc()
    data["stages"][3]["id"] = bad
    problems = _problems(data)
    assert list(problems) == ["stages[3].id"]
    assert "pattern" in problems["stages[3].id"]


def test_no_open_stage_is_refused() -> None:
    data = _data()
    data["stages"] = [s for s in data["stages"] if s.get("closed")]
    data.pop("forecast")  # its gates name open stages; the point here is the missing open stage
    problems = _problems(data)
    assert problems["stages"] == "at least one open stage is required"


def test_only_won_and_lost_are_closed() -> None:
    data = _with_poc()
    data["stages"][3]["closed"] = True
    data["stages"][-1]["closed"] = False
    assert _problems(data) == {
        "stages[3].closed": "only 'won' and 'lost' are closed; 'poc' must be an open stage",
        f"stages[{len(data['stages']) - 1}].closed": "stage 'lost' is an outcome and must be closed: true"}


def test_a_forecast_gate_on_a_removed_stage_is_named() -> None:
    data = _data()
    data["stages"] = [s for s in data["stages"] if s["id"] != "commit"]
    assert _problems(data) == {"forecast.commit.stage_gate": "no stage 'commit'"}


def test_without_a_forecast_section_the_default_gates_must_exist() -> None:
    data = _data()
    data.pop("forecast")
    data["stages"] = [s for s in data["stages"] if s["id"] != "propose"]
    assert "'propose'" in _problems(data)["forecast"]


def test_moving_from_an_added_stage_back_is_a_stage_moved_back() -> None:
    order = [s.id for s in parse_playbook(_with_poc()).open_stages()]
    start, end = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    assert fc.classify("opportunity.stage", "poc", "develop", start, end, order) == fc.STAGE_BACK
    assert fc.classify("opportunity.stage", "develop", "poc", start, end, order) == fc.STAGE_FORWARD
    assert fc.classify("opportunity.stage", "poc", WON, start, end, order) == WON
