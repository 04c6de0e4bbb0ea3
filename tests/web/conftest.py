"""The named cast every door is checked with: a rep of team A, their teammate and manager,
a rep of team B and an admin — plus rep A's deal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User

from dealpilot.accounts.models import Role, Team
from dealpilot.deals.models import Opportunity
from tests.web.factories import make_deal, make_team, make_user


@dataclass
class Cast:
    team_a: Team
    team_b: Team
    rep_a: User
    teammate_a: User
    manager_a: User
    rep_b: User
    admin: User
    deal: Opportunity

    def member(self, name: str) -> Any:
        return getattr(self, name)


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    # The real hasher is slow on purpose; five logins per test would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cast(db: Any) -> Cast:
    team_a, team_b = make_team("华东大区"), make_team("华南大区")
    rep_a = make_user("rep_a", team=team_a)
    return Cast(
        team_a=team_a, team_b=team_b, rep_a=rep_a,
        teammate_a=make_user("teammate_a", team=team_a),
        manager_a=make_user("manager_a", team=team_a, role=Role.MANAGER),
        rep_b=make_user("rep_b", team=team_b),
        admin=make_user("admin", role=Role.ADMIN),
        deal=make_deal(owner=rep_a, name="恒锐精密 排产系统"),
    )


@pytest.fixture
def login(client: Any) -> Any:
    def _login(user: User) -> Any:
        client.force_login(user)
        return client
    return _login
