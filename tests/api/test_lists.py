"""A deal's lists through the API: list, add, change, remove — checked by the engine as a
whole document, versioned, nothing written on any error."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.deals.models import Answer, Pain
from tests.api.factory import full_deal
from tests.security.world import dump
from tests.web.conftest import Cast


@pytest.fixture
def deal(cast: Cast) -> Any:
    return full_deal(cast.rep_a)


def test_each_list_reads_as_the_document_holds_it(api_as: Any, deal: Any) -> None:
    client = api_as("rep_a")
    document = client.get(f"deals/{deal.pk}").json()
    for key, held in (("stakeholders", document["stakeholders"]), ("pains", document["pains"]),
                      ("milestones", document["timeline"]["milestones"]), ("value", document["value"]),
                      ("answers", document["answers"])):
        body = client.get(f"deals/{deal.pk}/{key}").json()
        assert body == {"version": deal.version, "items": held}, key


def test_adding_a_pain_saves_it_with_a_new_version(api_as: Any, deal: Any) -> None:
    entry = {"text": "月底结账要加班三天", "category": "save_money", "owner": "s2"}
    response = api_as("rep_a").post(f"deals/{deal.pk}/pains", {"version": deal.version, "entry": entry})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == deal.version + 1 and body["items"][-1]["text"] == "月底结账要加班三天"
    assert Pain.objects.filter(opportunity=deal, text="月底结账要加班三天").exists()


def test_changing_and_removing_by_position(api_as: Any, deal: Any) -> None:
    client = api_as("rep_a")
    pains = client.get(f"deals/{deal.pk}/pains").json()
    first = {**pains["items"][0], "impact": "每年损失 200 万"}
    changed = client.put(f"deals/{deal.pk}/pains/0", {"version": pains["version"], "entry": first})
    assert changed.status_code == 200, changed.content
    assert changed.json()["items"][0]["impact"] == "每年损失 200 万"
    removed = client.delete(f"deals/{deal.pk}/pains/0?version={changed.json()['version']}")
    assert removed.status_code == 200
    assert len(removed.json()["items"]) == len(pains["items"]) - 1


def test_answering_a_criterion_and_removing_the_answer(api_as: Any, deal: Any) -> None:
    client = api_as("rep_a")
    answered = client.put(f"deals/{deal.pk}/answers/pain_will_act",
                          {"version": deal.version, "entry": {"status": "yes", "evidence": "总经理在会上说了"}})
    assert answered.status_code == 200, answered.content
    assert Answer.objects.get(opportunity=deal, criterion="pain_will_act").status == "yes"
    version = answered.json()["version"]
    assert client.delete(f"deals/{deal.pk}/answers/pain_will_act?version={version}").status_code == 200
    assert not Answer.objects.filter(opportunity=deal, criterion="pain_will_act").exists()


def test_an_entry_the_document_cannot_hold_is_422_with_the_engines_paths(api_as: Any, deal: Any) -> None:
    client = api_as("rep_a")
    before = dump()
    dangling = client.post(f"deals/{deal.pk}/pains", {"version": deal.version,
                                                       "entry": {"text": "x", "category": "save_money", "owner": "s99"}})
    assert dangling.status_code == 422
    count = Pain.objects.filter(opportunity=deal).count()
    assert {p["path"] for p in dangling.json()["problems"]} == {f"pains[{count}].owner"}
    unknown = client.put(f"deals/{deal.pk}/answers/no_such_criterion",
                         {"version": deal.version, "entry": {"status": "yes"}})
    assert unknown.status_code == 422
    assert unknown.json()["problems"][0]["path"].startswith("answers")
    shapeless = client.post(f"deals/{deal.pk}/pains", {"version": deal.version, "entry": {"category": "hope"}})
    assert shapeless.status_code == 422
    assert {"body.entry.text", "body.entry.category"} <= {p["path"] for p in shapeless.json()["problems"]}
    assert dump() == before


def test_a_stale_version_is_409_and_writes_nothing(api_as: Any, deal: Any) -> None:
    client = api_as("rep_a")
    before = dump()
    response = client.delete(f"deals/{deal.pk}/pains/0?version={deal.version - 1 or 99}")
    assert response.status_code == 409
    assert response.json()["current_version"] == deal.version
    assert dump() == before


def test_a_position_past_the_end_is_404(api_as: Any, deal: Any) -> None:
    assert api_as("rep_a").delete(f"deals/{deal.pk}/pains/99?version={deal.version}").status_code == 404


@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
def test_another_team_cannot_reach_a_deals_lists(api_as: Any, deal: Any, method: str) -> None:
    client = api_as("rep_b")
    body = {"version": deal.version, "entry": {"text": "x", "category": "save_money"}}
    before = dump()
    response = {"get": lambda: client.get(f"deals/{deal.pk}/pains"),
                "post": lambda: client.post(f"deals/{deal.pk}/pains", body),
                "put": lambda: client.put(f"deals/{deal.pk}/pains/0", body),
                "delete": lambda: client.delete(f"deals/{deal.pk}/pains/0?version={deal.version}")}[method]()
    assert response.status_code == 404
    assert dump() == before


def test_removing_a_stakeholder_leaves_no_reference_to_them(api_as: Any, deal: Any) -> None:
    client = api_as("rep_a")
    people = client.get(f"deals/{deal.pk}/stakeholders").json()
    boss = people["items"][0]["id"]
    response = client.delete(f"deals/{deal.pk}/stakeholders/0?version={people['version']}")
    assert response.status_code == 200, response.content
    document = client.get(f"deals/{deal.pk}").json()
    assert boss not in str([p.get("reports_to") for p in document["stakeholders"]])
    assert all(r["with"] != boss for p in document["stakeholders"] for r in p.get("relationships", []))


def test_logging_an_activity_moves_the_participants_contact_and_access_as_the_page_does(api_as: Any,
                                                                                        deal: Any) -> None:
    from dealpilot.deals.models import DealStakeholder

    client = api_as("rep_a")
    person = DealStakeholder.objects.filter(opportunity=deal).order_by("ordinal", "pk").first()
    person.last_contact, person.access = None, "none"
    person.save(update_fields=["last_contact", "access"])
    version = client.get(f"deals/{deal.pk}").json()["opportunity"]["version"]
    others = DealStakeholder.objects.filter(opportunity=deal).exclude(key=person.key).order_by("key")
    before = list(others.values_list("key", "last_contact", "access"))

    def log(kind: str, day: str) -> Any:
        nonlocal version
        entry = {"kind": kind, "date": day, "stakeholders": [person.key], "note": "沟通试点安排"}
        response = client.post(f"deals/{deal.pk}/activities", {"version": version, "entry": entry})
        assert response.status_code == 200, response.content
        version = response.json()["version"]
        return DealStakeholder.objects.get(opportunity=deal, key=person.key)  # the rows are written anew

    first = log("email", "2026-10-01")
    assert (first.access, first.last_contact.isoformat()) == ("indirect", "2026-10-01")
    assert log("call", "2026-10-10").access == "met"
    assert log("visit", "2026-09-20").last_contact.isoformat() == "2026-10-10"  # an older visit logged late
    assert log("meeting", "2026-10-20").access == "regular"  # the third direct contact within 60 days
    assert list(others.values_list("key", "last_contact", "access")) == before  # only the participant moved
