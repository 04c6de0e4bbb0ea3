"""From a note about a deal to proposed answers, people, pains, competitors and objections."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dealpilot.engine.document import read_document
from dealpilot.engine.playbook import get_playbook, parse_playbook
from dealpilot.notes import apply_proposals, propose
from dealpilot.notes.apply import accepted_by_default

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "dealpilot" / "engine" / "examples"
VISIT = dt.date(2026, 11, 20)

NOTE_ZH = """今天下午拜访了周总和陈静，聊了一个半小时。
周总说今年最重要的就是把三个工厂的排产打通，这是集团的一号工程。
陈静私下告诉我，预算还没批下来，要等到下周三的总经理办公会。
赵主任不太认可我们的架构，担心和现有的MES对接不上。
听说友商鼎捷也在报价。
新来的采购经理张伟会负责后面的商务流程。
中午一起吃了饭，聊了聊孩子上学的事。"""


@pytest.fixture(scope="module")
def deal_zh():
    return read_document(EXAMPLES / "deal.zh.yaml")


@pytest.fixture(scope="module")
def found(deal_zh):
    return propose(NOTE_ZH, deal_zh, on=VISIT, participants=["s1", "s4"])


def by_text(found, part):
    return next(p for p in found.proposals if part in p.evidence)


def test_the_budget_not_yet_approved_is_proposed_as_no_from_the_person_who_said_it(found):
    p = by_text(found, "预算还没批下来")
    assert p.criterion == "pain_budget_in_place"
    assert p.status == "no"
    assert p.source == "s4"  # 陈静, named in the sentence
    assert p.date == VISIT  # 下周三 is ahead: the evidence is dated the visit
    assert dt.date(2026, 11, 25) in p.dates
    assert 0 < p.confidence <= 1


def test_a_priority_named_by_the_decider_is_yes(found):
    p = by_text(found, "一号工程")
    assert (p.criterion, p.status, p.source) == ("pain_top_priority", "yes", "s1")


def test_doubt_is_partly_and_hearsay_is_never_yes(found):
    assert by_text(found, "不太认可").status == "partly"
    assert all(p.status != "yes" for p in found.proposals if "听说" in p.evidence)


def test_small_talk_proposes_nothing(found):
    assert not [p for p in found.proposals if "孩子" in p.evidence]
    assert propose("中午一起吃了饭，聊了聊孩子上学的事。今天下雨，路上很堵。", read_document(EXAMPLES / "deal.zh.yaml"),
                   on=VISIT).proposals == []


def test_the_highlight_is_the_sentence_in_the_note(found):
    for p in found.proposals:
        assert NOTE_ZH[p.start:p.end] == p.evidence


def test_a_sentence_naming_nobody_takes_the_activitys_first_participant(deal_zh):
    got = propose("客户同意和我们一起做联合测试，派了两个工程师。", deal_zh, on=VISIT, participants=["s4"])
    assert got.proposals[0].source == "s4"


def test_new_people_competitors_objections_and_pains(found, deal_zh):
    assert [(p.name, p.title) for p in found.people] == [("张伟", "采购经理")]
    assert [c.name for c in found.competitors] == ["鼎捷"]
    assert any("担心" in o.text and o.raised_by == "s5" for o in found.objections)
    pains = propose("库存积压严重，每年多占用资金上千万。监管审计越来越严，数据追溯有合规风险。", deal_zh, on=VISIT).pains
    assert [p.category for p in pains] == ["save_money", "manage_risk"]


def test_a_past_date_in_the_sentence_dates_the_evidence(deal_zh):
    got = propose("11月18日周总亲口确认了排产问题是今年的头等大事。", deal_zh, on=VISIT)
    assert got.proposals[0].date == dt.date(2026, 11, 18)


def test_english_notes():
    deal = read_document(EXAMPLES / "deal.en.yaml")
    got = propose("We met Zhou Jianguo today. The budget is not yet approved; Lin Hui will take it to the board "
                  "next Wednesday. We had lunch and talked about football.", deal, on=VISIT)
    budget = next(p for p in got.proposals if "budget" in p.evidence)
    assert (budget.criterion, budget.status) == ("pain_budget_in_place", "no")
    assert not [p for p in got.proposals if "football" in p.evidence]


def test_every_shipped_playbook_gets_proposals(deal_zh):
    for pid in ("bant", "meddicc"):
        got = propose("预算还没批下来，林总监说要等下周三上会。", deal_zh, get_playbook(pid), on=VISIT)
        assert got.proposals and got.proposals[0].status == "no"
        assert get_playbook(pid).criterion(got.proposals[0].criterion) is not None


def test_a_playbook_without_lexicons_still_loads_and_reads_notes(deal_zh):
    data = get_playbook("ppvvcc").model_dump(mode="json", exclude_none=True)
    for dim in data["dimensions"]:
        for c in dim["criteria"]:
            c.pop("lexicon", None)
    plain = parse_playbook(data)
    got = propose("客户同意联合评估，双方签了推进计划。", deal_zh, plain, on=VISIT)
    assert got.sentences  # no crash; similarity alone may or may not propose


def test_a_bad_lexicon_is_refused_with_its_path():
    from dealpilot.engine.errors import PlaybookError

    data = get_playbook("ppvvcc").model_dump(mode="json", exclude_none=True)
    data["dimensions"][0]["criteria"][0]["lexicon"] = {"zh": "预算"}
    with pytest.raises(PlaybookError) as exc:
        parse_playbook(data)
    assert "dimensions[0].criteria[0].lexicon.zh" in str(exc.value)


def test_apply_writes_confident_answers(deal_zh, found):
    chosen = accepted_by_default(found.proposals)
    assert chosen and all(p.confidence >= 0.6 and not p.hearsay for p in chosen)
    updated, written = apply_proposals(deal_zh, chosen)
    assert written
    for p in written:
        a = updated.answers[p.criterion]
        assert (a.status.value, a.evidence, a.source, a.date) == (p.status, p.evidence, p.source, p.date)
    assert deal_zh.answers == read_document(EXAMPLES / "deal.zh.yaml").answers  # the input is not changed


def test_apply_keeps_an_answer_dated_after_the_note(deal_zh, found):
    from dealpilot.engine.document import Answer

    p = by_text(found, "预算还没批下来")
    later = Answer(status="yes", evidence="12月1日批了", date=dt.date(2026, 12, 1))
    deal = deal_zh.model_copy(update={"answers": {**deal_zh.answers, p.criterion: later}})
    updated, written = apply_proposals(deal, [p])
    assert written == [] and updated.answers[p.criterion] == later


def test_the_proposer_works_with_networking_disabled(tmp_path):
    script = textwrap.dedent(f"""
        import json, socket, sys
        def refuse(*a, **k):
            raise OSError("network disabled in this test")
        socket.socket = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from dealpilot.engine.document import read_document
        from dealpilot.notes import propose
        deal = read_document({str(EXAMPLES / "deal.zh.yaml")!r})
        found = propose("陈静说预算还没批下来。", deal)
        print(json.dumps([p["criterion"] + ":" + p["status"] for p in found.to_dict()["proposals"]]))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == ["pain_budget_in_place:no"]
