"""Accounts, contacts, users, teams, assessment and totals: visible as on the pages; admins write."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.accounts.models import Team
from tests.api.factory import full_deal
from tests.security.world import dump
from tests.web.conftest import Cast
from tests.web.factories import make_deal


def test_accounts_and_contacts_open_to_those_who_see_one_of_their_deals(api_as: Any, cast: Cast) -> None:
    deal = full_deal(cast.rep_a)
    contact = deal.stakeholders.first().contact
    mine = api_as("rep_a")
    assert [a["id"] for a in mine.get("accounts").json()["items"]] == sorted({cast.deal.account_id, deal.account_id})
    account = mine.get(f"accounts/{deal.account_id}").json()
    assert contact.name in [c["name"] for c in account["contacts"]]
    assert mine.get(f"contacts/{contact.pk}").json()["deals"] == [deal.pk]
    other = api_as("rep_b")
    assert other.get("accounts").json()["items"] == []
    assert other.get(f"accounts/{deal.account_id}").status_code == 404
    assert other.get(f"contacts/{contact.pk}").status_code == 404


def test_only_admins_rename_accounts_and_contacts(api_as: Any, cast: Cast) -> None:
    account = cast.deal.account
    before = dump()
    assert api_as("rep_a").patch(f"accounts/{account.pk}", {"name": "新名字"}).status_code == 403
    assert api_as("rep_b").patch(f"accounts/{account.pk}", {"name": "新名字"}).status_code == 404
    assert dump() == before
    response = api_as("admin").patch(f"accounts/{account.pk}", {"name": "新名字有限公司"})
    assert response.status_code == 200 and response.json()["name"] == "新名字有限公司"


def test_users_see_their_team_and_admins_everyone(api_as: Any, cast: Cast) -> None:
    names = {u["username"] for u in api_as("rep_a").get("users").json()}
    assert names == {"rep_a", "teammate_a", "manager_a"}
    assert api_as("rep_a").get(f"users/{cast.rep_b.pk}").status_code == 404
    assert api_as("rep_a").get(f"teams/{cast.team_b.pk}").status_code == 404
    assert [t["name"] for t in api_as("rep_a").get("teams").json()] == ["华东大区"]
    assert len(api_as("admin").get("users").json()) == 5


def test_only_admins_change_users_and_teams(api_as: Any, cast: Cast) -> None:
    before = dump()
    assert api_as("manager_a").patch(f"users/{cast.rep_a.pk}", {"role": "manager"}).status_code == 403
    assert api_as("manager_a").post("teams", {"name": "新团队"}).status_code == 403
    assert api_as("manager_a").patch(f"teams/{cast.team_a.pk}", {"name": "改名"}).status_code == 403
    assert api_as("admin").patch(f"users/{cast.rep_a.pk}", {"role": "boss", "team_id": 999}).status_code == 422
    assert dump() == before
    moved = api_as("admin").patch(f"users/{cast.rep_a.pk}", {"team_id": cast.team_b.pk, "role": "manager"})
    assert moved.status_code == 200 and moved.json()["team_id"] == cast.team_b.pk
    created = api_as("admin").post("teams", {"name": "西北大区"})
    assert created.status_code == 201 and Team.objects.filter(name="西北大区").exists()
    assert api_as("admin").post("teams", {"name": "西北大区"}).status_code == 422


@pytest.mark.parametrize("query, header, word", [("?lang=en", "", "Pain"), ("?lang=zh", "en", "痛点"),
                                                 ("", "en-US,en;q=0.9", "Pain"), ("", "zh-CN", "痛点")])
def test_the_assessment_speaks_the_language_asked_for(api_as: Any, cast: Cast, query: str, header: str,
                                                      word: str) -> None:
    deal = full_deal(cast.rep_a)
    response = api_as("rep_a").get(f"deals/{deal.pk}/assessment{query}", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    body = response.json()
    assert body["dimensions"]["pain"]["name"] == word
    assert {"score", "flags", "call_plan", "intro_paths", "stage_check", "next_questions"} <= set(body)


def test_the_assessment_of_another_teams_deal_is_404(api_as: Any, cast: Cast) -> None:
    assert api_as("rep_b").get(f"deals/{cast.deal.pk}/assessment").status_code == 404


def test_totals_count_only_visible_deals_and_take_the_filters(api_as: Any, cast: Cast) -> None:
    make_deal(owner=cast.rep_b, amount=5_000_000)
    body = api_as("rep_a").get("pipeline/totals").json()
    assert body["overall"]["count"] == 1 and body["by_stage"]["develop"]["count"] == 1
    assert api_as("rep_a").get("pipeline/totals?stage=won").json()["overall"]["count"] == 0
    assert api_as("rep_a").get("pipeline/totals?band=huge").status_code == 422


def test_a_nul_character_is_422_not_a_database_error(api_as: Any, cast: Cast) -> None:
    """PostgreSQL refuses NUL in text; the API refuses it first, naming the field."""
    before = dump()
    for path, body in ((f"teams/{cast.team_a.pk}", {"name": "a\x00b"}), (f"users/{cast.rep_a.pk}", {"first_name": "\x00"}),
                       (f"accounts/{cast.deal.account_id}", {"name": "x\x00"})):
        response = api_as("admin").patch(path, body)
        assert response.status_code == 422, path
        assert "NUL" in response.json()["problems"][0]["message"]
    response = api_as("rep_a").patch(f"deals/{cast.deal.pk}", {"version": 1, "owner": "rep\x00_a"})
    assert response.status_code == 422
    assert dump() == before
