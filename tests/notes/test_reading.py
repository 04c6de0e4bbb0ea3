"""The parts of reading a note: sentences, money, dates, negation/doubt/hearsay."""

from __future__ import annotations

import datetime as dt

import pytest

from dealpilot.notes.cues import read_status
from dealpilot.notes.money import chinese_number, read_amounts
from dealpilot.notes.sentences import split_sentences
from dealpilot.notes.when import read_dates

FRIDAY = dt.date(2026, 11, 20)


def test_sentences_split_on_chinese_and_english_stops_and_keep_their_place():
    note = "今天拜访了王总。预算还没批下来！\n- 下周三再谈；Mr. Smith said the budget is 3.5M. Not yet approved."
    got = split_sentences(note)
    assert [s.text for s in got] == ["今天拜访了王总。", "预算还没批下来！", "下周三再谈；",
                                     "Mr. Smith said the budget is 3.5M.", "Not yet approved."]
    assert all(note[s.start:s.end] == s.text for s in got)
    assert [s.lang for s in got] == ["zh", "zh", "zh", "en", "en"]


def test_blank_lines_and_list_markers_are_not_sentences():
    assert [s.text for s in split_sentences("\n\n1. 报价 300 万\n\n  \n2、客户同意试点")] == ["报价 300 万", "客户同意试点"]


@pytest.mark.parametrize("text,amount", [
    ("预算 300 万", 3_000_000), ("报价3M", 3_000_000), ("三百万元", 3_000_000), ("1.2亿", 120_000_000),
    ("两百五十万", 2_500_000), ("¥800,000", 800_000), ("$2.5 million", 2_500_000), ("200k", 200_000),
])
def test_money_is_read_in_both_languages(text, amount):
    assert read_amounts(text) == [amount]


@pytest.mark.parametrize("text", ["三月十五日", "10 天", "上涨了10%", "Q3上线", "we met 3 people"])
def test_numbers_that_are_not_money_are_not_read_as_money(text):
    assert read_amounts(text) == []


def test_chinese_numbers():
    assert chinese_number("三百万") == 3_000_000
    assert chinese_number("十二") == 12
    assert chinese_number("一千五百") == 1500


@pytest.mark.parametrize("text,day", [
    ("下周三上会", dt.date(2026, 11, 25)), ("月底前给答复", dt.date(2026, 11, 30)),
    ("3月15日验收", dt.date(2027, 3, 15)), ("12月15日验收", dt.date(2026, 12, 15)),
    ("Q1上线", dt.date(2027, 3, 31)), ("年底", dt.date(2026, 12, 31)), ("2026-03-15", dt.date(2026, 3, 15)),
    ("next Wednesday", dt.date(2026, 11, 25)), ("by the end of the month", dt.date(2026, 11, 30)),
    ("March 15", dt.date(2027, 3, 15)), ("tomorrow", dt.date(2026, 11, 21)), ("下个月初", dt.date(2026, 12, 1)),
])
def test_dates_are_read_relative_to_the_activity(text, day):
    assert read_dates(text, FRIDAY) == [day]


def test_a_quarter_still_to_come_is_this_year():
    assert read_dates("Q3上线", dt.date(2026, 5, 1)) == [dt.date(2026, 9, 30)]


def test_vague_spans_are_not_dates():
    assert read_dates("三个月内完成", FRIDAY) == []


# The issue's own cases, verbatim: never read as yes.
@pytest.mark.parametrize("text", ["还没有预算", "预算还没批下来", "not yet approved", "他不太认可"])
def test_negation_and_doubt_from_the_issue_are_not_yes(text):
    assert read_status(text).status in ("no", "partly")


@pytest.mark.parametrize("text,status", [
    ("还没有预算", "no"), ("预算还没批下来", "no"), ("not yet approved", "no"), ("他不太认可", "partly"),
    ("预算已经批了", "yes"), ("效果不错", "yes"), ("没问题，下周签", "yes"), ("We have no budget this year", "no"),
    ("He is not really convinced", "partly"), ("The CFO approved it, no problem", "yes"),
    ("刘洋觉得贵，我们解释了分期付款，他的顾虑打消了", "yes"),
])
def test_status_words(text, status):
    assert read_status(text).status == status


@pytest.mark.parametrize("text", ["听说预算批了", "据陈静透露，周总同意了", "Apparently the CFO signed off", "I heard it was approved"])
def test_hearsay_is_recognised(text):
    reading = read_status(text)
    assert reading.hearsay and reading.status != "yes"
