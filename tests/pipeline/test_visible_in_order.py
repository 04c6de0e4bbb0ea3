"""The visibility rule read in order (for one sorted page) selects exactly the deals `visible_to` does."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from dealpilot.deals.models import Opportunity


@pytest.mark.parametrize("member", ["rep_a", "teammate_a", "manager_a", "rep_b", "admin"])
def test_in_order_is_the_same_deals_as_visible_to(deals: Any, cast: Any, member: str) -> None:
    user = cast.member(member)
    plain = set(Opportunity.objects.visible_to(user).values_list("pk", flat=True))
    in_order = list(Opportunity.objects.visible_in_order(user).order_by("-score", "-pk").values_list("pk", flat=True))
    assert set(in_order) == plain and len(in_order) == len(plain)


def test_a_user_without_a_role_sees_nothing_in_order(deals: Any) -> None:
    nobody = User.objects.create_user(username="nobody", password="s3cret-pass-word")  # no profile, no role
    assert not Opportunity.objects.visible_in_order(nobody).exists()


def test_rep_in_order_sees_own_and_shared_only(deals: Any, cast: Any) -> None:
    seen = set(Opportunity.objects.visible_in_order(cast.rep_a).values_list("pk", flat=True))
    assert seen == {deals.mine.pk, deals.shared.pk, deals.won.pk}
