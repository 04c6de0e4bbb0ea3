"""The board: cards by stage with column totals; a move is the deal page's versioned stage save."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.deals.models import ChangeRecord, Opportunity
from tests.pipeline.conftest import names
from tests.web.factories import make_deal

pytestmark = pytest.mark.django_db


def _move(client: Any, deal: Opportunity, stage: str, version: int | None = None) -> Any:
    return client.post(f"/pipeline/board/{deal.pk}/stage/",
                       {"stage": stage, "version": deal.version if version is None else version},
                       HTTP_HX_REQUEST="true")


@pytest.mark.parametrize(("member", "expected"), [
    ("rep_a", {"恒锐精密 排产系统", "深圳 共享项目"}), ("manager_a", {"恒锐精密 排产系统", "苏州 仓储改造"})])
def test_the_board_shows_the_deals_one_may_see_by_stage(deals: Any, cast: Any, login: Any, member: str,
                                                        expected: set[str]) -> None:
    response = login(cast.member(member)).get("/pipeline/board/")
    assert response.status_code == 200
    assert names(response) == expected
    text = response.content.decode()
    assert 'data-stage="develop"' in text and "board.js" in text
    assert "2 个商机 · ¥2,400,000" in text  # the develop column's total


def test_moving_a_card_saves_the_stage_records_history_and_shows_the_gate(deals: Any, cast: Any,
                                                                          login: Any) -> None:
    deal = deals.mine
    response = _move(login(cast.rep_a), deal, "commit")
    assert response.status_code == 200
    assert response["HX-Trigger"] == "pipeline-moved"
    moved = Opportunity.objects.get(pk=deal.pk)
    assert (moved.stage, moved.version) == ("commit", deal.version + 1)
    assert ChangeRecord.objects.filter(opportunity=deal, field="opportunity.stage", old="develop",
                                       new="commit").exists()
    assert moved.stage_since > deal.stage_since
    text = response.content.decode()
    assert 'data-stage="commit"' in text
    assert "阶段超前于证据" in text  # an empty deal is far from the commit gate
    assert moved.score is not None


def test_a_move_from_a_stale_board_is_refused_with_the_newer_state(deals: Any, cast: Any, login: Any) -> None:
    deal = deals.mine
    client = login(cast.rep_a)
    assert _move(client, deal, "propose").status_code == 200
    response = _move(client, deal, "lost", version=deal.version)  # the board still had the old version
    assert response.status_code == 409
    assert Opportunity.objects.get(pk=deal.pk).stage == "propose"
    text = response.content.decode()
    assert 'data-stage="propose"' in text and 'role="alert"' in text


@pytest.mark.parametrize("data", [{"stage": "heaven", "version": "1"}, {"stage": "won", "version": "x"},
                                  {"stage": "won"}])
def test_a_bad_move_is_refused_and_changes_nothing(deals: Any, cast: Any, login: Any, data: dict[str, str]) -> None:
    response = login(cast.rep_a).post(f"/pipeline/board/{deals.mine.pk}/stage/", data)
    assert response.status_code == 400
    deal = Opportunity.objects.get(pk=deals.mine.pk)
    assert (deal.stage, deal.version) == ("develop", deals.mine.version)


@pytest.mark.parametrize("member", ["teammate_a", "rep_b"])
def test_a_card_one_may_not_see_cannot_be_moved(deals: Any, cast: Any, login: Any, member: str) -> None:
    assert _move(login(cast.member(member)), deals.mine, "won").status_code == 404
    assert Opportunity.objects.get(pk=deals.mine.pk).stage == "develop"


def test_a_manager_moves_a_teammates_card(deals: Any, cast: Any, login: Any) -> None:
    assert _move(login(cast.manager_a), deals.teammates, "propose").status_code == 200
    assert Opportunity.objects.get(pk=deals.teammates.pk).stage == "propose"


def test_the_board_runs_a_bounded_number_of_queries(cast: Any, login: Any,
                                                    django_assert_max_num_queries: Any) -> None:
    for n in range(40):
        make_deal(owner=cast.rep_a, stage=("lead", "qualify", "develop", "propose", "negotiate", "commit")[n % 6])
    client = login(cast.manager_a)
    client.get("/pipeline/board/")
    with django_assert_max_num_queries(14):  # login 3, choices 2, one per stage column (6), totals 2
        assert client.get("/pipeline/board/").status_code == 200
