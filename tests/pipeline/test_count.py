"""The table's count is the union of the visibility rule's branches: a deal reached by two
branches (own and shared, the team's and shared) counts once, and the filters apply to each."""

from __future__ import annotations

import re
from typing import Any

import pytest

from dealpilot.deals.models import Opportunity
from dealpilot.pipeline.sorting import order_by
from tests.web.factories import make_deal

pytestmark = pytest.mark.django_db


def _count(response: Any) -> int:
    """The number in the page's heading ("N 个商机")."""
    found = re.search(r'<h1>.*?<small class="dp-muted">(\d+) ', response.content.decode(), re.S)
    assert found, "no count in the heading"
    return int(found.group(1))


def _listed(response: Any) -> list[int]:
    return [int(pk) for pk in re.findall(r'<td><a href="/deals/(\d+)/">', response.content.decode())]


@pytest.mark.parametrize("member", ["rep_a", "teammate_a", "manager_a", "rep_b", "admin"])
@pytest.mark.parametrize("query", ["", "status=all", "stage=develop", "q=gongxiang", "status=won"])
def test_the_count_is_the_number_of_deals_listed(deals: Any, cast: Any, login: Any, member: str, query: str) -> None:
    deals.mine.shared_with.add(cast.rep_a, cast.manager_a)  # own and shared; the team's and shared
    deals.teammates.shared_with.add(cast.manager_a)
    make_deal(owner=cast.rep_b, stage="propose", shared_with=[cast.manager_a, cast.rep_a])
    client = login(cast.member(member))
    response = client.get(f"/pipeline/?{query}")
    listed = Opportunity.objects.visible_to(cast.member(member))
    expected = {"": listed.open(), "status=all": listed, "stage=develop": listed.filter(stage="develop"),
                "q=gongxiang": listed.open().filter(search_keys__contains="gongxiang"),
                "status=won": listed.filter(stage="won")}[query]
    assert _count(response) == expected.count()
    assert _listed(response) == list(
        expected.order_by(*order_by("-score")).values_list("pk", flat=True)[:50])


def test_an_invalid_filter_counts_nothing(deals: Any, cast: Any, login: Any) -> None:
    response = login(cast.manager_a).get("/pipeline/?stage=nope")
    assert response.status_code == 400 and _count(response) == 0
