"""The power map lays out any reporting chain without recursion: 500 levels render."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.urls import reverse

from dealpilot.engine.document import Deal
from dealpilot.review.powermap import _layout
from tests.review.conftest import write_example


def _chain(levels: int) -> Deal:
    people = [{"id": f"s{i}", "name": f"Person {i}", "reports_to": f"s{i - 1}" if i else None}
              for i in range(levels)]
    return Deal.model_validate({"opportunity": {"name": "Chain", "account": "Chain Co"}, "stakeholders": people})


def test_a_500_level_reporting_chain_renders_its_chart_data(cast: Any, login: Any) -> None:
    deal = write_example(cast.rep_a, _chain(500))
    response = login(cast.rep_a).get(reverse("deal_chart_powermap", args=[deal.pk]))
    assert response.status_code == 200
    nodes = {n["id"]: n for n in response.json()["nodes"]}
    assert len(nodes) == 500
    assert nodes["s499"]["y"] > nodes["s0"]["y"]


def test_the_layout_centres_a_boss_over_their_reports() -> None:
    deal = Deal.model_validate({"opportunity": {"name": "T", "account": "T"}, "stakeholders": [
        {"id": "b", "name": "Boss"}, {"id": "x", "name": "X", "reports_to": "b"},
        {"id": "y", "name": "Y", "reports_to": "b"}]})
    pos = _layout(deal.stakeholders)
    assert pos["b"][0] == (pos["x"][0] + pos["y"][0]) / 2
    assert pos["x"][1] == pos["y"][1] > pos["b"][1]


def test_a_very_long_chain_is_laid_out_without_recursion() -> None:
    people = [SimpleNamespace(id=f"s{i}", reports_to=f"s{i - 1}" if i else None) for i in range(20_000)]
    pos = _layout(people)
    assert len(pos) == 20_000
