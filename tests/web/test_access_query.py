"""The deal door's compiled query lets in exactly whom the deal list's rule lets in."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404

from dealpilot.accounts.models import Role
from dealpilot.deals.access import get_deal_for_user
from dealpilot.deals.models import Opportunity
from tests.web.factories import make_deal, make_team, make_user


def test_the_door_agrees_with_visible_to_for_every_user_and_deal(cast: Any) -> None:
    lone_manager = make_user("manager_without_team", role=Role.MANAGER)
    other_manager = make_user("manager_b", team=cast.team_b, role=Role.MANAGER)
    deals = [
        cast.deal,
        make_deal(owner=cast.teammate_a, name="队友的"),
        make_deal(owner=cast.teammate_a, name="共享的", shared_with=[cast.rep_a, cast.rep_b]),
        make_deal(owner=cast.rep_b, name="华南的"),
        make_deal(owner=lone_manager, name="无团队的", team=None),
        make_deal(owner=make_user(team=make_team()), name="别的团队"),
    ]
    users = [cast.rep_a, cast.teammate_a, cast.manager_a, cast.rep_b, cast.admin, lone_manager, other_manager]
    checked = 0
    for user in users:
        for deal in deals:
            expected = Opportunity.objects.select_related("account", "owner", "team").visible_to(user).filter(
                pk=deal.pk).first()
            if expected is None:
                with pytest.raises(Http404):
                    get_deal_for_user(user, deal.pk)
                continue
            got = get_deal_for_user(user, deal.pk)
            checked += 1
            assert (got.pk, got.name, got.version, got.amount, got.close_date) == (
                expected.pk, expected.name, expected.version, expected.amount, expected.close_date)
            assert (got.account.name, got.owner.username) == (expected.account.name, expected.owner.username)
            assert (got.team.name if got.team else None) == (expected.team.name if expected.team else None)
    assert 10 < checked < len(users) * len(deals)  # some let in, some kept out


def test_the_door_reads_the_deal_with_its_account_owner_and_team_in_one_query(
        cast: Any, django_assert_num_queries: Any) -> None:
    get_deal_for_user(cast.manager_a, cast.deal.pk)  # the user's profile is read once, with the user
    with django_assert_num_queries(1):
        deal = get_deal_for_user(cast.manager_a, cast.deal.pk)
        assert (deal.account.name, deal.owner.username, deal.team.name) == (
            cast.deal.account.name, "rep_a", "华东大区")
