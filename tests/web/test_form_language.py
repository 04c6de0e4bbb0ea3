"""Upload and form errors in the page's language; English counts take the right plural."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dealpilot.deals.models import Opportunity
from dealpilot.engine.wording import days_text


def _upload(client: Any, text: str, lang: str) -> str:
    response = client.post("/deals/upload/", {"document": SimpleUploadedFile("deal.yaml", text.encode())},
                           HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 400
    html = response.content.decode()
    return html.split('role="alert"', 1)[1].split("</div>", 1)[0]


BAD = "schema: dealpilot/1\nopportunity:\n  name: 测试\n  stage: dreaming\n  colour: blue\n"


def test_document_problems_in_chinese(cast: Any, login: Any) -> None:
    before = Opportunity.objects.count()
    html = _upload(login(cast.rep_a), BAD, "zh-hans")
    assert "必填" in html and "未知的键" in html and "不是可选值之一" in html
    for english in ("required", "unknown key", "is not one of"):
        assert english not in html, english
    assert Opportunity.objects.count() == before


def test_document_problems_in_english(cast: Any, login: Any) -> None:
    html = _upload(login(cast.rep_a), BAD, "en")
    assert "required" in html and "unknown key" in html and "必填" not in html


def test_a_broken_file_is_explained_in_chinese(cast: Any, login: Any) -> None:
    html = _upload(login(cast.rep_a), "opportunity: [unclosed\n", "zh-hans")
    assert "不是有效的 YAML/JSON" in html


@pytest.mark.parametrize(("lang", "words"), [("zh-hans", "这个字段是必填项"), ("en", "This field is required")])
def test_a_missing_file_is_refused_in_the_pages_language(cast: Any, login: Any, lang: str, words: str) -> None:
    response = login(cast.rep_a).post("/deals/upload/", {}, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 400 and words in response.content.decode()


def test_new_deal_errors_are_translated(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    before = Opportunity.objects.count()
    data = {"account": "", "name": "x", "currency": "RMB1", "stage": "lead"}
    zh = client.post("/deals/new/", data, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    en = client.post("/deals/new/", data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "这个字段是必填项" in zh and "This field is required" in en
    assert "Use a three-letter code" in en and "Use a three-letter code" not in zh
    assert Opportunity.objects.count() == before


def test_english_day_counts_take_the_plural() -> None:
    assert days_text(1) == "1 day" and days_text(2) == "2 days" and days_text(0) == "0 days"


def test_a_close_date_tomorrow_reads_1_day(cast: Any) -> None:
    from dealpilot.deals.convert import deal_to_document, load_deal
    from dealpilot.engine.assess import assess
    from dealpilot.engine.playbook import get_playbook

    cast.deal.stage = "propose"
    cast.deal.close_date = dt.date(2026, 3, 5)
    cast.deal.save()
    doc = deal_to_document(load_deal(cast.deal.pk))
    result = assess(doc, get_playbook(doc.playbook), as_of=dt.date(2026, 3, 4))
    words = " ".join(f.message.en for f in result.flags)
    assert "1 days" not in words
    if "before the close date" in words:
        assert "1 day before the close date" in words


def test_the_deal_count_takes_the_plural(cast: Any, login: Any) -> None:
    en = login(cast.rep_a).get("/deals/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 deal<" in en and "1 deals" not in en
