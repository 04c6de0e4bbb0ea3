"""One set of rules for both doors: what the workspace forms refuse, an upload refuses too —
the same bad value, refused by each door, with nothing changed."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dealpilot.deals import models as m
from dealpilot.deals.convert import deal_to_document, load_deal
from tests.workspace.helpers import furnish, post, version


def _document_state(deal: m.Opportunity) -> tuple[int, dict[str, Any]]:
    return version(deal), deal_to_document(load_deal(deal.pk)).to_data()


def _upload_with(client: Any, deal: m.Opportunity, change: Any) -> Any:
    data = deal_to_document(load_deal(deal.pk)).to_data()
    change(data)
    text = yaml.safe_dump(data, allow_unicode=True)
    return client.post(reverse("deal_upload", args=[deal.pk]),
                       {"document": SimpleUploadedFile("deal.yaml", text.encode())})


def _set(path: list[Any], value: Any) -> Any:
    def change(data: Any) -> None:
        node = data
        for key in path[:-1]:
            node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
        node[path[-1]] = value
    return change


CASES = {
    "negative value amount": (
        "workspace_row_new", ["value"], {"metric": "节省", "amount": "-5000000000000000"},
        _set(["value"], [{"metric": "节省", "amount": -5e15}])),
    "budget above the column": (
        "workspace_block", ["budget"], {"budget_status": "planned", "budget_amount": "20000000000000000"},
        _set(["budget", "amount"], 2e16)),
    "header amount below zero": (
        "workspace_block", ["header"], {"name": "甲", "currency": "CNY", "stage": "lead", "amount": "-1"},
        _set(["opportunity", "amount"], -1)),
    "pain text too long": (
        "workspace_row_new", ["pains"], {"text": "长" * 4001, "category": "save_money"},
        _set(["pains"], [{"text": "长" * 4001, "category": "save_money"}])),
    "competitor name too long": (
        "workspace_row_new", ["competitors"], {"name": "名" * 4001, "position": "mentioned"},
        _set(["competitors"], [{"name": "名" * 4001}])),
    "impossible date": (
        "workspace_row_new", ["milestones"], {"name": "上线", "date": "2026-02-30", "status": "pending"},
        _set(["timeline", "milestones"], [{"name": "上线", "date": "2026-02-30"}])),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_same_bad_value_is_refused_by_the_form_and_by_the_upload(cast: Any, login: Any, case: str) -> None:
    route, args, form, change = CASES[case]
    client = login(cast.rep_a)
    before = _document_state(cast.deal)
    response = post(client, route, [cast.deal.pk, *args], {"version": before[0], **form})
    assert response.status_code in (400, 422)
    assert _document_state(cast.deal) == before
    response = _upload_with(client, cast.deal, change)
    assert response.status_code == 400
    assert _document_state(cast.deal) == before


def test_a_reporting_loop_is_refused_by_the_form_and_by_the_upload(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    boss, user = facts["boss"], facts["user"]
    third = m.DealStakeholder.objects.create(opportunity=cast.deal, key="wang", reports_to=user,
                                             contact=m.Contact.objects.create(account=cast.deal.account, name="王"))
    m.DealStakeholder.objects.filter(pk=user.pk).update(reports_to=boss)
    client = login(cast.rep_a)
    before = _document_state(cast.deal)
    response = post(client, "workspace_stakeholder", [cast.deal.pk, boss.pk],
                    {"version": before[0], "name": "周建国", "influence": "high", "attitude": "neutral",
                     "access": "met", "reports_to": third.pk}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422 and "reporting loop" in response.content.decode()
    assert _document_state(cast.deal) == before

    def loop(data: Any) -> None:
        for person in data["stakeholders"]:
            if person["id"] == "zhou":
                person["reports_to"] = "wang"

    response = _upload_with(client, cast.deal, loop)
    assert response.status_code == 400 and "reporting loop" in response.content.decode()
    assert _document_state(cast.deal) == before
