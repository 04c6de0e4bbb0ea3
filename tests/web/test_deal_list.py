"""The deal list: who sees what, sorting, paging, new deals, and no query per row."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import reverse

from dealpilot.deals.models import Account, Opportunity
from tests.web.factories import make_deal


def _listed(response: Any) -> list[tuple[int, str]]:
    """The deals the page lists, in order: (id, name) of each row's deal link."""
    assert response.status_code == 200
    found = re.findall(r'<td><a href="/deals/(\d+)/">([^<]*)</a></td>', response.content.decode())
    return [(int(pk), html.unescape(name)) for pk, name in found]


def _names(response: Any) -> set[str]:
    return {name for _pk, name in _listed(response)}


def test_each_role_lists_exactly_the_deals_it_may_see(cast: Any, login: Any) -> None:
    teammate_deal = make_deal(owner=cast.teammate_a, name="队友的商机")
    shared = make_deal(owner=cast.teammate_a, name="共享给我的", shared_with=[cast.rep_a])
    other_team = make_deal(owner=cast.rep_b, name="华南的商机")
    url = reverse("deal_list")
    assert _names(login(cast.rep_a).get(url)) == {cast.deal.name, shared.name}
    assert _names(login(cast.manager_a).get(url)) == {cast.deal.name, teammate_deal.name, shared.name}
    assert _names(login(cast.rep_b).get(url)) == {other_team.name}
    assert _names(login(cast.admin).get(url)) == {cast.deal.name, teammate_deal.name, shared.name, other_team.name}


def test_a_deal_shared_with_several_people_is_listed_once(cast: Any, login: Any) -> None:
    cast.deal.shared_with.add(cast.teammate_a, cast.manager_a)
    assert [pk for pk, _name in _listed(login(cast.manager_a).get(reverse("deal_list")))] == [cast.deal.pk]


def test_first_page_of_fifty_deals_takes_a_fixed_number_of_queries(cast: Any, login: Any,
                                                                   django_assert_max_num_queries: Any) -> None:
    for i in range(60):
        make_deal(owner=cast.rep_a, name=f"商机{i:02d}", shared_with=[cast.teammate_a] if i % 2 else [])
    client = login(cast.manager_a)
    client.get(reverse("deal_list"))  # warm the session and profile look-ups out of the count
    with django_assert_max_num_queries(8):
        response = client.get(reverse("deal_list"))
    assert len(_listed(response)) == 50
    assert "61 deals" in response.content.decode() or "61 个商机" in response.content.decode()


def test_sorting_by_amount_orders_both_ways_with_unknown_amounts_last(cast: Any, login: Any) -> None:
    make_deal(owner=cast.rep_a, name="小", amount=10)
    make_deal(owner=cast.rep_a, name="大", amount=9_000_000)
    make_deal(owner=cast.rep_a, name="未知", amount=None)
    client = login(cast.rep_a)
    up = [name for _pk, name in _listed(client.get(reverse("deal_list"), {"sort": "amount"}))]
    down = [name for _pk, name in _listed(client.get(reverse("deal_list"), {"sort": "-amount"}))]
    assert up == ["小", cast.deal.name, "大", "未知"]
    assert down == ["大", cast.deal.name, "小", "未知"]


@pytest.mark.parametrize("query", [{"sort": "password"}, {"page": "abc"}, {"page": "-3"}, {"page": "99999"}])
def test_odd_sort_or_page_parameters_still_show_the_list(cast: Any, login: Any, query: dict[str, str]) -> None:
    response = login(cast.rep_a).get(reverse("deal_list"), query)
    assert response.status_code == 200
    assert cast.deal.name in response.content.decode()


def test_htmx_sort_returns_only_the_table(cast: Any, login: Any) -> None:
    response = login(cast.rep_a).get(reverse("deal_list"), {"sort": "name"},
                                     HTTP_HX_REQUEST="true", HTTP_HX_TARGET="deal-rows")
    body = response.content.decode()
    assert cast.deal.name in body and "<html" not in body


def test_new_deal_is_created_for_the_user_and_their_team(cast: Any, login: Any) -> None:
    response = login(cast.rep_a).post(reverse("deal_new"), {
        "account": "浙江华拓新材料科技有限公司", "name": "华拓 数据中台", "amount": "880000",
        "currency": "cny", "stage": "qualify", "close_date": "2027-03-31"})
    deal = Opportunity.objects.get(name="华拓 数据中台")
    assert response.status_code == 302 and response["Location"] == reverse("deal_page", args=[deal.pk])
    assert (deal.owner, deal.team, deal.currency, deal.account.name) == (
        cast.rep_a, cast.team_a, "CNY", "浙江华拓新材料科技有限公司")
    assert deal.changes.filter(field="created").exists()


@pytest.mark.parametrize("field,value", [("name", ""), ("amount", "-5"), ("amount", "1e30"), ("currency", "人民币"),
                                         ("stage", "won_big"), ("close_date", "2027-02-30")])
def test_a_bad_new_deal_form_is_refused_and_creates_nothing(cast: Any, login: Any, field: str, value: str) -> None:
    data = {"account": "新客户", "name": "新商机", "amount": "100", "currency": "CNY", "stage": "lead",
            "close_date": ""}
    data[field] = value
    response = login(cast.rep_a).post(reverse("deal_new"), data)
    assert response.status_code == 400
    assert not Opportunity.objects.filter(name="新商机").exists()
    assert not Account.objects.filter(name="新客户").exists()


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_amounts_are_grouped_with_their_currency(cast: Any, login: Any, language: str) -> None:
    make_deal(owner=cast.rep_a, name="美元商机", amount=1234567, currency="USD")
    body = login(cast.rep_a).get(reverse("deal_list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert "¥1,200,000" in body and "$1,234,567" in body


def test_stage_names_are_in_the_language_of_each_list_page(cast: Any, login: Any) -> None:
    from django.utils import translation

    client = login(cast.rep_a)
    shown = []
    for lang, code in (("en", "en"), ("zh-CN", "zh-hans"), ("en", "en")):
        body = client.get(reverse("deal_list"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        with translation.override(code):
            expected = cast.deal.stage_name()  # the label the deal page shows
        assert f"<td>{expected}</td>" in body, (lang, expected)
        shown.append(expected)
    assert shown[0] == shown[2] != shown[1]
