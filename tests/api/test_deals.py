"""Deals through the API: the same doors as the pages, documents in and out, versions."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.deals.models import ChangeRecord, Opportunity
from tests.api.factory import example_data, full_deal
from tests.security.world import dump
from tests.web.conftest import Cast
from tests.web.factories import make_deal

# --- who gets in --------------------------------------------------------------------------


@pytest.mark.parametrize("who, status", [("rep_a", 200), ("manager_a", 200), ("admin", 200),
                                         ("teammate_a", 404), ("rep_b", 404)])
def test_a_deal_answers_as_its_page_does_for_each_role(api_as: Any, cast: Cast, who: str, status: int) -> None:
    response = api_as(who).get(f"deals/{cast.deal.pk}")
    assert response.status_code == status
    if status == 404:
        assert response.json() == {"detail": "not found"}  # nothing about the deal


def test_a_deal_shared_with_a_rep_of_another_team_opens_for_them(api_as: Any, cast: Cast) -> None:
    cast.deal.shared_with.add(cast.rep_b)
    assert api_as("rep_b").get(f"deals/{cast.deal.pk}").status_code == 200


@pytest.mark.parametrize("token", [None, "dp_nonsense", "Basic abc"])
def test_no_valid_token_is_401(api_as: Any, cast: Cast, token: str | None) -> None:
    client = api_as(None)
    extra = {"HTTP_AUTHORIZATION": token} if token else {}
    response = client.get(f"deals/{cast.deal.pk}", **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_an_expired_token_is_401(api_as: Any, cast: Cast) -> None:
    from django.utils import timezone

    from dealpilot.api.models import ApiToken

    client = api_as("rep_a", days=1)
    ApiToken.objects.update(expires_at=timezone.now() - timezone.timedelta(seconds=1))
    assert client.get(f"deals/{cast.deal.pk}").status_code == 401


def test_a_revoked_token_is_401(api_as: Any, cast: Cast) -> None:
    from django.utils import timezone

    from dealpilot.api.models import ApiToken

    client = api_as("rep_a")
    assert client.get(f"deals/{cast.deal.pk}").status_code == 200
    ApiToken.objects.update(revoked_at=timezone.now())
    assert client.get(f"deals/{cast.deal.pk}").status_code == 401


def test_a_token_of_a_deactivated_user_is_401(api_as: Any, cast: Cast) -> None:
    client = api_as("rep_a")
    cast.rep_a.is_active = False
    cast.rep_a.save()
    assert client.get(f"deals/{cast.deal.pk}").status_code == 401


def test_the_browser_session_alone_does_not_open_the_api(client: Any, cast: Cast) -> None:
    client.force_login(cast.rep_a)
    assert client.get(f"/api/v1/deals/{cast.deal.pk}").status_code == 401


# --- list ---------------------------------------------------------------------------------


def test_the_list_holds_exactly_the_deals_the_pages_show(api_as: Any, cast: Cast) -> None:
    mine = make_deal(owner=cast.rep_a, name="第二个")
    make_deal(owner=cast.rep_b, name="B 队的")
    shared = make_deal(owner=cast.rep_b, name="共享给 A", shared_with=[cast.rep_a])
    ids = [d["id"] for d in api_as("rep_a").get("deals").json()["items"]]
    assert ids == sorted([cast.deal.pk, mine.pk, shared.pk])
    assert len(api_as("admin").get("deals").json()["items"]) == 4


def test_the_list_takes_the_pipelines_filters(api_as: Any, cast: Cast) -> None:
    won = make_deal(owner=cast.rep_a, stage="won", name="赢了")
    client = api_as("rep_a")
    assert [d["id"] for d in client.get("deals?status=won").json()["items"]] == [won.pk]
    assert [d["id"] for d in client.get("deals?stage=develop").json()["items"]] == [cast.deal.pk]
    assert [d["id"] for d in client.get("deals?q=hengrui").json()["items"]] == [cast.deal.pk]


def test_a_bad_filter_is_422_naming_each_one(api_as: Any, cast: Cast) -> None:
    response = api_as("rep_a").get(f"deals?stage=nope&stale=-3&owner={cast.rep_b.pk}")
    assert response.status_code == 422
    paths = {p["path"] for p in response.json()["problems"]}
    assert paths == {"query.stage", "query.stale", "query.owner"}  # rep B is not among rep A's owners


def test_cursor_pages_walk_every_deal_once(api_as: Any, cast: Cast) -> None:
    for n in range(6):
        make_deal(owner=cast.rep_a, name=f"商机{n}")
    client, seen, cursor = api_as("rep_a"), [], ""
    while True:
        body = client.get(f"deals?limit=3&cursor={cursor}").json()
        seen += [d["id"] for d in body["items"]]
        if body["next_cursor"] is None:
            break
        cursor = body["next_cursor"]
    assert seen == sorted(Opportunity.objects.filter(owner=cast.rep_a).values_list("pk", flat=True))


def test_a_made_up_cursor_is_422(api_as: Any, cast: Cast) -> None:
    response = api_as("rep_a").get("deals?cursor=bm9wZQ")
    assert response.status_code == 422
    assert response.json()["problems"][0]["path"] == "query.cursor"


# --- documents ----------------------------------------------------------------------------


def test_a_deal_comes_back_as_the_document_the_cli_reads(api_as: Any, cast: Cast) -> None:
    from dealpilot.engine.document import parse_document

    deal = full_deal(cast.rep_a)
    body = api_as("rep_a").get(f"deals/{deal.pk}").json()
    doc = parse_document(body)
    assert doc.opportunity.id == str(deal.pk) and doc.opportunity.version == deal.version
    assert len(doc.stakeholders) == deal.stakeholders.count() > 3


def test_creating_from_a_document_stores_and_assesses_it(api_as: Any, cast: Cast) -> None:
    response = api_as("rep_a").post("deals", example_data())
    assert response.status_code == 201, response.content
    created = Opportunity.objects.get(pk=int(response.json()["opportunity"]["id"]))
    assert response["Location"] == f"/api/v1/deals/{created.pk}"
    assert created.owner == cast.rep_a and created.score is not None and created.stakeholders.count() > 3


def test_an_invalid_document_is_422_with_every_problem_and_writes_nothing(api_as: Any, cast: Cast) -> None:
    data = example_data(stage="nowhere")
    data["stakeholders"][1]["reports_to"] = "s99"
    data["pains"][0]["category"] = "feelings"
    before = dump()
    response = api_as("rep_a").post("deals", data)
    assert response.status_code == 422
    paths = {p["path"] for p in response.json()["problems"]}
    assert {"opportunity.stage", "stakeholders[1].reports_to", "pains[0].category"} <= paths
    assert dump() == before


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", '"text"', "[" * 5000 + "]" * 5000])
def test_a_body_that_is_no_document_is_422(api_as: Any, cast: Cast, body: str) -> None:
    before = dump()
    response = api_as("rep_a").post("deals", body)
    assert response.status_code == 422
    assert response.json()["problems"]
    assert dump() == before


def test_replacing_with_the_current_version_saves(api_as: Any, cast: Cast) -> None:
    deal = full_deal(cast.rep_a)
    client = api_as("rep_a")
    doc = client.get(f"deals/{deal.pk}").json()
    doc["opportunity"]["name"] = "改过的名字"
    response = client.put(f"deals/{deal.pk}", doc)
    assert response.status_code == 200, response.content
    assert response.json()["opportunity"]["version"] == deal.version + 1
    assert Opportunity.objects.get(pk=deal.pk).name == "改过的名字"


def test_replacing_from_a_stale_version_is_409_with_the_current_state(api_as: Any, cast: Cast) -> None:
    deal = full_deal(cast.rep_a)
    client = api_as("rep_a")
    doc = client.get(f"deals/{deal.pk}").json()
    fresher = client.get(f"deals/{deal.pk}").json()
    fresher["opportunity"]["name"] = "别人先改了"
    assert client.put(f"deals/{deal.pk}", fresher).status_code == 200
    doc["opportunity"]["name"] = "我的修改"
    before = dump()
    response = client.put(f"deals/{deal.pk}", doc)
    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == deal.version + 1
    assert body["document"]["opportunity"]["name"] == "别人先改了"
    assert dump() == before


def test_replacing_without_a_version_is_409(api_as: Any, cast: Cast) -> None:
    deal = full_deal(cast.rep_a)
    doc = example_data(name="无版本")
    before = dump()
    response = api_as("rep_a").put(f"deals/{deal.pk}", doc)
    assert response.status_code == 409
    assert "opportunity.version" in response.json()["detail"]
    assert dump() == before


def test_another_teams_deal_cannot_be_replaced_and_stays_as_it_was(api_as: Any, cast: Cast) -> None:
    deal = full_deal(cast.rep_a)
    doc = api_as("rep_a").get(f"deals/{deal.pk}").json()
    doc["opportunity"]["name"] = "B 队改的"
    before = dump()
    assert api_as("rep_b").put(f"deals/{deal.pk}", doc).status_code == 404
    assert dump() == before


# --- header changes and deletion ------------------------------------------------------------


def test_patch_changes_the_header_and_records_it(api_as: Any, cast: Cast) -> None:
    response = api_as("rep_a").patch(f"deals/{cast.deal.pk}", {"version": 1, "stage": "propose", "amount": 99})
    assert response.status_code == 200, response.content
    deal = Opportunity.objects.get(pk=cast.deal.pk)
    assert (deal.stage, deal.amount, deal.version) == ("propose", 99, 2)
    assert set(ChangeRecord.objects.filter(opportunity=deal).values_list("field", flat=True)) == {
        "opportunity.stage", "opportunity.amount"}


def test_patch_from_a_stale_version_is_409_and_changes_nothing(api_as: Any, cast: Cast) -> None:
    client = api_as("rep_a")
    assert client.patch(f"deals/{cast.deal.pk}", {"version": 1, "name": "先来的"}).status_code == 200
    before = dump()
    response = client.patch(f"deals/{cast.deal.pk}", {"version": 1, "name": "后到的"})
    assert response.status_code == 409
    assert response.json()["document"]["opportunity"]["name"] == "先来的"
    assert dump() == before


def test_patch_with_bad_values_is_422_naming_each_and_changes_nothing(api_as: Any, cast: Cast) -> None:
    before = dump()
    response = api_as("rep_a").patch(f"deals/{cast.deal.pk}", {"version": 1, "currency": "yuan", "stage": "maybe",
                                                                 "name": " "})
    assert response.status_code == 422
    assert {p["path"] for p in response.json()["problems"]} == {"body.currency", "body.stage", "body.name"}
    response = api_as("rep_a").patch(f"deals/{cast.deal.pk}", {"version": "one", "owner": "rep_b"})
    assert response.status_code == 422
    assert dump() == before


def test_patch_may_hand_a_deal_only_to_someone_it_may_go_to(api_as: Any, cast: Cast) -> None:
    client = api_as("rep_a")
    refused = client.patch(f"deals/{cast.deal.pk}", {"version": 1, "owner": "rep_b"})
    assert refused.status_code == 422 and refused.json()["problems"][0]["path"] == "body.owner"
    assert client.patch(f"deals/{cast.deal.pk}", {"version": 1, "owner": "teammate_a"}).status_code == 200
    assert Opportunity.objects.get(pk=cast.deal.pk).owner == cast.teammate_a


def test_only_admins_delete_deals(api_as: Any, cast: Cast) -> None:
    assert api_as("rep_b").delete(f"deals/{cast.deal.pk}").status_code == 404
    response = api_as("rep_a").delete(f"deals/{cast.deal.pk}")
    assert response.status_code == 403
    assert Opportunity.objects.filter(pk=cast.deal.pk).exists()
    assert api_as("admin").delete(f"deals/{cast.deal.pk}").status_code == 204
    assert not Opportunity.objects.filter(pk=cast.deal.pk).exists()


# --- read-only tokens and the rate limit ----------------------------------------------------


def test_a_read_only_token_reads_but_every_write_is_403(api_as: Any, cast: Cast) -> None:
    client = api_as("rep_a", read_only=True)
    assert client.get(f"deals/{cast.deal.pk}").status_code == 200
    before = dump()
    for response in (client.post("deals", example_data()),
                     client.patch(f"deals/{cast.deal.pk}", {"version": 1, "name": "只读"}),
                     client.put(f"deals/{cast.deal.pk}", example_data(version=1)),
                     client.delete(f"deals/{cast.deal.pk}")):
        assert response.status_code == 403
        assert response.json() == {"detail": "this token is read-only"}
    assert dump() == before


def test_past_the_rate_limit_a_token_gets_429_with_retry_after(api_as: Any, cast: Cast, settings: Any) -> None:
    settings.API_RATE_LIMIT, settings.API_RATE_WINDOW = 3, 3600
    client, other = api_as("rep_a"), api_as("rep_a")
    assert [client.get("deals").status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("deals")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert other.get("deals").status_code == 200  # counted per token


def test_app_servers_share_one_limit_through_the_database(api_as: Any, cast: Cast, settings: Any) -> None:
    """Each server claims requests from the window's row; together they never pass the limit."""
    from dealpilot.api.ratelimit import forget_claims

    settings.API_RATE_LIMIT, settings.API_RATE_WINDOW = 40, 3600  # claims of 2 requests
    client, answers = api_as("rep_a"), []
    for n in range(45):
        if n % 3 == 0:
            forget_claims()  # the next request is served by another process, with no claim yet
        answers.append(client.get("deals").status_code)
    assert 0 < answers.count(200) <= 40 and answers[-1] == 429
    assert set(answers[:answers.index(429)]) == {200}


def test_a_token_notes_when_it_was_last_used(api_as: Any, cast: Cast) -> None:
    from dealpilot.api.models import ApiToken

    client = api_as("rep_a")
    assert ApiToken.objects.get().last_used_at is None
    client.get("deals")
    assert ApiToken.objects.get().last_used_at is not None
