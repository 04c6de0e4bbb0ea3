"""Role ids come from the playbook: the rules ask for the role that decides, the one that
approves the budget and the coach by meaning (`kind`), so a playbook copy whose roles are
called something else scores, flags, coaches and plans introductions exactly as the original."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from dealpilot.engine import assess
from dealpilot.engine.document import parse_document
from dealpilot.engine.errors import PlaybookError
from dealpilot.engine.playbook import get_playbook, parse_playbook

ROOT = Path(__file__).resolve().parents[2]
RENAMED = {"decider": ("boss", "decides"), "fund_approver": ("purse", "approves_budget"), "coach": ("insider", "coach")}
AS_OF = dt.date(2026, 3, 20)


def _rename(text: str) -> str:
    for old, (new, _kind) in RENAMED.items():
        text = re.sub(rf"(?<![\w-]){old}(?![\w-])", new, text)
    return text


def _variant(pid: str) -> Any:
    data = yaml.safe_load(_rename((ROOT / f"dealpilot/engine/playbooks/{pid}.yaml").read_text(encoding="utf-8")))
    kinds = {new: kind for new, kind in RENAMED.values()}
    for role in data["roles"]:
        if role["id"] in kinds:
            role["kind"] = kinds[role["id"]]
    data["id"] = f"{pid}-copy"
    return parse_playbook(data)


def _deal(rename: bool, **changes: Any) -> Any:
    data = yaml.safe_load((ROOT / "dealpilot/engine/examples/deal.zh.yaml").read_text(encoding="utf-8"))
    for person in data["stakeholders"]:
        person.update(changes.get(person["id"], {}))
        if rename:
            person["roles"] = [RENAMED.get(r, (r, None))[0] for r in person.get("roles", [])]
    return parse_document(data)


def _outcome(a: Any) -> Any:
    # Ids, numbers and people: the texts carry the role names, renamed in the copy's wording too.
    questions = [{k: v for k, v in q.to_dict("en").items() if k in ("criterion", "stakeholder", "question_id", "priority")}
                 for q in a.next_questions]
    paths = [{k: v for k, v in p.to_dict("en").items() if k not in ("text", "reach", "role_name", "why", "message")}
             for p in a.intro_paths]
    return (a.score, [(d.id, d.score) for d in a.dimensions], [(f.id, f.people) for f in a.flags], questions, paths)


@pytest.mark.parametrize("pid", ["ppvvcc", "meddicc", "bant"])
def test_a_copy_with_other_role_ids_assesses_the_deal_as_the_original(pid: str) -> None:
    variant = _variant(pid)
    assert not variant.problems() and variant.role_for("decides") == "boss"
    # Unreached, hostile people in the key roles: the role flags must be raised through the kinds.
    change = {}
    for person in yaml.safe_load((ROOT / "dealpilot/engine/examples/deal.zh.yaml").read_text())["stakeholders"]:
        if {"decider", "fund_approver", "coach"} & set(person.get("roles", [])):
            change[person["id"]] = {"access": "none", "attitude": "skeptic"}
    original = assess(_deal(False, **change), get_playbook(pid), as_of=AS_OF)
    copied = assess(_deal(True, **change), variant, as_of=AS_OF)
    assert _rename(repr(_outcome(original))) == repr(_outcome(copied))
    raised = {f.id for f in copied.flags}
    assert {"no_decider_access", "coach_not_supporter"} <= raised or pid != "ppvvcc"


def test_the_shipped_playbooks_mean_their_conventional_ids() -> None:
    for pid in ("ppvvcc", "meddicc", "bant"):
        pb = get_playbook(pid)
        assert (pb.role_for("decides"), pb.role_for("approves_budget"), pb.role_for("coach")) == (
            "decider", "fund_approver", "coach")


def test_two_roles_of_one_kind_are_a_problem_of_the_playbook() -> None:
    data = yaml.safe_load((ROOT / "dealpilot/engine/playbooks/ppvvcc.yaml").read_text(encoding="utf-8"))
    for role in data["roles"][:2]:
        role["kind"] = "decides"
    with pytest.raises(PlaybookError, match="roles: more than one role of kind 'decides'"):
        parse_playbook(data)
