"""Every edit door lets in exactly those who may edit the deal: owner, manager, admin, and a
teammate only when the deal is shared with them; everyone else gets 404 and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from dealpilot.deals import models as m
from tests.workspace.helpers import HX, first_criterion, furnish, version

EXPECTED = {"rep_a": 200, "teammate_a": 404, "manager_a": 200, "rep_b": 404, "admin": 200}


def _doors(deal: m.Opportunity, facts: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, url, form data) for every edit door of the workspace."""
    v = deal.version
    pk = deal.pk
    return [
        ("get", reverse("deal_page", args=[pk]), {}),
        ("get", reverse("workspace_section", args=[pk, "pains"]), {}),
        ("get", reverse("workspace_block", args=[pk, "header"]), {}),
        ("post", reverse("workspace_block", args=[pk, "header"]),
         {"version": v, "name": "新名字", "amount": "100", "currency": "CNY", "stage": "qualify",
          "owner": deal.owner_id}),
        ("post", reverse("workspace_block", args=[pk, "budget"]), {"version": v, "budget_status": "planned"}),
        ("post", reverse("workspace_block", args=[pk, "event"]),
         {"version": v, "compelling_event": "新产线投产", "compelling_event_date": "2027-03-01"}),
        ("get", reverse("workspace_stakeholder", args=[pk, facts["user"].pk]), {}),
        ("get", reverse("workspace_stakeholder_row", args=[pk, facts["user"].pk]), {}),
        ("post", reverse("workspace_stakeholder", args=[pk, facts["user"].pk]),
         {"version": v, "name": "李娜", "influence": "medium", "attitude": "champion", "access": "regular"}),
        ("post", reverse("workspace_stakeholder_new", args=[pk]),
         {"version": v, "name": "王强", "influence": "low", "attitude": "unknown", "access": "none"}),
        ("post", reverse("workspace_stakeholder_delete", args=[pk, facts["boss"].pk]), {"version": v}),
        ("get", reverse("workspace_row_new", args=[pk, "pains"]), {}),
        ("post", reverse("workspace_row_new", args=[pk, "objections"]), {"version": v, "text": "太贵", "status": "raised"}),
        ("get", reverse("workspace_row", args=[pk, "pains", facts["pain"].pk]), {}),
        ("post", reverse("workspace_row", args=[pk, "pains", facts["pain"].pk]),
         {"version": v, "text": "交期延误", "category": "manage_risk"}),
        ("post", reverse("workspace_row_delete", args=[pk, "decision_chain", facts["step"].pk]), {"version": v}),
        ("post", reverse("workspace_answer", args=[pk, first_criterion(deal)]),
         {"version": v, "status": "yes", "evidence": "会上亲口说的"}),
    ]


@pytest.mark.parametrize("index", range(17))
@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_each_edit_door_answers_by_who_may_edit(cast: Any, login: Any, who: str, index: int) -> None:
    facts = furnish(cast.deal)
    method, url, data = _doors(cast.deal, facts)[index]
    before = version(cast.deal)
    response = getattr(login(cast.member(who)), method)(url, data, **HX)
    assert response.status_code == EXPECTED[who]
    if EXPECTED[who] == 404:
        assert version(cast.deal) == before
        assert not cast.deal.changes.exists()
    elif method == "post":
        assert version(cast.deal) == before + 1
        assert cast.deal.changes.filter(user=cast.member(who)).exists()


@pytest.mark.parametrize("index", range(17))
def test_sharing_the_deal_opens_every_edit_door_to_the_teammate(cast: Any, login: Any, index: int) -> None:
    facts = furnish(cast.deal)
    cast.deal.shared_with.add(cast.teammate_a)
    method, url, data = _doors(cast.deal, facts)[index]
    assert getattr(login(cast.teammate_a), method)(url, data, **HX).status_code == 200


def test_anonymous_edits_are_sent_to_login_and_change_nothing(cast: Any, client: Any) -> None:
    facts = furnish(cast.deal)
    for method, url, data in _doors(cast.deal, facts):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert version(cast.deal) == cast.deal.version
