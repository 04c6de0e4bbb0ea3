"""A rep's home page, "my week": what is due in the next 7 days with a call plan for each deal,
pain evidence going stale, deals gone quiet — only ever deals the rep may see."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from dealpilot.deals.models import Opportunity, Pain, PlanStep
from tests.home.helpers import block, in_every_block, names_in, with_meeting
from tests.web.factories import make_deal, make_stakeholder

pytestmark = pytest.mark.django_db

BLOCKS = ("week-due", "week-pain", "week-quiet")


@pytest.fixture
def everywhere(deals: Any) -> Any:
    for deal in (deals.mine, deals.teammates, deals.other_team, deals.shared, deals.won):
        in_every_block(deal)
    return deals


@pytest.mark.parametrize(("member", "expected"), [
    ("rep_a", {"恒锐精密 排产系统", "深圳 共享项目"}),
    ("teammate_a", {"苏州 仓储改造"}),
    ("rep_b", {"广州 秘密项目", "深圳 共享项目"}),
])
def test_each_block_holds_the_reps_own_and_shared_open_deals_only(everywhere: Any, cast: Any, login: Any,
                                                                  member: str, expected: set[str]) -> None:
    response = login(cast.member(member)).get("/home/")
    assert response.status_code == 200
    for section in BLOCKS:
        assert names_in(block(response, section)) == expected, section
    assert "已赢 项目" not in response.content.decode()


def test_a_meeting_or_step_counts_only_if_due_within_seven_days_and_not_done(deals: Any, cast: Any,
                                                                             login: Any) -> None:
    today = timezone.localdate()
    PlanStep.objects.create(opportunity=deals.mine, step="签约", due=today + dt.timedelta(days=8))
    with_meeting(deals.mine, 1, status="done")
    with_meeting(deals.mine, -1)
    client = login(cast.rep_a)
    assert names_in(block(client.get("/home/"), "week-due")) == set()
    with_meeting(deals.shared, 7)
    due = block(client.get("/home/"), "week-due")
    assert names_in(due) == {"深圳 共享项目"} and "方案演示" in due


def test_each_deal_due_this_week_has_its_call_plan(deals: Any, cast: Any, login: Any) -> None:
    in_every_block(deals.mine)
    make_stakeholder(deals.mine, name="徐伟", access="regular", attitude="supporter", roles=["initiator"])
    due = block(login(cast.rep_a).get("/home/"), "week-due")
    assert "联合评估工作坊" in due
    assert "下次与 徐伟 会面" in due
    assert due.count("<li>") >= 2  # the week's step, then at least one question


def test_the_call_plan_is_in_english_for_an_english_user(deals: Any, cast: Any, login: Any) -> None:
    in_every_block(deals.mine)
    make_stakeholder(deals.mine, name="Wei Xu", access="regular", attitude="supporter", roles=["initiator"])
    due = block(login(cast.rep_a).get("/home/", HTTP_ACCEPT_LANGUAGE="en"), "week-due")
    assert "Next meeting with Wei Xu" in due


def test_pain_goes_in_the_stale_block_two_weeks_before_its_window_ends(deals: Any, cast: Any, login: Any) -> None:
    today = timezone.localdate()
    client = login(cast.rep_a)
    Pain.objects.create(opportunity=deals.mine, text="新鲜的痛", category="save_money",
                        confirmed_on=today - dt.timedelta(days=30))  # ppvvcc: fresh for 45 days
    assert names_in(block(client.get("/home/"), "week-pain")) == set()
    Pain.objects.create(opportunity=deals.shared, text="快过期的痛", category="save_money",
                        confirmed_on=today - dt.timedelta(days=31))
    pain = block(client.get("/home/"), "week-pain")
    assert names_in(pain) == {"深圳 共享项目"}
    assert "14 天后" in pain


def test_a_deal_changed_recently_is_not_quiet(deals: Any, cast: Any, login: Any) -> None:
    Opportunity.objects.filter(pk=deals.mine.pk).update(updated_at=timezone.now() - dt.timedelta(days=20))
    Opportunity.objects.filter(pk=deals.shared.pk).update(updated_at=timezone.now() - dt.timedelta(days=22))
    quiet = block(login(cast.rep_a).get("/home/"), "week-quiet")
    assert names_in(quiet) == {"深圳 共享项目"}
    assert 'href="/pipeline/?stale=21"' in quiet


def test_the_week_runs_the_same_number_of_queries_for_two_deals_or_ten(cast: Any, login: Any,
                                                                       django_assert_num_queries: Any) -> None:
    client = login(cast.rep_a)

    def add(n: int) -> None:
        for _ in range(n):
            deal = in_every_block(make_deal(owner=cast.rep_a))
            with_meeting(deal, 3)
            make_stakeholder(deal, access="met", attitude="neutral")

    add(2)
    client.get("/home/")
    with django_assert_num_queries(QUERIES):
        assert client.get("/home/").status_code == 200
    add(8)
    with django_assert_num_queries(QUERIES + 3):  # the blocks are full now: each counts its deals
        assert client.get("/home/").status_code == 200


# session 1, user 1 (with the profile); the deals due: the first ones 1 and their ten lists 10
# (activities included); the pain block's rows 1; the quiet block's rows 1; the workspace's stage
# names (which team playbook versions are published) 1. Nothing per deal.
QUERIES = 16
