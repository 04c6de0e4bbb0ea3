"""The pipeline table: who sees which deals, the filters in the URL, sorting, paging, queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from dealpilot.deals.models import Opportunity
from dealpilot.pipeline.sorting import order_by
from tests.pipeline.conftest import names
from tests.web.factories import make_deal

pytestmark = pytest.mark.django_db

OPEN_NAMES = {"恒锐精密 排产系统", "苏州 仓储改造", "广州 秘密项目", "深圳 共享项目"}


@pytest.mark.parametrize(("member", "expected"), [
    ("rep_a", {"恒锐精密 排产系统", "深圳 共享项目"}),
    ("teammate_a", {"苏州 仓储改造"}),
    ("manager_a", {"恒锐精密 排产系统", "苏州 仓储改造"}),
    ("rep_b", {"广州 秘密项目", "深圳 共享项目"}),
    ("admin", OPEN_NAMES),
])
def test_each_user_sees_the_open_deals_they_may_see(deals: Any, cast: Any, login: Any, member: str,
                                                     expected: set[str]) -> None:
    response = login(cast.member(member)).get("/pipeline/")
    assert response.status_code == 200
    assert names(response) == expected


def test_won_deals_show_only_when_asked_for(deals: Any, cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    assert names(client.get("/pipeline/?status=won")) == {"已赢 项目"}
    assert names(client.get("/pipeline/?status=all")) == {"恒锐精密 排产系统", "深圳 共享项目", "已赢 项目"}


def test_filters_by_stage_owner_amount_and_close_period(deals: Any, cast: Any, login: Any) -> None:
    today = timezone.localdate()
    Opportunity.objects.filter(pk=deals.mine.pk).update(stage="propose", amount=5_000_000, close_date=today)
    Opportunity.objects.filter(pk=deals.teammates.pk).update(close_date=today + dt.timedelta(days=200))
    client = login(cast.manager_a)
    assert names(client.get("/pipeline/?stage=propose")) == {"恒锐精密 排产系统"}
    assert names(client.get(f"/pipeline/?owner={cast.teammate_a.pk}")) == {"苏州 仓储改造"}
    assert names(client.get("/pipeline/?amount_min=2000000")) == {"恒锐精密 排产系统"}
    assert names(client.get("/pipeline/?period=this_month")) == {"恒锐精密 排产系统"}
    assert names(client.get("/pipeline/?period=this_quarter")) == {"恒锐精密 排产系统"}
    far = (today + dt.timedelta(days=150)).isoformat()
    assert names(client.get(f"/pipeline/?period=custom&close_from={far}")) == {"苏州 仓储改造"}


def test_filters_by_score_band_flag_and_staleness(deals: Any, cast: Any, login: Any) -> None:
    Opportunity.objects.filter(pk=deals.mine.pk).update(score=82, flag_count=1, flag_ids=" no_mutual_plan ")
    Opportunity.objects.filter(pk=deals.teammates.pk).update(
        score=35, flag_count=2, flag_ids=" no_decider_access pain_stale ",
        updated_at=timezone.now() - dt.timedelta(days=40))
    client = login(cast.manager_a)
    assert names(client.get("/pipeline/?band=strong")) == {"恒锐精密 排产系统"}
    assert names(client.get("/pipeline/?band=weak")) == {"苏州 仓储改造"}
    assert names(client.get("/pipeline/?flag=any")) == {"恒锐精密 排产系统", "苏州 仓储改造"}
    assert names(client.get("/pipeline/?flag=no_decider_access")) == {"苏州 仓储改造"}
    assert names(client.get("/pipeline/?stale=30")) == {"苏州 仓储改造"}


@pytest.mark.parametrize("query", ["stage=nope", "amount_min=abc", "stale=0", "period=custom",
                                   "close_from=2026-05-01&close_to=2026-04-01", "amount_min=9&amount_max=1",
                                   "sort=password", "page=0", "band=purple", "flag=made_up"])
def test_bad_filters_are_refused_and_list_nothing(deals: Any, cast: Any, login: Any, query: str) -> None:
    response = login(cast.admin).get(f"/pipeline/?{query}")
    assert response.status_code == 400
    assert names(response) == set()
    assert 'role="alert"' in response.content.decode()


def test_a_user_outside_ones_deals_is_no_owner_choice(deals: Any, cast: Any, login: Any) -> None:
    response = login(cast.manager_a).get(f"/pipeline/?owner={cast.rep_b.pk}")
    assert response.status_code == 400
    assert names(response) == set()
    assert "rep_b" not in response.content.decode()


@pytest.mark.parametrize("sort", ["account", "-account", "deal", "-deal", "owner", "-owner", "stage", "-stage",
                                  "days", "-days", "amount", "-amount", "close", "-close", "score", "-score",
                                  "flag", "-flag", "evidence", "-evidence"])
def test_every_column_sorts(deals: Any, cast: Any, login: Any, sort: str) -> None:
    response = login(cast.admin).get(f"/pipeline/?sort={sort}")
    assert response.status_code == 200
    assert names(response) == OPEN_NAMES


def test_sorted_by_score_highest_first_and_back(deals: Any, cast: Any, login: Any) -> None:
    Opportunity.objects.filter(pk=deals.mine.pk).update(score=90)
    Opportunity.objects.filter(pk=deals.teammates.pk).update(score=20)
    client = login(cast.manager_a)
    text = client.get("/pipeline/?sort=-score").content.decode()
    assert text.index("恒锐精密 排产系统") < text.index("苏州 仓储改造")
    text = client.get("/pipeline/?sort=score").content.decode()
    assert text.index("苏州 仓储改造") < text.index("恒锐精密 排产系统")


def test_pages_of_fifty_keep_the_filters(cast: Any, login: Any) -> None:
    for n in range(55):
        make_deal(owner=cast.rep_a, name=f"批量 {n:02d}", amount=1000 + n)
    client = login(cast.rep_a)
    first = client.get("/pipeline/?sort=amount&amount_min=1000").content.decode()
    assert "批量 00" in first and "批量 54" not in first
    assert "sort=amount&amp;amount_min=1000&page=2" in first
    last = client.get("/pipeline/?sort=amount&amount_min=1000&page=2").content.decode()
    assert "批量 54" in last and "批量 00" not in last


def test_a_row_shows_owner_name_days_in_stage_overdue_trend_flag_and_evidence(deals: Any, cast: Any,
                                                                             login: Any) -> None:
    cast.rep_a.first_name, cast.rep_a.last_name = "明", "王"
    cast.rep_a.save()
    Opportunity.objects.filter(pk=deals.mine.pk).update(
        score=64, previous_score=50, top_flag="no_decider_access", top_flag_severity="high", evidence_share=35,
        close_date=timezone.localdate() - dt.timedelta(days=3), stage_since=timezone.now() - dt.timedelta(days=12))
    text = login(cast.manager_a).get("/pipeline/").content.decode()
    assert "明 王" in text or "王明" in text or "明王" in text
    assert "12 天" in text
    assert "已逾期" in text
    assert "↑" in text
    assert "未接触决策者" in text
    assert "证据占 35%" in text


def test_the_page_in_english(deals: Any, cast: Any, login: Any) -> None:
    text = login(cast.manager_a).get("/pipeline/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Pipeline" in text and "Most severe flag" in text


def test_the_table_runs_a_fixed_number_of_queries(cast: Any, login: Any,
                                                   django_assert_max_num_queries: Any) -> None:
    for n in range(60):
        make_deal(owner=cast.rep_a, name=f"批量 {n:02d}")
    client = login(cast.manager_a)
    client.get("/pipeline/")
    with django_assert_max_num_queries(9):
        assert client.get("/pipeline/?sort=-score&q=批量").status_code == 200


@pytest.mark.parametrize("sort", ["amount", "-amount", "days", "-stage"])
def test_every_page_holds_its_rows_in_order_up_to_the_last(cast: Any, login: Any, sort: str) -> None:
    # Pages past the middle are read from the other end of the order; they must hold the same rows.
    for n in range(130):
        make_deal(owner=cast.rep_a, name=f"批量 {n:03d}", amount=1000 + n % 7, stage=("develop", "propose")[n % 2],
                  stage_since=timezone.now() - dt.timedelta(days=n % 5))
    client = login(cast.rep_a)
    shown = []
    for page in (1, 2, 3):
        text = client.get(f"/pipeline/?sort={sort}&amount_min=1000&amount_max=2000&page={page}").content.decode()
        shown += sorted((text.index(f"批量 {n:03d}"), n) for n in range(130) if f"批量 {n:03d}<" in text)
    ordered = [n for _, n in shown]
    assert sorted(ordered) == list(range(130))
    expected = [d.name for d in Opportunity.objects.filter(owner=cast.rep_a, amount__gte=1000, amount__lte=2000).order_by(
        *order_by(sort))]
    assert [f"批量 {n:03d}" for n in ordered] == expected


def test_owners_are_named_family_name_first_in_rows_cards_and_the_owner_filter(cast: Any, login: Any) -> None:
    cast.rep_a.last_name, cast.rep_a.first_name = "王", "磊"
    cast.rep_a.save()
    make_deal(owner=cast.rep_a, name="名字测试商机")
    client = login(cast.rep_a)
    table = client.get("/pipeline/").content.decode()
    board = client.get("/pipeline/board/").content.decode()
    assert "<td>王磊</td>" in table and "王磊" in board
    assert "磊 王" not in table + board
