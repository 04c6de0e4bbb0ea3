"""The change history reads as words: labels, people's names, status words, local times, one
entry per save — in Chinese and in English."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from dealpilot.deals import models as m
from tests.workspace.helpers import first_criterion, furnish, post, version


@pytest.fixture
def edited(cast: Any, login: Any) -> Any:
    cast.rep_a.first_name, cast.rep_a.last_name = "磊", "王"
    cast.rep_a.save()
    people = furnish(cast.deal)
    client = login(cast.rep_a)
    cid = first_criterion(cast.deal)
    assert post(client, "workspace_answer", [cast.deal.pk, cid],
                {"status": "yes", "evidence": "周总在评审会上确认", "source": people["boss"].pk,
                 "date": "2026-03-04", "version": version(cast.deal)}).status_code == 200
    assert post(client, "workspace_block", [cast.deal.pk, "budget"],
                {"budget_status": "allocated", "budget_amount": "", "budget_applicant": people["user"].pk,
                 "budget_approver": "", "budget_deadline": "", "version": version(cast.deal)}).status_code == 200
    return client


def _history(client: Any, deal: m.Opportunity, lang: str) -> str:
    html = client.get(reverse("deal_history", args=[deal.pk]), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    return re.sub(r"\s+", " ", html)


def test_history_in_chinese_names_people_and_speaks_status_words(cast: Any, edited: Any) -> None:
    html = _history(edited, cast.deal, "zh-hans")
    assert "王磊" in html and "rep_a" not in html
    assert "已到位" in html  # budget "allocated" as a word
    assert ">是<" in html and "李娜" in html and "周建国" in html
    for raw in ("budget.status", "answers.", ">yes<", ">allocated<", "budget.applicant", ">li<", ">zhou<"):
        assert raw not in html, raw
    assert "预算" in html and "状态" in html


def test_history_in_english_uses_labels_and_words(cast: Any, edited: Any) -> None:
    html = _history(edited, cast.deal, "en")
    assert "Budget · Budget status" in html and "Allocated" in html and "Yes" in html
    assert "Budget · Applicant" in html and "李娜" in html
    assert "budget.status" not in html and ">allocated<" not in html


def test_one_entry_per_save(cast: Any, edited: Any) -> None:
    html = _history(edited, cast.deal, "en")
    # Two saves: the answer (status, evidence, source, date) and the budget (status, applicant).
    assert html.count('class="dp-history-save"') == 2
    assert html.split("<main")[1].count("王磊") == 2


def test_times_are_shown_in_the_configured_time_zone(cast: Any, login: Any, settings: Any) -> None:
    settings.TIME_ZONE = "Asia/Shanghai"
    record = m.ChangeRecord.objects.create(opportunity=cast.deal, user=cast.rep_a, version=2, field="budget.status",
                                           old="planned", new="approved")
    m.ChangeRecord.objects.filter(pk=record.pk).update(at=dt.datetime(2026, 3, 4, 23, 30, tzinfo=dt.UTC))
    html = _history(login(cast.rep_a), cast.deal, "en")
    assert "2026-03-05T07:30:00+08:00" in html  # 23:30 UTC is 07:30 the next morning in Shanghai
    assert "7:30" in html and "11:30" not in html and "23:30" not in html
    assert timezone.get_current_timezone_name() == "Asia/Shanghai"


def test_the_demo_load_is_recorded_as_the_demo(cast: Any, login: Any) -> None:
    from dealpilot.deals.history import DEMO

    m.ChangeRecord.objects.create(opportunity=cast.deal, user=None, version=1, field="created", new=DEMO)
    client = login(cast.rep_a)
    assert "示例数据" in _history(client, cast.deal, "zh-hans")
    en = _history(client, cast.deal, "en")
    assert "Demo data" in en and "Deal created" in en and "rep_a" not in en.split("<main")[1]


def test_rows_and_people_are_worded_too(cast: Any, login: Any) -> None:
    from dealpilot.deals.history import record_change

    furnish(cast.deal)
    cast.deal.version = 5
    record_change(cast.deal, cast.rep_a, "stakeholders[0].attitude", "neutral", "champion")
    record_change(cast.deal, cast.rep_a, "stakeholders[0].roles", ["decider"], ["decider", "user"])
    record_change(cast.deal, cast.rep_a, "stakeholders[1].reports_to", None, "zhou")
    record_change(cast.deal, cast.rep_a, "pains[1]", None, {"text": "库存积压", "category": "save_money", "owner": "li"})
    record_change(cast.deal, cast.rep_a, "value[0].agreed", False, True)
    html = _history(login(cast.rep_a), cast.deal, "en")
    assert "Stakeholder 1 · Attitude" in html and "Neutral" in html and "Champion" in html
    assert "Stakeholder 2 · Reports to" in html and "周建国" in html
    assert "Pain 2" in html and "库存积压" in html and "Save money" in html and "Owner: 李娜" in html
    assert "Value item 1 · Agreed" in html and ">no<" in html and ">yes<" in html
    assert "zhou" not in html.split("<main")[1] and "save_money" not in html
