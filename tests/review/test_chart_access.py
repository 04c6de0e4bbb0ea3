"""The review, its Markdown export and every chart endpoint answer like the deal page:
owner, manager and admin in; a teammate without a share and another team's rep get 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

DOORS = ["deal_review", "deal_review_markdown", "deal_chart_powermap", "deal_chart_radar", "deal_chart_trend"]
EXPECTED = {"rep_a": 200, "teammate_a": 404, "manager_a": 200, "rep_b": 404, "admin": 200}


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_each_review_door_lets_in_only_those_who_may_see_the_deal(example: Any, cast: Any, login: Any,
                                                                  door: str, who: str) -> None:
    response = login(cast.member(who)).get(reverse(door, args=[example.pk]))
    assert response.status_code == EXPECTED[who]


@pytest.mark.parametrize("door", DOORS)
def test_an_outsider_learns_nothing_from_chart_data(example: Any, cast: Any, login: Any, door: str) -> None:
    response = login(cast.rep_b).get(reverse(door, args=[example.pk]))
    assert response.status_code == 404
    assert example.name.encode() not in response.content


@pytest.mark.parametrize("door", DOORS)
def test_anonymous_visitors_are_sent_to_log_in(example: Any, client: Any, door: str) -> None:
    response = client.get(reverse(door, args=[example.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("door", DOORS)
def test_a_deal_that_does_not_exist_is_404_and_stores_no_history(cast: Any, login: Any, door: str) -> None:
    from dealpilot.review.models import AssessmentSnapshot

    response = login(cast.admin).get(reverse(door, args=[987654]))
    assert response.status_code == 404
    assert AssessmentSnapshot.objects.count() == 0
