"""Uploads that cannot hurt: bounded parsing, dates, versions, and nothing of another team's touched."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.urls import reverse

from dealpilot.deals.models import Account, ChangeRecord, Contact, DealStakeholder, Opportunity
from tests.web.factories import make_deal, make_stakeholder

EXAMPLE = Path(__file__).resolve().parents[2] / "dealpilot" / "engine" / "examples" / "deal.zh.yaml"


def _upload(client: Any, url: str, text: str | bytes, name: str = "deal.yaml") -> Any:
    data = text.encode() if isinstance(text, str) else text
    return client.post(url, {"document": SimpleUploadedFile(name, data)})


def _download(client: Any, deal: Opportunity) -> str:
    return client.get(reverse("deal_document", args=[deal.pk, "yaml"])).content.decode()


def _bomb() -> str:
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return "\n".join(lines) + "\nschema: *l8\n"


def _state(deal: Opportunity) -> tuple[Any, ...]:
    deal.refresh_from_db()
    return (deal.version, deal.name, deal.stage, deal.amount, ChangeRecord.objects.filter(opportunity=deal).count(),
            DealStakeholder.objects.filter(opportunity=deal).count())


@pytest.mark.parametrize("url", ["new", "replace"])
def test_the_alias_bomb_is_refused_quickly_with_a_short_page(cast: Any, login: Any, url: str) -> None:
    target = reverse("deal_upload_new") if url == "new" else reverse("deal_upload", args=[cast.deal.pk])
    before, deals = _state(cast.deal), Opportunity.objects.count()
    response = _upload(login(cast.rep_a), target, _bomb())
    assert response.status_code == 400
    assert "alias" in response.content.decode()
    assert len(response.content) < 20_000
    assert _state(cast.deal) == before and Opportunity.objects.count() == deals


@pytest.mark.parametrize("text,fmt", [("schema: " + "[" * 50_000 + "]" * 50_000 + "\n", "yaml"),
                                      ('{"schema": ' + "[" * 100_000 + "]" * 100_000 + "}", "json")])
def test_deep_nesting_is_a_400_naming_the_limit(cast: Any, login: Any, text: str, fmt: str) -> None:
    response = _upload(login(cast.rep_a), reverse("deal_upload_new"), text, f"deep.{fmt}")
    assert response.status_code == 400
    assert "nest" in response.content.decode()


@pytest.mark.parametrize("field,value", [("as_of", "2026-02-30"), ("opportunity.close_date", "2026-13-01"),
                                         ("opportunity.close_date", "0000-01-01"),
                                         ("budget.deadline", "'2026-02-30'")])
def test_impossible_dates_are_a_400_naming_the_path(cast: Any, login: Any, field: str, value: str) -> None:
    if field == "as_of":
        text = f"as_of: {value}\nopportunity: {{name: 日期, account: 日期客户}}\n"
    elif field == "budget.deadline":
        text = f"opportunity: {{name: 日期, account: 日期客户}}\nbudget: {{deadline: {value}}}\n"
    else:
        text = f"opportunity: {{name: 日期, account: 日期客户, close_date: {value}}}\n"
    response = _upload(login(cast.rep_a), reverse("deal_upload_new"), text)
    assert response.status_code == 400
    assert f"<code>{field}</code>" in response.content.decode()
    assert not Opportunity.objects.filter(name="日期").exists()


def test_too_many_stakeholders_are_refused_before_anything_is_written(cast: Any, login: Any) -> None:
    people = ", ".join(f"{{id: s{i}, name: P{i}}}" for i in range(30_000))
    text = f"opportunity: {{name: 很多人, account: 人多客户}}\nstakeholders: [{people}]\n"
    response = _upload(login(cast.rep_a), reverse("deal_upload_new"), text)
    assert response.status_code == 400
    assert "500" in response.content.decode()
    assert not Account.objects.filter(name="人多客户").exists()


def test_aliased_rows_cannot_multiply_a_small_file(cast: Any, login: Any) -> None:
    text = ("opportunity: {name: 行, account: 行客户}\nrow: &r {name: step}\n"
            "decision_chain: [" + ", ".join(["*r"] * 20_000) + "]\n")
    response = _upload(login(cast.rep_a), reverse("deal_upload_new"), text)
    assert response.status_code == 400
    assert not Opportunity.objects.filter(name="行").exists()


# --- replacing carries the version it was downloaded at -----------------------------------------


def _example_deal(client: Any) -> Opportunity:
    response = _upload(client, reverse("deal_upload_new"), EXAMPLE.read_text(encoding="utf-8"))
    assert response.status_code == 302, response.content.decode()[:1000]
    return Opportunity.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))


def test_the_download_carries_the_deal_version(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    deal = _example_deal(client)
    assert yaml.safe_load(_download(client, deal))["opportunity"]["version"] == deal.version


def test_an_old_document_is_refused_with_409_and_the_newer_state(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    deal = _example_deal(client)
    old = _download(client, deal)
    newer = yaml.safe_load(old)
    newer["budget"]["status"] = "approved"
    assert _upload(login(cast.manager_a), reverse("deal_upload", args=[deal.pk]),
                   yaml.safe_dump(newer, allow_unicode=True)).status_code == 302
    before = _state(deal)
    mine = yaml.safe_load(old)
    mine["opportunity"]["stage"] = "negotiate"
    response = _upload(login(cast.rep_a), reverse("deal_upload", args=[deal.pk]), yaml.safe_dump(mine, allow_unicode=True))
    assert response.status_code == 409
    body = response.content.decode()
    assert reverse("deal_document", args=[deal.pk, "yaml"]) in body  # the current document, one click away
    assert "budget" in body  # what changed since the document's version
    assert _state(deal) == before
    assert deal.budget_status == "approved" and deal.stage != "negotiate"


def test_a_workspace_save_after_the_download_makes_the_document_stale(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    deal = _example_deal(client)
    old = yaml.safe_load(_download(client, deal))
    Opportunity.objects.filter(pk=deal.pk).update(version=deal.version + 1, budget_status="allocated")
    old["opportunity"]["name"] = "覆盖"
    response = _upload(client, reverse("deal_upload", args=[deal.pk]), yaml.safe_dump(old, allow_unicode=True))
    assert response.status_code == 409
    deal.refresh_from_db()
    assert deal.budget_status == "allocated" and deal.name != "覆盖"


def test_a_replace_without_a_version_is_refused(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    deal = _example_deal(client)
    before = _state(deal)
    response = _upload(client, reverse("deal_upload", args=[deal.pk]), EXAMPLE.read_text(encoding="utf-8"))
    assert response.status_code == 409
    assert reverse("deal_document", args=[deal.pk, "yaml"]) in response.content.decode()
    assert _state(deal) == before


def test_the_version_key_does_not_matter_when_creating(cast: Any, login: Any) -> None:
    response = _upload(login(cast.rep_a), reverse("deal_upload_new"),
                       "opportunity: {name: 新的, account: 新客户, version: 7}\n")
    assert response.status_code == 302
    assert Opportunity.objects.get(name="新的").version == 1


def test_an_unchanged_replace_keeps_the_version(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    deal = _example_deal(client)
    text = _download(client, deal)
    assert _upload(client, reverse("deal_upload", args=[deal.pk]), text).status_code == 302
    assert _download(client, deal) == text


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks across threads need PostgreSQL")
def test_a_replace_racing_a_workspace_save_never_both_succeed(cast: Any, login: Any) -> None:
    from django.test import Client

    deal = _example_deal(login(cast.rep_a))
    text = yaml.safe_load(_download(login(cast.rep_a), deal))
    text["opportunity"]["name"] = "上传的"
    document = yaml.safe_dump(text, allow_unicode=True)
    based_on = deal.version
    results: dict[str, int] = {}
    start = threading.Barrier(2)

    def replace() -> None:
        client = Client()
        client.force_login(cast.rep_a)
        start.wait()
        results["replace"] = _upload(client, reverse("deal_upload", args=[deal.pk]), document).status_code
        connections.close_all()

    def save() -> None:
        client = Client()
        client.force_login(cast.manager_a)
        start.wait()
        results["save"] = client.post(reverse("workspace_block", args=[deal.pk, "budget"]),
                                      {"version": based_on, "budget_status": "allocated"}).status_code
        connections.close_all()

    threads = [threading.Thread(target=replace), threading.Thread(target=save)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results.values()) in ([200, 409], [302, 409]), results
    deal.refresh_from_db()
    assert deal.version == based_on + 1


# --- nothing of another team's is touched -------------------------------------------------------


def test_an_upload_naming_a_hidden_account_is_refused_and_attaches_nothing(cast: Any, login: Any) -> None:
    hidden = make_deal(owner=cast.rep_b)
    contact = Contact.objects.create(account=hidden.account, name="王总", title="CFO")
    make_stakeholder(hidden, contact=contact, title="CFO")
    text = f"opportunity: {{name: 借名, account: {hidden.account.name}}}\nstakeholders: [{{id: w, name: 王总, title: 董事长}}]\n"
    client = login(cast.rep_a)
    response = _upload(client, reverse("deal_upload_new"), text)
    assert response.status_code == 400
    assert "<code>opportunity.account</code>" in response.content.decode()
    assert not Opportunity.objects.filter(name="借名").exists()
    contact.refresh_from_db()
    assert contact.title == "CFO"
    assert client.get(reverse("account_page", args=[hidden.account.pk])).status_code == 404
    assert client.get(reverse("contact_page", args=[contact.pk])).status_code == 404


def test_the_new_deal_form_with_a_hidden_account_name_is_refused(cast: Any, login: Any) -> None:
    hidden = make_deal(owner=cast.rep_b)
    contact = make_stakeholder(hidden, name="李总").contact
    client = login(cast.rep_a)
    response = client.post(reverse("deal_new"), {"account": hidden.account.name, "name": "借名",
                                                 "currency": "CNY", "stage": "lead"})
    assert response.status_code == 400
    assert not Opportunity.objects.filter(name="借名").exists()
    assert client.get(reverse("account_page", args=[hidden.account.pk])).status_code == 404
    assert client.get(reverse("contact_page", args=[contact.pk])).status_code == 404


def test_a_visible_account_is_still_reused(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    response = client.post(reverse("deal_new"), {"account": cast.deal.account.name, "name": "二期",
                                                 "currency": "CNY", "stage": "lead"})
    assert response.status_code == 302
    assert Opportunity.objects.get(name="二期").account == cast.deal.account


def test_an_upload_changes_only_its_own_stakeholders_titles(cast: Any, login: Any) -> None:
    # The manager sees both deals of the account; the rep of team B's deal keeps its contact's title.
    other = make_deal(owner=cast.rep_b, account=cast.deal.account)
    theirs = make_stakeholder(other, title="总经理",
                              contact=Contact.objects.create(account=other.account, name="赵总", title="总经理"))
    text = (f"opportunity: {{name: 第三期, account: {cast.deal.account.name}}}\n"
            "stakeholders: [{id: z, name: 赵总, title: 采购员}]\n")
    assert _upload(login(cast.rep_a), reverse("deal_upload_new"), text).status_code == 302
    theirs.refresh_from_db()
    theirs.contact.refresh_from_db()
    assert (theirs.title, theirs.contact.title) == ("总经理", "总经理")
    mine = DealStakeholder.objects.get(opportunity__name="第三期")
    assert mine.title == "采购员" and mine.contact == theirs.contact


# --- the same rules for uploads and forms --------------------------------------------------------


def test_a_negative_amount_is_refused_by_the_upload(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    deal = _example_deal(client)
    data = yaml.safe_load(_download(client, deal))
    data["value"] = [{"metric": "节省", "amount": -5e15}]
    before = _state(deal)
    response = _upload(client, reverse("deal_upload", args=[deal.pk]), yaml.safe_dump(data, allow_unicode=True))
    assert response.status_code == 400
    assert "<code>value[0].amount</code>" in response.content.decode()
    assert _state(deal) == before


def test_a_reporting_loop_is_refused_by_the_upload(cast: Any, login: Any) -> None:
    text = ("opportunity: {name: 环, account: 环客户}\n"
            "stakeholders: [{id: s1, name: A, reports_to: s2}, {id: s2, name: B, reports_to: s1}]\n")
    response = _upload(login(cast.rep_a), reverse("deal_upload_new"), text)
    assert response.status_code == 400
    assert "reporting loop" in response.content.decode()
    assert not Contact.objects.filter(name="A").exists()
