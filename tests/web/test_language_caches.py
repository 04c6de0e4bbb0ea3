"""Nothing a page shows is remembered across requests in another language: a date or a choice
label formatted in one language never leaks into a page in another, and a template fetched in
one language and rendered in another speaks only the second."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import engines
from django.utils import translation

from dealpilot.deals.models import Opportunity
from dealpilot.web.formats import choice_label, short_date

DAY = dt.date(2026, 3, 4)


def test_a_date_formatted_for_english_during_a_chinese_request_stays_out_of_chinese_pages() -> None:
    with translation.override("zh-hans"):
        chinese = short_date(DAY, "DATE_FORMAT")
        short_date(DAY, "DATE_FORMAT", language="en")
    with translation.override("en"):
        english = short_date(DAY, "DATE_FORMAT")
        assert short_date(DAY, "DATE_FORMAT") == english
    with translation.override("zh-hans"):
        assert short_date(DAY, "DATE_FORMAT") == chinese
    assert "2026年3月4日" == chinese and "年" not in english


def test_english_pages_show_english_dates_after_one_asked_for_english_under_chinese() -> None:
    with translation.override("zh-hans"):
        short_date(DAY, "DATE_FORMAT", language="en")
        short_date(DAY, "DATE_FORMAT", language="zh-hans")
    with translation.override("en"):
        assert "年" not in short_date(DAY, "DATE_FORMAT")
    with translation.override("zh-hans"):
        assert short_date(DAY, "DATE_FORMAT", language="en") == short_date(DAY, "DATE_FORMAT", language="en")
    with translation.override("en"):
        assert "年" not in short_date(DAY, "DATE_FORMAT", language="en")


def test_a_choice_label_asked_for_in_english_during_a_chinese_request_is_english() -> None:
    deal = Opportunity(budget_status="planned")
    with translation.override("zh-hans"):
        asked = choice_label(deal, "budget_status", language="en")
    with translation.override("en"):
        english = choice_label(deal, "budget_status")
    with translation.override("zh-hans"):
        chinese = choice_label(deal, "budget_status")
    assert asked == english != chinese


@pytest.mark.parametrize("first,then", [("zh-hans", "en"), ("en", "zh-hans")])
def test_a_template_fetched_in_one_language_renders_in_the_language_active_at_render(first: str, then: str) -> None:
    source_name = "workspace/_checklist.html"
    with translation.override(first):
        template = engines["jinja2"].get_template(source_name)
    with translation.override(then):
        html = template.render({"checklist": []})
    expected, other = ("Checklist", "检查清单") if then == "en" else ("检查清单", "Checklist")
    assert expected in html and other not in html
