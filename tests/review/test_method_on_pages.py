"""The method's rules reach the pages: each question says what it is for, and a closed deal
shows no flags and no questions, only what to correct in its record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from dealpilot.engine.document import Answer
from tests.review.conftest import example_document, write_example

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "words"), [("zh-hans", ("了解角色与职责", "了解需求", "了解态度")),
                                             ("en", ("role and responsibilities", "need", "attitude"))])
def test_the_call_plan_says_what_each_question_is_for(example: Any, cast: Any, login: Any, lang: str,
                                                      words: tuple[str, ...]) -> None:
    client = login(cast.rep_a)
    for name in ("deal_page", "deal_review"):
        page = client.get(reverse(name, args=[example.pk]), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert any(f"· {w}" in page for w in words), name


def test_a_won_deal_is_frozen_and_its_late_answers_are_a_record_to_correct(cast: Any, login: Any) -> None:
    doc = example_document()
    o = doc.opportunity.model_copy(update={"stage": "won", "close_date": dt.date(2026, 3, 31)})
    late = Answer(status="yes", evidence="签约后补记", source=doc.stakeholders[0].id, date=dt.date(2026, 4, 2))
    doc = doc.model_copy(update={"opportunity": o, "answers": {**doc.answers, "pain_will_act": late}})
    deal = write_example(cast.rep_a, doc)
    page = login(cast.rep_a).get(reverse("deal_page", args=[deal.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "需要更正的记录" in page and "2026-04-02" in page and "pain_will_act" in page
    assert "没有需要再问的了" in page
    assert 'data-flag="' not in page and "下次与" not in page and "先要接触的人" not in page
