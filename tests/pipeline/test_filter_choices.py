"""The owner and team options of the filters: exactly the people and teams of the deals one may see."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.deals.models import Opportunity
from dealpilot.pipeline.choices import owner_options, team_options
from tests.web.factories import make_deal


@pytest.mark.parametrize("member", ["rep_a", "teammate_a", "manager_a", "rep_b", "admin"])
def test_options_are_the_owners_and_teams_of_the_visible_deals(deals: Any, cast: Any, member: str) -> None:
    user = cast.member(member)
    # A deal of team A owned by someone outside it, and one of rep_a's filed under team B.
    make_deal(owner=cast.rep_b, name="跨区 项目", team=cast.team_a)
    make_deal(owner=cast.rep_a, name="借调 项目", team=cast.team_b)
    visible = Opportunity.objects.visible_to(user)
    assert set(owner_options(user)) == {d.owner for d in visible}
    assert set(team_options(user)) == {d.team for d in visible if d.team is not None}


def test_a_user_without_deals_has_no_options(cast: Any) -> None:
    Opportunity.objects.all().delete()
    assert not owner_options(cast.rep_a).exists()
    assert not team_options(cast.manager_a).exists()
