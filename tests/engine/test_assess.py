"""The public `assess` API: defaults, purity, and the JSON shape other doors rely on."""

from __future__ import annotations

import datetime as dt
import json

from dealpilot.engine import Assessment, assess, dump_document, get_playbook
from dealpilot.engine.document import parse_document

from .factories import AS_OF, deal_data, edit, make_playbook

PB = make_playbook()


def test_assess_defaults_to_the_documents_playbook_and_date() -> None:
    data = deal_data(playbook="ppvvcc", answers={})
    a = assess(parse_document(data))
    assert isinstance(a, Assessment)
    assert a.playbook is get_playbook("ppvvcc") and a.as_of == AS_OF


def test_as_of_moves_the_clock_for_freshness() -> None:
    deal = parse_document(deal_data())
    later = assess(deal, PB, as_of=AS_OF + dt.timedelta(days=365))
    assert later.as_of != AS_OF
    assert later.score < assess(deal, PB).score
    assert "pain_stale" in {f.id for f in later.flags}


def test_assess_leaves_the_deal_unchanged() -> None:
    deal = parse_document(edit(deal_data(), "stakeholders.0.access", "none"))
    before = dump_document(deal)
    assess(deal, PB)
    assert dump_document(deal) == before


def test_to_dict_is_json_ready_in_the_requested_language() -> None:
    deal = parse_document(edit(deal_data(answers={}), "mutual_plan", []))
    a = assess(deal, PB)
    zh, en = a.to_dict("zh"), a.to_dict("en")
    json.dumps(zh, ensure_ascii=False)
    assert zh["score"] == a.score
    assert set(zh["dimensions"]) == {"pain", "power", "vision"}
    assert zh["dimensions"]["power"]["score"] == a.dimension("power").score
    flag = next(f for f in en["flags"] if f["id"] == "no_mutual_plan")
    assert set(flag) >= {"id", "severity", "dimension", "message", "people", "field"}
    assert flag["message"] != next(f for f in zh["flags"] if f["id"] == "no_mutual_plan")["message"]
    assert {"criterion", "stakeholder", "technique", "text"} <= set(en["next_questions"][0])
    assert en["stage_check"]["stage"] == "develop" and en["playbook"] == "testbook"


def test_the_stage_check_lists_what_the_stage_still_needs() -> None:
    data = edit(deal_data(), "opportunity.stage", "commit")
    data = edit(data, "timeline", {})
    check = assess(parse_document(data), PB).stage_check
    assert not check.met
    missing = " | ".join(m.en for m in check.missing)
    assert "approved" in missing and "compelling event" in missing


def test_a_later_stage_never_asks_for_less_than_an_earlier_one() -> None:
    data = edit(deal_data(), "pains.0.confirmed_with", None)
    data = edit(data, "opportunity.stage", "commit")
    check = assess(parse_document(data), PB).stage_check
    assert any("pain" in m.en for m in check.missing)  # required from qualify on
