"""The playbooks and example deals that ship with DealPilot load, assess and speak both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from dealpilot.engine import assess, get_playbook, list_playbooks, parse_document, read_document
from dealpilot.engine.playbook import FLAG_IDS, PLAYBOOK_DIR

EXAMPLES = Path(PLAYBOOK_DIR).parent / "examples"
SHIPPED = list_playbooks()
EXAMPLE_FILES = sorted(EXAMPLES.glob("deal.*.yaml"))


def texts(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every mapping that carries a zh or an en key, with where it is."""
    out = []
    if isinstance(node, dict):
        if "zh" in node or "en" in node:
            out.append((path, node))
        for k, v in node.items():
            out += texts(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += texts(v, f"{path}[{i}]")
    return out


def test_the_three_playbooks_ship() -> None:
    assert {"ppvvcc", "bant", "meddicc"} <= set(SHIPPED)


@pytest.mark.parametrize("pid", SHIPPED)
def test_every_zh_text_has_an_en_twin_and_back(pid: str) -> None:
    raw = yaml.safe_load((PLAYBOOK_DIR / f"{pid}.yaml").read_text(encoding="utf-8"))
    found = texts(raw)
    assert len(found) > 20
    for where, t in found:
        assert str(t.get("zh") or "").strip(), f"{pid}: {where} has no zh"
        assert str(t.get("en") or "").strip(), f"{pid}: {where} has no en"
        assert t["zh"] != t["en"], f"{pid}: {where} is not translated"


@pytest.mark.parametrize("pid", SHIPPED)
def test_every_shipped_playbook_configures_every_flag(pid: str) -> None:
    assert set(get_playbook(pid).flags) == set(FLAG_IDS)


def test_the_default_playbook_covers_the_method() -> None:
    pb = get_playbook("ppvvcc")
    assert [d.id for d in pb.dimensions] == ["pain", "power", "vision", "value", "collaborate", "compelling"]
    assert all(len(d.criteria) >= 5 for d in pb.dimensions)
    assert [s.id for s in pb.stages] == ["lead", "qualify", "develop", "propose", "negotiate", "commit", "won", "lost"]
    assert len(pb.questions) >= 40
    assert {q.technique for q in pb.questions} == {"direct", "side", "glad"}
    assert {q.purpose for q in pb.questions} == {"role", "need", "attitude"}
    assert pb.pain_freshness_days < pb.freshness_days


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_example_deals_assess_into_a_useful_review(path: Path, lang: str) -> None:
    deal = read_document(path, playbook=get_playbook("ppvvcc"))
    a = assess(deal)
    assert 0 < a.score < 100
    assert a.flags and a.next_questions and a.call_plan
    people = {s.id for s in deal.stakeholders}
    assert any(q.stakeholder in people for q in a.next_questions)
    for f in a.flags:
        assert f.message.get(lang)
    assert a.to_dict(lang)["deal"]["name"] == deal.opportunity.name


@pytest.mark.parametrize("pid", ["bant", "meddicc"])
def test_the_alternative_playbooks_assess_a_deal_on_their_own_dimensions(pid: str) -> None:
    pb = get_playbook(pid)
    deal = read_document(EXAMPLE_FILES[0])
    data = deal.to_data()
    data["playbook"] = pid
    data["answers"] = {c.id: {"status": "yes", "evidence": "seen", "date": deal.as_of.isoformat()}
                       for _, c in pb.criteria()}
    deal = parse_document(data, playbook=pb)
    a = assess(deal, pb)
    assert [d.id for d in a.dimensions] == [d.id for d in pb.dimensions]
    assert all(d.score > 0 for d in a.dimensions)
