"""The named cast (tests/web/conftest.py) plus deals spread over both teams and a shared one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from dealpilot.deals.models import Opportunity
from tests.web.conftest import Cast, cast, fast_passwords, login  # noqa: F401  (shared fixtures)
from tests.web.factories import make_account, make_deal


@dataclass
class Deals:
    mine: Opportunity  # rep_a's, team A
    teammates: Opportunity  # teammate_a's, team A
    other_team: Opportunity  # rep_b's, team B
    shared: Opportunity  # rep_b's, team B, shared with rep_a
    won: Opportunity  # rep_a's, won


@pytest.fixture
def deals(cast: Cast) -> Deals:  # noqa: F811
    return Deals(
        mine=cast.deal,
        teammates=make_deal(owner=cast.teammate_a, name="苏州 仓储改造", account=make_account(name="徐州重工")),
        other_team=make_deal(owner=cast.rep_b, name="广州 秘密项目", account=make_account(name="南方秘密集团")),
        shared=make_deal(owner=cast.rep_b, name="深圳 共享项目", account=make_account(name="共享科技"),
                         shared_with=[cast.rep_a]),
        won=make_deal(owner=cast.rep_a, name="已赢 项目", stage="won"),
    )


def names(response: Any) -> set[str]:
    """The deal names the page shows, among the fixture's."""
    text = response.content.decode()
    return {n for n in ("恒锐精密 排产系统", "苏州 仓储改造", "广州 秘密项目", "深圳 共享项目", "已赢 项目") if n in text}
