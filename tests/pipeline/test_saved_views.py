"""Saved named views: one's own, a manager's shared with the team, nobody else's (404)."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.pipeline.models import SavedView
from tests.pipeline.conftest import names

pytestmark = pytest.mark.django_db


def test_saving_the_current_filters_and_opening_them_again(deals: Any, cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    response = client.post("/pipeline/views/", {"name": "恒锐", "query": "q=hrjm&status=open"})
    assert response.status_code == 302 and response["Location"] == "/pipeline/?q=hrjm&status=open"
    view = SavedView.objects.get(owner=cast.rep_a)
    assert (view.name, view.shared_with_team) == ("恒锐", False)
    page = client.get("/pipeline/").content.decode()
    assert f'/pipeline/views/{view.pk}/' in page
    opened = client.get(f"/pipeline/views/{view.pk}/", follow=True)
    assert names(opened) == {"恒锐精密 排产系统"}


def test_a_manager_shares_a_view_with_the_team_only(deals: Any, cast: Any, login: Any) -> None:
    login(cast.manager_a).post("/pipeline/views/", {"name": "A组本季度", "query": "period=this_quarter",
                                                    "shared_with_team": "on"})
    view = SavedView.objects.get(owner=cast.manager_a)
    assert view.shared_with_team and view.team_id == cast.team_a.pk
    assert "A组本季度" in login(cast.teammate_a).get("/pipeline/").content.decode()
    assert login(cast.teammate_a).get(f"/pipeline/views/{view.pk}/").status_code == 302
    assert "A组本季度" not in login(cast.rep_b).get("/pipeline/").content.decode()
    assert login(cast.rep_b).get(f"/pipeline/views/{view.pk}/").status_code == 404


def test_a_shared_view_shows_each_person_only_their_own_deals(deals: Any, cast: Any, login: Any) -> None:
    login(cast.manager_a).post("/pipeline/views/", {"name": "全部", "query": "", "shared_with_team": "on"})
    view = SavedView.objects.get(owner=cast.manager_a)
    opened = login(cast.teammate_a).get(f"/pipeline/views/{view.pk}/", follow=True)
    assert names(opened) == {"苏州 仓储改造"}


def test_a_rep_cannot_share(deals: Any, cast: Any, login: Any) -> None:
    login(cast.rep_a).post("/pipeline/views/", {"name": "我的", "query": "", "shared_with_team": "on"})
    assert SavedView.objects.get(owner=cast.rep_a).shared_with_team is False
    assert "我的" not in login(cast.teammate_a).get("/pipeline/").content.decode()


def test_a_private_view_is_404_for_everyone_else(deals: Any, cast: Any, login: Any) -> None:
    view = SavedView.objects.create(owner=cast.rep_a, team=cast.team_a, name="私人", query="q=hrjm")
    for member in ("teammate_a", "manager_a", "rep_b"):
        assert login(cast.member(member)).get(f"/pipeline/views/{view.pk}/").status_code == 404
    assert login(cast.rep_b).get("/pipeline/views/999999999999999999999/").status_code == 404


def test_only_the_owner_deletes_a_view(deals: Any, cast: Any, login: Any) -> None:
    view = SavedView.objects.create(owner=cast.manager_a, team=cast.team_a, name="共享", shared_with_team=True)
    assert login(cast.teammate_a).post(f"/pipeline/views/{view.pk}/delete/").status_code == 404
    assert SavedView.objects.filter(pk=view.pk).exists()
    assert login(cast.manager_a).post(f"/pipeline/views/{view.pk}/delete/").status_code == 302
    assert not SavedView.objects.filter(pk=view.pk).exists()


@pytest.mark.parametrize("data", [{"name": "  ", "query": ""}, {"name": "x" * 101, "query": ""},
                                  {"name": "重复", "query": ""}])
def test_a_bad_view_is_refused_and_nothing_is_saved(deals: Any, cast: Any, login: Any, data: dict[str, str]) -> None:
    SavedView.objects.create(owner=cast.rep_a, name="重复")
    response = login(cast.rep_a).post("/pipeline/views/", data)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert SavedView.objects.filter(owner=cast.rep_a).count() == 1


def test_opening_a_view_runs_few_queries(cast: Any, login: Any, django_assert_max_num_queries: Any) -> None:
    view = SavedView.objects.create(owner=cast.rep_a, name="v", query="q=x")
    client = login(cast.rep_a)
    with django_assert_max_num_queries(6):  # session, user, profile, the view, session activity
        client.get(f"/pipeline/views/{view.pk}/")


def test_a_query_with_a_line_break_is_stored_encoded(deals: Any, cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    client.post("/pipeline/views/", {"name": "怪", "query": "q=a\r\nSet-Cookie: x=1"})
    view = SavedView.objects.get(owner=cast.rep_a)
    assert "\n" not in view.query
    assert client.get(f"/pipeline/views/{view.pk}/").status_code == 302
