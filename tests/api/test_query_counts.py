"""Queries per request stay fixed: one per list for a deal's document, one for a page of the
list, and a set number for storing a document, however many people and rows the deal holds.
A per-row query creeping back (a contact looked up per person, the deal read again) fails here."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.api.ratelimit import forget_claims
from dealpilot.deals.models import Contact, Opportunity
from tests.api.factory import example_data, full_deal
from tests.web.conftest import Cast
from tests.web.factories import make_deal

# token, then the deal with its account, owner and team, then its ten lists one query each
DOCUMENT_READ = 12
LIST_PAGE = 2  # token, the page
# token; the account (created: 4 with its savepoint); the deal (1); the contacts (3); people, who
# reports to whom, eight lists, the budget's people (11); the stored deal read back once (12); the
# history and its receivers (2); the search keys, once (3); the two columns rewritten (1);
# verdict, snapshot and forecast (12); the request's savepoint (1). Webhooks wait for commit.
DOCUMENT_CREATE = 51


@pytest.fixture
def quiet_limit(settings: Any) -> None:
    """One rate-limit window for the whole test, claimed by the warm-up request."""
    settings.API_RATE_WINDOW = 10**9
    forget_claims()


def _people(response: Any) -> int:
    return len(response.json()["stakeholders"])


def test_a_deals_document_is_one_query_per_list(api_as: Any, cast: Cast, quiet_limit: None,
                                                 django_assert_num_queries: Any) -> None:
    deal = full_deal(cast.rep_a)
    client = api_as("rep_a")
    assert _people(client.get(f"deals/{deal.pk}")) >= 5  # warm-up: the token's first use is recorded
    with django_assert_num_queries(DOCUMENT_READ):
        response = client.get(f"deals/{deal.pk}")
    assert response.status_code == 200
    assert response.json()["opportunity"]["id"] == str(deal.pk)


def test_an_empty_deals_document_costs_the_same_queries(api_as: Any, cast: Cast, quiet_limit: None,
                                                        django_assert_num_queries: Any) -> None:
    client = api_as("rep_a")
    client.get(f"deals/{cast.deal.pk}")
    with django_assert_num_queries(DOCUMENT_READ):
        assert client.get(f"deals/{cast.deal.pk}").status_code == 200


def test_a_list_page_is_two_queries_for_any_number_of_deals(api_as: Any, cast: Cast, quiet_limit: None,
                                                            django_assert_num_queries: Any) -> None:
    for n in range(30):
        make_deal(owner=cast.rep_a, name=f"deal {n}")
    client = api_as("manager_a")
    client.get("deals?limit=100")
    with django_assert_num_queries(LIST_PAGE):
        response = client.get("deals?limit=100")
    assert len(response.json()["items"]) >= 30


def test_a_list_filtered_by_owner_still_checks_the_owner_is_visible(api_as: Any, cast: Cast,
                                                                    quiet_limit: None) -> None:
    client = api_as("rep_a")
    assert client.get(f"deals?owner={cast.rep_a.pk}").status_code == 200
    response = client.get(f"deals?owner={cast.rep_b.pk}")  # someone whose deals rep A cannot see
    assert response.status_code == 422
    assert [p["path"] for p in response.json()["problems"]] == ["query.owner"]


def test_creating_from_a_document_is_a_fixed_number_of_queries(api_as: Any, cast: Cast, quiet_limit: None,
                                                                django_assert_num_queries: Any) -> None:
    client = api_as("rep_a")
    client.get(f"deals/{cast.deal.pk}")
    data = example_data(owner=cast.rep_a.username)
    people = len(data["stakeholders"])
    with django_assert_num_queries(DOCUMENT_CREATE):
        response = client.post("deals", data)
    assert response.status_code == 201
    assert _people(response) == people
    created = Opportunity.objects.get(pk=response.json()["opportunity"]["id"])
    assert created.score is not None and created.stakeholders.count() == people


def test_a_document_naming_known_contacts_reuses_them(api_as: Any, cast: Cast, quiet_limit: None) -> None:
    client = api_as("rep_a")
    first = client.post("deals", example_data(owner=cast.rep_a.username))
    contacts = Contact.objects.count()
    second = client.post("deals", example_data(owner=cast.rep_a.username, name="第二单"))
    assert (first.status_code, second.status_code) == (201, 201)
    assert Contact.objects.count() == contacts  # same account, same names: the same contacts
    names = {s["name"] for s in second.json()["stakeholders"]}
    assert names == {s["name"] for s in first.json()["stakeholders"]}


def test_a_replaced_deal_is_still_found_by_its_contacts(api_as: Any, cast: Cast, quiet_limit: None) -> None:
    client = api_as("rep_a")
    pk = client.post("deals", example_data(owner=cast.rep_a.username)).json()["opportunity"]["id"]
    doc = client.get(f"deals/{pk}").json()
    doc["opportunity"]["amount"] = 1_900_000  # the people stay as they were
    assert client.put(f"deals/{pk}", doc).status_code == 200
    found = client.get("deals?q=zhoujianguo").json()["items"]  # 周建国, by pinyin
    assert [d["id"] for d in found] == [int(pk)]


def test_replacing_a_deal_costs_the_same_queries_with_nine_people_or_fifteen(api_as: Any, cast: Cast, quiet_limit: None) -> None:
    """The people are deleted and re-added: their search keys are written once, not once a person."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_as("rep_a")
    counts = []
    for extra, name, pinyin in ((0, "九人项目", "jiurenxiangmu"), (6, "十五人项目", "shiwurenxiangmu")):
        data = example_data(owner=cast.rep_a.username, name=name)
        data["stakeholders"] += [{"id": f"x{n}", "name": f"联系人{n}", "title": "工程师", "roles": ["user"],
                                  "influence": "low", "attitude": "neutral", "access": "none"} for n in range(extra)]
        pk = client.post("deals", data).json()["opportunity"]["id"]
        doc = client.get(f"deals/{pk}").json()
        doc["opportunity"]["amount"] = 1_900_000
        with CaptureQueriesContext(connection) as ctx:
            assert client.put(f"deals/{pk}", doc).status_code == 200
        counts.append(len(ctx.captured_queries))
        assert [d["id"] for d in client.get(f"deals?q={pinyin}").json()["items"]] == [int(pk)]
    assert counts[0] == counts[1], counts  # 74 each
