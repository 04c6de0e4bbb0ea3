"""A manager's home page: the team's open pipeline by stage and by rep and the flags holding it
back; an admin's: the same over every team, and by team. Never a deal the user may not see."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.deals.models import Opportunity
from tests.home.helpers import block
from tests.web.factories import make_deal

pytestmark = pytest.mark.django_db


def _flag(deal: Any, *ids: str, score: float = 50) -> None:
    Opportunity.objects.filter(pk=deal.pk).update(flag_ids=f" {' '.join(ids)} " if ids else "", flag_count=len(ids),
                                                  score=score)


def test_manager_sees_the_teams_open_deals_by_stage_with_links_into_the_pipeline(deals: Any, cast: Any,
                                                                                  login: Any) -> None:
    Opportunity.objects.filter(pk=deals.teammates.pk).update(stage="propose", amount=300_000)
    response = login(cast.manager_a).get("/home/")
    assert response.status_code == 200
    stages = block(response, "team-stages")
    # team A: rep_a's develop deal (1,200,000) and teammate's propose deal (300,000); the won deal is not open
    assert 'href="/pipeline/?stage=develop"' in stages and "¥1,200,000" in stages
    assert 'href="/pipeline/?stage=propose"' in stages and "¥300,000" in stages
    assert "2 个进行中商机" in response.content.decode()


def test_by_rep_names_the_teams_reps_and_links_to_their_deals(deals: Any, cast: Any, login: Any) -> None:
    reps = block(login(cast.manager_a).get("/home/"), "team-reps")
    assert f'href="/pipeline/?owner={cast.rep_a.pk}"' in reps
    assert f'href="/pipeline/?owner={cast.teammate_a.pk}"' in reps
    assert f"?owner={cast.rep_b.pk}\"" not in reps and "rep_b" not in reps


def test_the_flags_that_hold_most_deals_back_come_first(deals: Any, cast: Any, login: Any) -> None:
    _flag(deals.mine, "no_decider_access", "pain_stale")
    _flag(deals.teammates, "no_decider_access")
    _flag(deals.other_team, "single_threaded", "value_unquantified")  # team B: not counted for manager A
    flags = block(login(cast.manager_a).get("/home/"), "team-flags")
    assert flags.index("?flag=no_decider_access") < flags.index("?flag=pain_stale")
    assert "single_threaded" not in flags and "value_unquantified" not in flags
    assert ">2<" in flags and "100%" in flags


def test_admin_sees_every_team_and_each_team_apart(deals: Any, cast: Any, login: Any) -> None:
    response = login(cast.admin).get("/home/")
    text = response.content.decode()
    assert "全部团队" in text and "4 个进行中商机" in text
    teams = block(response, "team-teams")
    assert f"?team={cast.team_a.pk}\"" in teams and f"?team={cast.team_b.pk}\"" in teams
    assert f"?owner={cast.rep_b.pk}\"" in block(response, "team-reps")


def test_a_rep_gets_their_week_not_the_team_summary(deals: Any, cast: Any, login: Any) -> None:
    text = login(cast.rep_a).get("/home/").content.decode()
    assert "我的一周" in text and 'id="team-reps"' not in text


def test_the_summary_is_in_english_for_an_english_user(deals: Any, cast: Any, login: Any) -> None:
    text = login(cast.manager_a).get("/home/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Team pipeline" in text and "What holds the deals back" in text and "2 open deals" in text


def test_a_currency_without_a_rate_is_counted_apart_never_summed(deals: Any, cast: Any, login: Any) -> None:
    make_deal(owner=cast.rep_a, amount=10_000, currency="EUR")
    text = login(cast.manager_a).get("/home/").content.decode()
    assert "EUR" in text and "€10,000" in text
    assert "¥1,200,000" in block(login(cast.manager_a).get("/home/"), "team-reps")  # rep_a's CNY only


@pytest.mark.parametrize("member", ["manager_a", "admin"])
def test_the_summary_runs_the_same_queries_for_few_deals_or_many(cast: Any, login: Any, member: str,
                                                                 django_assert_num_queries: Any) -> None:
    client = login(cast.member(member))
    make_deal(owner=cast.rep_a)
    client.get("/home/")
    queries = SUMMARY_QUERIES[member]
    with django_assert_num_queries(queries):
        client.get("/home/")
    for n in range(12):
        make_deal(owner=cast.teammate_a if n % 2 else cast.rep_a, stage="propose" if n % 3 else "commit")
    with django_assert_num_queries(queries):
        assert client.get("/home/").status_code == 200


# session 1, user 1; the exchange rates 1; one GROUP BY for stages, reps, teams and flags 1;
# the workspace's stages (which team playbook versions are published) 1
SUMMARY_QUERIES = {"manager_a": 5, "admin": 5}
