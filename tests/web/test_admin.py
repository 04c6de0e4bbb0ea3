"""Admins manage users and teams; nobody else reaches those pages."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.accounts.models import Team


def test_admin_sees_users_and_teams_with_roles(cast: Any, login: Any) -> None:
    client = login(cast.admin)
    users = client.get("/admin/auth/user/", HTTP_ACCEPT_LANGUAGE="en")
    assert users.status_code == 200
    assert b"rep_a" in users.content and b"Manager" in users.content
    team = client.get(f"/admin/accounts/team/{cast.team_a.pk}/change/", HTTP_ACCEPT_LANGUAGE="en")
    assert team.status_code == 200 and b"teammate_a" in team.content


def test_admin_creates_a_team(cast: Any, login: Any) -> None:
    client = login(cast.admin)
    response = client.post("/admin/accounts/team/add/", {
        "name": "西南大区", "members-TOTAL_FORMS": "0", "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "1000"})
    assert response.status_code == 302
    assert Team.objects.filter(name="西南大区").exists()


@pytest.mark.parametrize("who", ["rep_a", "manager_a", "rep_b"])
def test_nobody_but_an_admin_reaches_user_management(cast: Any, login: Any, who: str) -> None:
    client = login(cast.member(who))
    for url in ("/admin/", "/admin/auth/user/", f"/admin/accounts/team/{cast.team_a.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    before = Team.objects.count()
    client.post("/admin/accounts/team/add/", {"name": "偷偷建的团队"})
    assert Team.objects.count() == before


def test_the_navigation_offers_user_management_only_to_admins(cast: Any, login: Any) -> None:
    assert "/admin/" in login(cast.admin).get("/deals/").content.decode()
    assert "/admin/" not in login(cast.rep_a).get("/deals/").content.decode()
