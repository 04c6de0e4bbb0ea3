"""`?q=` finds deals by account, deal or contact name: Chinese substring, pinyin initials, full pinyin."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.deals.models import Account, Opportunity
from dealpilot.deals.search_keys import keys_for
from tests.pipeline.conftest import names
from tests.web.factories import make_stakeholder

pytestmark = pytest.mark.django_db


def test_keys_hold_the_name_its_full_pinyin_and_initials() -> None:
    assert keys_for(["恒锐精密"]) == "恒锐精密 hengruijingmi hrjm"
    assert keys_for(["Acme Corp", ""]) == "acme corp"


@pytest.mark.parametrize("q", ["恒锐", "hrjm", "HRJM", "hengrui", "排产"])
def test_finds_by_chinese_substring_initials_or_full_pinyin(deals: Any, cast: Any, login: Any, q: str) -> None:
    assert names(login(cast.rep_a).get("/pipeline/", {"q": q})) == {"恒锐精密 排产系统"}


def test_finds_by_account_name(deals: Any, cast: Any, login: Any) -> None:
    assert names(login(cast.manager_a).get("/pipeline/", {"q": "xzzg"})) == {"苏州 仓储改造"}  # 徐州重工


def test_finds_by_contact_name_and_follows_a_rename(deals: Any, cast: Any, login: Any) -> None:
    person = make_stakeholder(deals.mine, name="张伟")
    client = login(cast.rep_a)
    assert names(client.get("/pipeline/", {"q": "zhangwei"})) == {"恒锐精密 排产系统"}
    contact = person.contact
    contact.name = "李娜"
    contact.save()
    assert names(client.get("/pipeline/", {"q": "zhangwei"})) == set()
    assert names(client.get("/pipeline/", {"q": "ln"})) == {"恒锐精密 排产系统"}


def test_an_account_rename_is_found_at_once(deals: Any, cast: Any, login: Any) -> None:
    account = Account.objects.get(pk=deals.teammates.account_id)
    account.name = "常州精工"
    account.save()
    assert names(login(cast.manager_a).get("/pipeline/", {"q": "czjg"})) == {"苏州 仓储改造"}


def test_a_header_rename_through_the_deal_page_updates_the_keys(deals: Any, cast: Any, login: Any) -> None:
    deal = deals.mine
    client = login(cast.rep_a)
    response = client.post(f"/deals/{deal.pk}/edit/header/", {
        "version": deal.version, "name": "海天 仓库", "amount": "1200000", "currency": "CNY", "stage": "develop",
        "close_date": "", "owner": cast.rep_a.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200, response.content[:500]
    assert "htck" in Opportunity.objects.get(pk=deal.pk).search_keys
    assert "海天 仓库" in client.get("/pipeline/", {"q": "haitian"}).content.decode()


@pytest.mark.parametrize("member", ["rep_a", "manager_a"])
def test_search_never_finds_a_deal_one_may_not_see(deals: Any, cast: Any, login: Any, member: str) -> None:
    client = login(cast.member(member))
    assert names(client.get("/pipeline/", {"q": "nfmmjt"})) == set()  # 南方秘密集团, team B
    assert names(client.get("/pipeline/", {"q": "秘密"})) == set()
