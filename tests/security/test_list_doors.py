"""The pages without an id that show deals (home, score history, lists, pipeline): another
team's user finds none of team A's deal there, the owner does, and reading them writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from dealpilot.accounts.models import Role
from tests.security.doors import LIST_DOORS
from tests.security.routes import all_routes
from tests.security.world import World, browser, dump, make_world
from tests.web.factories import make_user


@pytest.fixture
def world(cast: Any) -> World:
    return make_world(cast)


def _texts(client: Any) -> dict[str, str]:
    out = {}
    for name in LIST_DOORS:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        out[name] = response.content.decode()
    return out


def test_every_list_door_is_a_route() -> None:
    assert set(LIST_DOORS) <= {r.name for r in all_routes()}


@pytest.mark.parametrize("who", ["rep_b", "manager_b"])
def test_another_team_finds_nothing_of_team_a_on_any_list_door(world: World, who: str) -> None:
    user = world.cast.rep_b if who == "rep_b" else make_user("manager_b", team=world.cast.team_b, role=Role.MANAGER)
    client = browser(user)
    before = dump()
    found = [name for name, text in _texts(client).items() if world.deal.name in text or world.account.name in text]
    assert not found, f"{who} saw team A's deal on: {found}"
    assert dump() == before


def test_the_owner_finds_the_deal_where_it_belongs_and_nothing_is_written(world: World) -> None:
    client = browser(world.cast.rep_a)
    before = dump()
    texts = _texts(client)
    assert world.deal.name in texts["deal_list"] and world.deal.name in texts["pipeline"]
    assert dump() == before
