"""The deal document's optional `activities` list: old documents load and write as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealpilot.engine.document import DocumentError, dump_document, loads_document, read_document

EXAMPLE = Path(__file__).resolve().parents[2] / "dealpilot" / "engine" / "examples" / "deal.zh.yaml"

ACTIVITIES = """
activities:
  - kind: visit
    date: 2026-11-18
    ours: [李明]
    stakeholders: [s1, s4]
    note: 周总确认排产是今年的头等大事；预算还没批。
    next_step: 提交接口方案
    next_step_due: 2026-11-27
  - kind: call
    date: 2026-11-19
    stakeholders: [s2]
"""


def test_a_document_without_activities_writes_exactly_as_before():
    deal = read_document(EXAMPLE)
    assert deal.activities == []
    assert "activities" not in dump_document(deal)
    assert loads_document(dump_document(deal)) == deal


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_activities_round_trip(fmt):
    deal = loads_document(EXAMPLE.read_text(encoding="utf-8") + ACTIVITIES)
    assert [a.kind.value for a in deal.activities] == ["visit", "call"]
    assert deal.activities[0].stakeholders == ["s1", "s4"]
    again = loads_document(dump_document(deal, fmt), fmt=fmt)
    assert again == deal
    assert dump_document(again, fmt) == dump_document(deal, fmt)


def test_an_activity_naming_someone_not_on_the_deal_is_refused_with_its_path():
    bad = EXAMPLE.read_text(encoding="utf-8") + ACTIVITIES.replace("[s2]", "[s99]")
    with pytest.raises(DocumentError) as exc:
        loads_document(bad)
    assert "activities[1].stakeholders[0]: no stakeholder 's99'" in str(exc.value)


def test_an_unknown_activity_kind_is_refused_with_its_path():
    with pytest.raises(DocumentError) as exc:
        loads_document(EXAMPLE.read_text(encoding="utf-8") + ACTIVITIES.replace("kind: call", "kind: lunch"))
    assert "activities[1].kind" in str(exc.value)
