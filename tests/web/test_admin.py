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


def _visible_words(html: str) -> str:
    """The page's text without markup, scripts and the logins and data it lists."""
    import re

    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"<[^>]+>", " ", html)


def test_admin_index_and_changelists_are_all_chinese(cast: Any, login: Any) -> None:
    import re

    client = login(cast.admin)
    index = _visible_words(client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode())
    assert "用户与团队" in index and "团队" in index and "用户" in index
    for english in ("Accounts", "Teams", "Users", "Profiles", "Groups", "Authentication"):
        assert english not in index, english
    for url, heads in (("/admin/accounts/team/", ["名称", "成员"]), ("/admin/auth/user/", ["用户名", "姓名", "团队", "角色"])):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        columns = " ".join(re.findall(r'(?s)<th scope="col".*?</th>', page))
        for head in heads:
            assert head in columns, (url, head)
        assert not re.search(r"[A-Za-z]{3,}", _visible_words(columns)), (url, _visible_words(columns))
        title = re.search(r"(?s)<h1>(.*?)</h1>", page)
        assert title and not re.search(r"[A-Za-z]{3,}", title.group(1)), title


def test_the_user_changelist_shows_full_names(cast: Any, login: Any) -> None:
    cast.rep_a.first_name, cast.rep_a.last_name = "磊", "王"
    cast.rep_a.save()
    page = login(cast.admin).get("/admin/auth/user/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "王磊" in page


def test_the_user_page_offers_roles_not_english_permission_codes(cast: Any, login: Any) -> None:
    page = login(cast.admin).get(f"/admin/auth/user/{cast.rep_a.pk}/change/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = page.content.decode()
    assert page.status_code == 200 and "团队与角色" in html
    assert "Can add" not in html and 'name="user_permissions"' not in html and 'name="groups"' not in html
