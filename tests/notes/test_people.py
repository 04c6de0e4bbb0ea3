"""Naming people: the deal's stakeholders as reps write them, and new people with a title."""

from __future__ import annotations

from dealpilot.notes.people import PeopleIndex, Person

DEAL = [Person("s1", "周建国", "总经理", ("decider",)), Person("s2", "林慧", "财务总监"),
        Person("s3", "王海涛", "运营副总经理"), Person("s4", "Jane Doe", "CFO")]


def ids(text: str) -> list[str]:
    return [m.id for m in PeopleIndex(DEAL).mentions(text)]


def test_chinese_names_honorifics_and_titles():
    assert ids("今天见了周总，他说预算还没批") == ["s1"]
    assert ids("林总监对价格有顾虑") == ["s2"]
    assert ids("财务总监表示要再看看") == ["s2"]
    assert ids("老周很支持，海涛也在") == ["s1", "s3"]


def test_english_names_last_names_and_titles():
    assert ids("Jane said the CFO needs a business case") == ["s4"]
    assert ids("Ms. Doe met us") == ["s4"]


def test_new_people_with_a_title_are_proposed_known_ones_are_not():
    index = PeopleIndex(DEAL)
    got = index.new_people("王海涛和新来的采购经理张伟一起参加，财务总监林慧没来")
    assert [(p.name, p.title) for p in got] == [("张伟", "采购经理")]
    got = index.new_people("We met Tom Brown, the new VP of Operations.")
    assert [(p.name, p.title) for p in got] == [("Tom Brown", "VP of Operations")]
    assert [(p.name, p.title) for p in index.new_people("刘伟（信息中心主任）也在场")] == [("刘伟", "信息中心主任")]


def test_plain_text_names_nobody():
    assert ids("我们的方案很好，客户说这个需求很急") == []
